/** Store tables: reports and what hangs on them: categories, the report, its reporters, the event log, photos. Merged into DB in schema.ts. */
import type { Generated } from 'kysely';

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
