import type { Generated, Insertable, Selectable } from 'kysely';
import type { AccessLogTable, JobLeaseTable, PhotoLegacyTable, ReportRetentionTable, RetentionLogTable, SignalBatchTable } from './schema-later';

/** Column types are portable between SQLite and PostgreSQL: text, bigint, integer, double precision. */
export interface CategoryTable {
  code: string;
  name_nl: string;
  name_en: string;
  department: string;
  sla_working_days: number;
  /** Terms for urgent and high reports in clock hours; null: the hub's defaults (migration 0022, domain/sla.ts). */
  sla_urgent_hours: Generated<number | null>;
  sla_high_hours: Generated<number | null>;
  sort_order: number;
  /** 1: left out of public answers' descriptions, coordinates rounded (migration 0006_privacy). */
  sensitive: Generated<number>;
  /** The category written for a sentence in citizen messages ("een boomtak"), per language; null: its name (0024). */
  phrase_nl: Generated<string | null>;
  phrase_en: Generated<string | null>;
}

export interface ReportTable {
  id: string;
  number: number;
  category: string;
  lat: number;
  lng: number;
  address: string | null;
  description: string;
  source: string;
  priority: string;
  status: string;
  outcome: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  follow_up_date: string | null;
  sla_deadline: string | null;
  /** Start of the last 20 % of the term (migration 0032, domain/sla.ts atRiskFrom); null without a deadline. */
  sla_at_risk_from: string | null;
  citizen_token: string | null;
  citizen_code: string | null;
  feedback_locale: Generated<string>;
  /** When the report was last closed (migration 0008); null while open. Retention counts from here. */
  closed_at: string | null;
  /** The reporter's consent to be contacted (0006_privacy): 1 agreed, 0 declined, null before it was recorded. */
  contact_consent: number | null;
  contact_consent_at: string | null;
  /** The H3 cell (resolution 8) of the place, set on insert (migration 0013): hotspots count per cell. */
  h3_r8: Generated<string | null>;
  /** Kept by the store functions that write reporters and outbox rows (migration 0011): the queue reads them. */
  reporter_count: Generated<number>;
  outbox_queued: Generated<number>;
  outbox_failed: Generated<number>;
  outbox_sent: Generated<number>;
}

export interface ReporterTable {
  id: string;
  report_id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  created_at: string;
  /** When the reporter agreed to be contacted, and how: 'console' or 'open311' (0006_privacy). */
  consent_at: string | null;
  consent_via: string | null;
  /** How the reporter wishes to be addressed ("mevrouw Jansen"), as given at intake; null: by name (0024). */
  salutation: Generated<string | null>;
}

export interface EventTable {
  seq: number;
  type: string;
  report_id: string | null;
  actor_id: string | null;
  at: string;
  payload: string;
}

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
  unit_id: string | null;
  active: number;
  created_at: string;
  /** 1: a demo user, active only in demo mode (migration 0009_users). */
  demo: Generated<number>;
  deactivated_at: string | null;
  /** The admin who deactivated the account, or null (also when the hub did, for a demo user outside demo mode). */
  deactivated_by: string | null;
  password_set_at: string | null;
  /** TOTP secret (base32); with totp_enabled_at null it is an enrolment not yet confirmed. */
  totp_secret: string | null;
  totp_enabled_at: string | null;
  /** The last 30-second step a code was accepted for: a code works once. */
  totp_last_step: number | null;
}

export interface SessionTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

/** A counter of failed guesses (migration 0007): sign-in and the citizen status lookup. */
export interface ThrottleTable {
  id: string;
  /** What is counted, e.g. `login_pair:<user key>:<ip>` or `status_number:123`. */
  key: string;
  scope: string;
  /** The user's name for sign-in counters of an existing user; null otherwise (never what was typed for an unknown one). */
  username: string | null;
  ip: string | null;
  /** A report number for the status lookup's per-number counter. */
  subject: string | null;
  misses: number;
  window_start: string;
  last_miss_at: string;
  blocked_until: string | null;
}

export interface UnitTable {
  id: string;
  callsign: string;
  kind: string;
  status: string;
  officer_count: number;
  lat: number | null;
  lng: number | null;
  position_at: string | null;
  updated_at: string;
  status_since: string | null;
  current_report_id: string | null;
  accuracy: number | null;
  heading: number | null;
  version: Generated<number>;
}

export interface AssignmentTable {
  id: string;
  report_id: string;
  unit_id: string;
  state: string;
  offered_at: string;
  expires_at: string;
  responded_at: string | null;
  offered_by: string | null;
}

export interface UnitPositionTable {
  unit_id: string;
  at: string;
  lat: number;
  lng: number;
  accuracy: number | null;
  heading: number | null;
}

export interface CommandLogTable {
  id: string;
  user_id: string;
  name: string;
  result: string;
  at: string;
}

export interface AlertTable {
  id: string;
  kind: string;
  report_id: string | null;
  unit_id: string | null;
  message: string;
  /** The message as a DomainText (JSON); null only for an alert whose unit or report was gone at migration 0010. */
  text: string | null;
  lat: number | null;
  lng: number | null;
  created_at: string;
  acked_at: string | null;
  acked_by: string | null;
}

export interface FocusAreaTable {
  id: string;
  name: string;
  polygon: string;
  instructions: string;
  public_text: string | null;
  starts_at: string;
  ends_at: string;
  created_by: string | null;
  created_at: string;
}

