import type { Kysely } from 'kysely';
import type { Priority, Report, ReportStatus, SourceChannel } from '../protocol/report';
import type { DB, NewReportRow, ReportRow } from './schema';

export function formatReportNumber(n: number): string {
  return `M-${String(n).padStart(6, '0')}`;
}

export function rowToReport(row: ReportRow, hasReporter: boolean): Report {
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
    hasReporter,
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

const withReporterFlag = (db: Kysely<DB>) =>
  db
    .selectFrom('reports')
    .selectAll('reports')
    .select((eb) =>
      eb
        .exists(eb.selectFrom('reporters').select('reporters.id').whereRef('reporters.report_id', '=', 'reports.id'))
        .as('has_reporter'),
    );

export async function getReport(db: Kysely<DB>, id: string): Promise<Report | undefined> {
  const row = await withReporterFlag(db).where('reports.id', '=', id).executeTakeFirst();
  return row ? rowToReport(row, Boolean(row.has_reporter)) : undefined;
}

export async function listReports(db: Kysely<DB>, scope: 'open' | 'all', limit = 20_000): Promise<Report[]> {
  let query = withReporterFlag(db).orderBy('reports.created_at', 'desc').limit(limit);
  if (scope === 'open') query = query.where('reports.status', '!=', 'closed');
  const rows = await query.execute();
  return rows.map((row) => rowToReport(row, Boolean(row.has_reporter)));
}
