/** Store tables: open311 GeoReport v2 (migration 0004): API keys, the requests their clients made, their comments. Merged into DB in schema.ts. */
import type { Generated } from 'kysely';

export interface ApiKeyTable {
  id: string;
  client_name: string;
  /** SHA-256 (hex) of the key; the key itself is shown once, at creation. */
  key_hash: string;
  /** The key's first characters, so an admin can tell keys apart. */
  key_prefix: string;
  /** The system user the client's reports are created by. */
  user_id: string;
  created_at: string;
  created_by: string | null;
  revoked_at: string | null;
  /** 1: the client app asks its users' consent to be contacted; without it their contact fields are not kept (0006_privacy). */
  contact_consent: Generated<number>;
  /** 0: the client app tells its users about their reports itself; the hub sends that key's reporters no messages (0031). */
  send_messages: Generated<number>;
}

export interface Open311RequestTable {
  report_id: string;
  api_key_id: string;
  /** JSON: the validated attribute answers. */
  attributes: string;
  media_url: string | null;
  device_id: string | null;
  account_id: string | null;
  created_at: string;
  /** The title the client sent with the request (0031). */
  title: Generated<string | null>;
}

/** A citizen comment an Open311 client posted to servicerequestupdates, once per client update id (0031). */
export interface Open311CommentTable {
  id: string;
  api_key_id: string;
  client_update_id: string;
  report_id: string;
  status: string;
  description: string;
  media_url: string | null;
  created_at: string;
}
