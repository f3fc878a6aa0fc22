import type { Kysely } from 'kysely';
import type { DeliverySummary, Priority, Report, ReportStatus, SourceChannel } from '../protocol/report';
import { inSnapshot, latestSeq } from './events';
import { reportCell } from './report-cells';
import { countNewReporter } from './report-counts';
import type { DB, NewReportRow, ReportRow } from './schema';
import './schema-sub-reports';

export function formatReportNumber(n: number): string {
  return `M-${String(n).padStart(6, '0')}`;
}

/** The counts kept on the report row (migration 0011, store/report-counts.ts). */
export interface ReportAggregates {
  reporter_count: number | string | bigint;
  outbox_failed: number | string | bigint;
  outbox_queued: number | string | bigint;
  outbox_sent: number | string | bigint;
}

function deliverySummary(row: ReportAggregates): DeliverySummary {
  if (Number(row.outbox_failed) > 0) return 'failed';
  if (Number(row.outbox_queued) > 0) return 'queued';
  if (Number(row.outbox_sent) > 0) return 'sent';
  return 'none';
}

/** The columns a `Report` is made of: no subqueries, none of the citizen's link, code or consent. */
export const REPORT_COLUMNS = [
  'reports.id',
  'reports.number',
  'reports.category',
  'reports.lat',
  'reports.lng',
  'reports.address',
  'reports.description',
  'reports.source',
  'reports.priority',
  'reports.status',
  'reports.outcome',
  'reports.follow_up_date',
  'reports.sla_deadline',
  'reports.sla_at_risk_from',
  'reports.awaiting_reply_since',
  'reports.created_at',
  'reports.updated_at',
  'reports.version',
  'reports.reporter_count',
  'reports.outbox_queued',
  'reports.outbox_failed',
  'reports.outbox_sent',
  // Sub-reports (migration 0029, store/schema-sub-reports.ts).
  'reports.parent_number',
  'reports.part_count',
] as const;

export type ReportColumnsRow = Pick<ReportRow, (typeof REPORT_COLUMNS)[number] extends `reports.${infer C}` ? C & keyof ReportRow : never>;

