import type { Insertable, Selectable } from 'kysely';
import type { AlertTable, AssignmentTable, FocusAreaTable, TaskingTable, UnitPositionTable, UnitTable } from './schema-dispatch';
import type { AccessLogTable, JobLeaseTable, PhotoLegacyTable, ReportRetentionTable, RetentionLogTable, SignalBatchTable } from './schema-later';
import type { CitizenResponseTable, FeedbackTemplateTable, OutboxTable, ResolutionTable } from './schema-messages';
import type { ApiKeyTable, Open311CommentTable, Open311RequestTable } from './schema-open311';
import type { CommandLogTable, SessionTable, ThrottleTable, UserTable } from './schema-people';
import type { CategoryTable, EventTable, PhotoTable, ReporterTable, ReportTable } from './schema-reports';
import type { SignalTable } from './schema-signals';

/**
 * The store's tables, by area in the schema-*.ts modules (re-exported here); DB names them all. Modules of later
 * migrations merge their tables into DB by declaration merging (`declare module './schema'`).
 * Column types are portable between SQLite and PostgreSQL: text, bigint, integer, double precision.
 */
export type { AlertTable, AssignmentTable, FocusAreaTable, TaskingTable, UnitPositionTable, UnitTable } from './schema-dispatch';
export type { CitizenResponseTable, FeedbackTemplateTable, OutboxStatus, OutboxTable, ResolutionTable } from './schema-messages';
export type { ApiKeyTable, Open311CommentTable, Open311RequestTable } from './schema-open311';
export type { CommandLogTable, SessionTable, ThrottleTable, UserTable } from './schema-people';
export type { CategoryTable, EventTable, PhotoTable, ReporterTable, ReportTable } from './schema-reports';
export type { SignalTable } from './schema-signals';

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
  api_keys: ApiKeyTable;
  open311_requests: Open311RequestTable;
  open311_comments: Open311CommentTable;
  signals: SignalTable;
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
export type ApiKeyRow = Selectable<ApiKeyTable>;

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
