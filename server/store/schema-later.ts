/** Tables added by migrations 0006–0009 (access log, survey batches, stored photos, retention); merged into DB in schema.ts. */
import type { Generated } from 'kysely';

// ---- Survey imports in stages (migration 0009_users) ----

/** A survey import: its rows are invisible while it is `pending` and shown all at once when it is `done`. */
export interface SignalBatchTable {
  id: string;
  source: string;
  state: string;
  rows: Generated<number>;
  created_by: string | null;
  created_at: string;
  heartbeat_at: string;
  completed_at: string | null;
}

// ---- Access log of personal data (migration 0006_privacy) ----

export interface AccessLogTable {
  id: string;
  at: string;
  user_id: string;
  role: string;
  action: string;
  route: string;
  report_id: string | null;
  subject: string | null;
  subject_hash: string | null;
  reason: string | null;
}

// ---- Photos in the store and retention (migration 0008) ----

/** Photos stored as files before 0008, re-encoded into `photos` at start-up (then removed). */
export interface PhotoLegacyTable {
  id: string;
  report_id: string;
  unit_id: string | null;
  content_type: string;
  size: number;
  path: string;
  created_at: string;
}

export interface RetentionLogTable {
  id: string;
  at: string;
  kind: string;
  count: number;
  /** JSON: [{ id, number }] of the reports concerned, empty for kinds not per report. */
  reports: string;
  event_seq: number | null;
}

export interface ReportRetentionTable {
  report_id: string;
  kind: string;
  /** The report's version when this kind of its data was erased. */
  version: number;
  at: string;
}

export interface JobLeaseTable {
  name: string;
  owner: string | null;
  lease_until: string | null;
  last_run_at: string | null;
}

