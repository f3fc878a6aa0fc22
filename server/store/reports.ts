import type { ExpressionBuilder, Kysely } from 'kysely';
import type { DeliverySummary, Priority, Report, ReportStatus, SourceChannel } from '../protocol/report';
import type { DB, NewReportRow, OutboxStatus, ReportRow } from './schema';

export function formatReportNumber(n: number): string {
  return `M-${String(n).padStart(6, '0')}`;
}

export interface ReportAggregates {
  reporter_count: number | string | bigint;
  failed_count: number | string | bigint;
  queued_count: number | string | bigint;
  sent_count: number | string | bigint;
}

function deliverySummary(row: ReportAggregates): DeliverySummary {
  if (Number(row.failed_count) > 0) return 'failed';
  if (Number(row.queued_count) > 0) return 'queued';
  if (Number(row.sent_count) > 0) return 'sent';
  return 'none';
}

export function rowToReport(row: ReportRow & ReportAggregates): Report {
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
    delivery: deliverySummary(row),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: Number(row.version),
  };
}

export async function nextReportNumber(trx: Kysely<DB>): Promise<number> {
  const row = await trx.selectFrom('reports').select((eb) => eb.fn.max('number').as('n')).executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

export async function insertReport(trx: Kysely<DB>, row: NewReportRow): Promise<void> {
  await trx.insertInto('reports').values(row).execute();
}

export async function insertReporter(
  trx: Kysely<DB>,
  reporter: { id: string; reportId: string; name?: string | undefined; email?: string | undefined; phone?: string | undefined; at: string },
): Promise<void> {
  await trx
    .insertInto('reporters')
    .values({
      id: reporter.id,
      report_id: reporter.reportId,
      name: reporter.name ?? null,
      email: reporter.email ?? null,
      phone: reporter.phone ?? null,
      created_at: reporter.at,
    })
    .execute();
}

const outboxCount = (status: string) => (eb: ExpressionBuilder<DB, 'reports'>) =>
  eb
    .selectFrom('outbox')
    .select((o) => o.fn.countAll().as('n'))
    .whereRef('outbox.report_id', '=', 'reports.id')
    .where('outbox.status', '=', status as OutboxStatus);

const reportsWithAggregates = (db: Kysely<DB>) =>
  db
    .selectFrom('reports')
    .selectAll('reports')
    .select((eb) => [
      eb
        .selectFrom('reporters')
        .select((r) => r.fn.countAll().as('n'))
        .whereRef('reporters.report_id', '=', 'reports.id')
        .as('reporter_count'),
      outboxCount('failed')(eb).as('failed_count'),
      outboxCount('queued')(eb).as('queued_count'),
      outboxCount('sent')(eb).as('sent_count'),
    ]);

type AggregateRow = ReportRow & { reporter_count: unknown; failed_count: unknown; queued_count: unknown; sent_count: unknown };
const toReport = (row: AggregateRow) => rowToReport(row as ReportRow & ReportAggregates);

export async function getReport(db: Kysely<DB>, id: string): Promise<Report | undefined> {
  const row = await reportsWithAggregates(db).where('reports.id', '=', id).executeTakeFirst();
  return row ? toReport(row) : undefined;
}

export async function listReports(db: Kysely<DB>, scope: 'open' | 'all', limit = 20_000): Promise<Report[]> {
  let query = reportsWithAggregates(db).orderBy('reports.created_at', 'desc').limit(limit);
  if (scope === 'open') query = query.where('reports.status', '!=', 'closed');
  const rows = await query.execute();
  return rows.map(toReport);
}