export interface TaskingTable {
  id: string;
  date: string;
  unit_id: string;
  area_id: string;
  shift: string;
  created_by: string | null;
}

export interface PhotoTable {
  id: string;
  report_id: string;
  unit_id: string | null;
  content_type: string;
  size: number;
  width: number;
  height: number;
  /** The re-encoded image (migration 0008). */
  data: Uint8Array;
  /** The seq of the finding the photo was sent with. */
  finding_seq: number | null;
  created_at: string;
  /** Migration 0025: 'before' | 'after' as the unit marked it; null before that or when unmarked. */
  kind: string | null;
  /** 'none' | 'approved': only an approved photo's variant is ever public (status page). */
  approval_state: Generated<string>;
  /** JSON { crop, blurs } in the original's pixels. */
  approval_params: string | null;
  approved_data: Uint8Array | null;
  approved_size: number | null;
  approved_width: number | null;
  approved_height: number | null;
  approved_by: string | null;
  approved_at: string | null;
}

export interface ResolutionTable {
  id: string;
  report_id: string;
  seq: number;
  state: 'proposed' | 'confirmed';
  body: string;
  created_by: string | null;
  created_at: string;
}

export type OutboxStatus = 'queued' | 'sent' | 'failed';

export interface OutboxTable {
  id: string;
  report_id: string;
  reporter_id: string | null;
  trigger: string;
  channel: 'email' | 'sms';
  recipient: string;
  subject: string;
  body_text: string;
  body_html: string | null;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  lease_owner: string | null;
  lease_until: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface FeedbackTemplateTable {
  id: string;
  category: string;
  trigger: string;
  outcome: string | null;
  locale: string;
  subject: string;
  body: string;
  updated_by: string | null;
  updated_at: string;
}

export interface CitizenResponseTable {
  id: string;
  report_id: string;
  satisfied: number;
  comment: string | null;
  created_at: string;
}

export interface DB {
  assignments: AssignmentTable;
  unit_positions: UnitPositionTable;
  command_log: CommandLogTable;
  alerts: AlertTable;
  focus_areas: FocusAreaTable;
  tasking: TaskingTable;
  photos: PhotoTable;
  resolutions: ResolutionTable;
  outbox: OutboxTable;
  feedback_templates: FeedbackTemplateTable;
  citizen_responses: CitizenResponseTable;
  categories: CategoryTable;
  reports: ReportTable;
  reporters: ReporterTable;
  events: EventTable;
  users: UserTable;
  sessions: SessionTable;
  throttles: ThrottleTable;
  units: UnitTable;
}

export type ReportRow = Selectable<ReportTable>;
export type NewReportRow = Insertable<ReportTable>;
export type EventRow = Selectable<EventTable>;
export type UserRow = Selectable<UserTable>;
export type UnitRow = Selectable<UnitTable>;
export type AssignmentRow = Selectable<AssignmentTable>;
export type AlertRow = Selectable<AlertTable>;
export type CategoryRow = Selectable<CategoryTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type NewOutboxRow = Insertable<OutboxTable>;

// ---- Open311 GeoReport v2 (migration 0004); merged into DB by interface declaration merging ----

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

export interface DB {
  api_keys: ApiKeyTable;
  open311_requests: Open311RequestTable;
  open311_comments: Open311CommentTable;
}

export type ApiKeyRow = Selectable<ApiKeyTable>;

export interface SignalTable {
  id: string;
  /** 'survey' | 'social' */
  source: string;
  /** Platform of a social signal, or the survey's name. */
  channel: string | null;
  text: string;
  lat: number;
  lng: number;
  place: string | null;
  url: string | null;
  occurred_at: string;
  imported_at: string;
  batch_id: string | null;
  external_id: string | null;
  created_by: string | null;
}

export interface DB {
  signals: SignalTable;
}

type SignalAddressColumn = 'address_label' | 'address_distance_m' | 'address_checked_at';
/** A signal's row; its nearest address (schema-addresses.ts) is written after the row, so a new row may leave it out. */
export type SignalRow = Omit<Selectable<SignalTable>, SignalAddressColumn> & Partial<Pick<Selectable<SignalTable>, SignalAddressColumn>>;

// ---- Later tables (schema-later.ts): survey batches, access log, stored photos and retention ----

export interface DB {
  signal_batches: SignalBatchTable;
  access_log: AccessLogTable;
  photos_legacy: PhotoLegacyTable;
  retention_log: RetentionLogTable;
  report_retention: ReportRetentionTable;
  job_leases: JobLeaseTable;
}

export type { SignalBatchTable, AccessLogTable, PhotoLegacyTable, RetentionLogTable, ReportRetentionTable, JobLeaseTable } from './schema-later';

// ---- Run cards, automatic offers, hub-wide marks (schema-run-cards.ts, migration 0021) ----

export interface DB {
  run_cards: import('./schema-run-cards').RunCardTable;
  auto_dispatches: import('./schema-run-cards').AutoDispatchTable;
  hub_marks: import('./schema-run-cards').HubMarkTable;
}

// ---- Unit emergencies (schema-emergencies.ts, migration 0019) ----

export interface DB {
  emergencies: import('./schema-emergencies').EmergencyTable;
  emergency_assists: import('./schema-emergencies').EmergencyAssistTable;
}