export function rowToReport(row: ReportColumnsRow): Report {
  return {
    id: row.id,
    number: formatReportNumber(Number(row.number)),
    category: row.category,
    lat: row.lat,
    lng: row.lng,
    address: row.address,
    description: row.description,
    source: row.source as SourceChannel,
    priority: row.priority as Priority,
    status: row.status as ReportStatus,
    outcome: row.outcome as Report['outcome'],
    hasReporter: Number(row.reporter_count) > 0,
    reporterCount: Number(row.reporter_count),
    followUpDate: row.follow_up_date,
    slaDeadline: row.sla_deadline,
    slaAtRiskFrom: row.sla_at_risk_from ?? null,
    awaitingReplySince: row.awaiting_reply_since ?? null,
    delivery: deliverySummary(row),
    // Only on parts and split reports (domain/sub-reports.ts): other reports stay as they were on the wire.
    ...(row.parent_number !== null ? { parentNumber: formatReportNumber(Number(row.parent_number)) } : {}),
    ...(Number(row.part_count) > 0 ? { partCount: Number(row.part_count) } : {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: Number(row.version),
  };
}

/** Reports as `Report`s are read: the caller adds where, order and limit. */
export const selectReports = (db: Kysely<DB>) => db.selectFrom('reports').select(REPORT_COLUMNS);

export async function nextReportNumber(trx: Kysely<DB>): Promise<number> {
  const row = await trx.selectFrom('reports').select((eb) => eb.fn.max('number').as('n')).executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

export async function insertReport(trx: Kysely<DB>, row: NewReportRow): Promise<void> {
  await trx.insertInto('reports').values({ ...row, h3_r8: reportCell(row.lat, row.lng) }).execute();
}

export async function insertReporter(
  trx: Kysely<DB>,
  reporter: {
    id: string;
    reportId: string;
    name?: string | undefined;
    /** How the reporter wishes to be addressed in messages ("mevrouw Jansen"; migration 0024). */
    salutation?: string | undefined;
    email?: string | undefined;
    phone?: string | undefined;
    at: string;
    /** When and how the reporter agreed to be contacted (README "Consent"). */
    consent?: { at: string; via: 'console' | 'open311' } | undefined;
  },
): Promise<void> {
  await trx
    .insertInto('reporters')
    .values({
      id: reporter.id,
      report_id: reporter.reportId,
      name: reporter.name ?? null,
      salutation: reporter.salutation?.trim() || null,
      email: reporter.email ?? null,
      phone: reporter.phone ?? null,
      created_at: reporter.at,
      consent_at: reporter.consent?.at ?? null,
      consent_via: reporter.consent?.via ?? null,
    })
    .execute();
  await countNewReporter(trx, reporter.reportId);
}

const toReport = rowToReport;

export async function getReport(db: Kysely<DB>, id: string): Promise<Report | undefined> {
  const row = await selectReports(db).where('reports.id', '=', id).executeTakeFirst();
  return row ? toReport(row) : undefined;
}

/** The reports of `scope` and the seq of the last event they include, read together: a client resumes from exactly there. */
export function reportsSnapshot(db: Kysely<DB>, scope: 'open' | 'all'): Promise<{ reports: Report[]; seq: number }> {
  return inSnapshot(db, async (trx) => {
    const seq = await latestSeq(trx);
    return { reports: await listReports(trx, scope), seq };
  });
}

export async function listReports(db: Kysely<DB>, scope: 'open' | 'all', limit = 20_000): Promise<Report[]> {
  let query = selectReports(db).orderBy('reports.created_at', 'desc').limit(limit);
  if (scope === 'open') query = query.where('reports.status', '!=', 'closed');
  const rows = await query.execute();
  return rows.map(toReport);
}

/** What a report's citizen messages and status page need: the status link token, the short code, the language, the deadline. */
export interface CitizenAccess {
  token: string | null;
  code: string | null;
  locale: 'nl' | 'en';
  slaDeadline: string | null;
}

export async function citizenAccessOf(db: Kysely<DB>, reportId: string): Promise<CitizenAccess | undefined> {
  const row = await db
    .selectFrom('reports')
    .select(['citizen_token', 'citizen_code', 'feedback_locale', 'sla_deadline'])
    .where('id', '=', reportId)
    .executeTakeFirst();
  if (!row) return undefined;
  return { token: row.citizen_token, code: row.citizen_code, locale: row.feedback_locale === 'en' ? 'en' : 'nl', slaDeadline: row.sla_deadline };
}

const CITIZEN_TOKEN = /^[A-Za-z0-9_-]{20,64}$/;

/** The report behind a citizen's status link (the token in every message). */
export async function reportForCitizenToken(db: Kysely<DB>, token: string): Promise<{ id: string; number: string } | undefined> {
  if (!CITIZEN_TOKEN.test(token)) return undefined;
  const row = await db.selectFrom('reports').select(['id', 'number']).where('citizen_token', '=', token).executeTakeFirst();
  return row ? { id: row.id, number: formatReportNumber(Number(row.number)) } : undefined;
}

/** A new version of the report (the seq of the event that changed it); `updatedAt` when its content changed too. */
export async function touchReport(trx: Kysely<DB>, id: string, change: { version: number; updatedAt?: string }): Promise<void> {
  await trx
    .updateTable('reports')
    .set({ version: change.version, ...(change.updatedAt ? { updated_at: change.updatedAt } : {}) })
    .where('id', '=', id)
    .execute();
}

export async function updateReportStatus(
  trx: Kysely<DB>,
  id: string,
  change: { status: ReportStatus; outcome: Report['outcome']; followUpDate: string | null; at: string; version: number },
): Promise<void> {
  await trx
    .updateTable('reports')
    .set({
      status: change.status,
      outcome: change.outcome,
      follow_up_date: change.followUpDate,
      updated_at: change.at,
      version: change.version,
      // Retention periods count from the (last) closing.
      closed_at: change.status === 'closed' ? change.at : null,
    })
    .where('id', '=', id)
    .execute();
}

/** Open reports of a category created since `since` inside a lat/lng box: the candidates of a duplicate search. */
export async function openReportsInBox(
  db: Kysely<DB>,
  query: { category: string; since: string; box: { minLat: number; maxLat: number; minLng: number; maxLng: number }; limit: number },
): Promise<Report[]> {
  const rows = await selectReports(db)
    .where('reports.category', '=', query.category)
    .where('reports.status', '!=', 'closed')
    // A part is no duplicate candidate: callers follow the main report (domain/sub-reports.ts).
    .where('reports.parent_report_id', 'is', null)
    .where('reports.created_at', '>=', query.since)
    .where('reports.lat', '>=', query.box.minLat)
    .where('reports.lat', '<=', query.box.maxLat)
    .where('reports.lng', '>=', query.box.minLng)
    .where('reports.lng', '<=', query.box.maxLng)
    .limit(query.limit)
    .execute();
  return rows.map(toReport);
}
