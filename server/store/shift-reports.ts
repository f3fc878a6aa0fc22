import { type Kysely, sql } from 'kysely';
import { handoverRank, type LoggedEvent, OPEN_LIST_LIMIT } from '../domain/shift-report';
import type { Priority, ReportStatus } from '../protocol/report';
import type { ShiftReport, ShiftReportContent, ShiftReportOpenRow, ShiftReportSummary } from '../protocol/shift-report';
import { formatReportNumber } from './reports';
import type { DB } from './schema';
import type { ShiftReportTable } from './schema-shift-reports';

/** What the shift report reads (counts, the event log's notable rows, open reports) and the saved reports with their acknowledgements. */

// Written literally so SQLite uses the partial indexes of migrations 0031 (transitions) and 0041 (notable events).
const NOTABLE = sql.raw("type in ('emergency.updated', 'priority_traffic.declared', 'priority_traffic.lifted', 'alert.raised', 'alert.escalated')");
const TRANSITIONED = sql.raw("type = 'report.transitioned'");

/** Reports created in [from, until). */
export async function reportsReceivedBetween(db: Kysely<DB>, from: string, until: string): Promise<number> {
  const row = await db
    .selectFrom('reports')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('created_at', '>=', from)
    .where('created_at', '<', until)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The target status of every transition in [from, until), from the event log. */
export async function transitionsBetween(db: Kysely<DB>, from: string, until: string): Promise<{ to: string }[]> {
  const rows = await sql<{ payload: string }>`select payload from events where ${TRANSITIONED} and at >= ${from} and at < ${until}`.execute(db);
  return rows.rows.map((r) => ({ to: String((JSON.parse(r.payload) as { to?: unknown }).to ?? '') }));
}

/** The event log's rows of the notable types in [from, until), payload parsed. */
export async function notableEventRows(db: Kysely<DB>, from: string, until: string): Promise<LoggedEvent[]> {
  const rows = await sql<{ seq: number | string; type: string; at: string; payload: string }>`
    select seq, type, at, payload from events where ${NOTABLE} and at >= ${from} and at < ${until} order by at, seq`.execute(db);
  return rows.rows.map((r) => ({ seq: Number(r.seq), type: r.type, at: r.at, payload: JSON.parse(r.payload) as Record<string, unknown> }));
}

export async function reportNumbers(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('reports').select(['id', 'number']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, formatReportNumber(Number(r.number))]));
}

/** Open reports per status, and how many are past their deadline at `at`. */
export async function openCounts(db: Kysely<DB>, at: string): Promise<{ byStatus: { status: ReportStatus; count: number }[]; overdue: number }> {
  const rows = await db
    .selectFrom('reports')
    .select(['status', (eb) => eb.fn.countAll().as('n'), (eb) => eb.fn.sum(sql<number>`case when sla_deadline < ${at} then 1 else 0 end`).as('overdue')])
    .where('status', '<>', 'closed')
    .groupBy('status')
    .execute();
  return {
    byStatus: rows.map((r) => ({ status: r.status as ReportStatus, count: Number(r.n) })).sort((a, b) => b.count - a.count || (a.status < b.status ? -1 : 1)),
    overdue: rows.reduce((sum, r) => sum + Number(r.overdue ?? 0), 0),
  };
}

/** The open reports to hand over, most pressing first (domain/shift-report.ts handoverRank), at most OPEN_LIST_LIMIT. */
export async function openReportsToHandOver(db: Kysely<DB>, at: string): Promise<ShiftReportOpenRow[]> {
  const rank = sql<number>`case when sla_deadline is not null and sla_deadline < ${at} then 0
    when priority = 'urgent' or status = 'reopen_requested' then 1 when priority = 'high' then 2 else 3 end`;
  const rows = await db
    .selectFrom('reports')
    .select(['id', 'number', 'category', 'address', 'status', 'priority', 'created_at', 'sla_deadline', 'follow_up_date'])
    .where('status', '<>', 'closed')
    .orderBy(rank)
    .orderBy(sql`coalesce(sla_deadline, created_at)`)
    .orderBy('number')
    .limit(OPEN_LIST_LIMIT)
    .execute();
  return rows.map((r) => {
    const row = {
      id: r.id,
      number: formatReportNumber(Number(r.number)),
      category: r.category,
      address: r.address,
      status: r.status as ReportStatus,
      priority: r.priority as Priority,
      createdAt: r.created_at,
      slaDeadline: r.sla_deadline,
      followUpDate: r.follow_up_date,
      overdue: false,
    };
    return { ...row, overdue: handoverRank(row, at) === 0 };
  });
}

function rowToReport(r: ShiftReportTable): ShiftReport {
  const content = JSON.parse(r.content) as ShiftReportContent;
  return { ...content, id: r.id, notes: r.notes, writtenBy: r.written_by, writtenByName: r.written_by_name, savedAt: r.saved_at };
}

/** Saves the shift's report, replacing an earlier one of the same shift (its acknowledgements go: the next lead reads it again). */
export async function upsertShiftReport(
  db: Kysely<DB>,
  report: { id: string; content: ShiftReportContent; notes: string; by: string; byName: string; at: string },
): Promise<ShiftReport> {
  const { content } = report;
  const earlier = await db
    .selectFrom('shift_reports')
    .select('id')
    .where('shift_date', '=', content.date)
    .where('shift', '=', content.shift)
    .executeTakeFirst();
  const values = {
    starts_at: content.startsAt,
    ends_at: content.endsAt,
    content: JSON.stringify(content),
    notes: report.notes,
    written_by: report.by,
    written_by_name: report.byName,
    saved_at: report.at,
  };
  const id = earlier?.id ?? report.id;
  if (earlier) {
    await db.updateTable('shift_reports').set(values).where('id', '=', id).execute();
    await db.deleteFrom('shift_report_acks').where('report_id', '=', id).execute();
  } else {
    await db
      .insertInto('shift_reports')
      .values({ id, shift_date: content.date, shift: content.shift, ...values })
      .execute();
  }
  return { ...content, id, notes: report.notes, writtenBy: report.by, writtenByName: report.byName, savedAt: report.at };
}

export async function getShiftReport(db: Kysely<DB>, id: string): Promise<ShiftReport | undefined> {
  const row = await db.selectFrom('shift_reports').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? rowToReport(row) : undefined;
}

/** The latest saved reports, newest shift first, with whether `userId` acknowledged each. */
export async function listShiftReports(db: Kysely<DB>, userId: string, limit: number): Promise<ShiftReportSummary[]> {
  const rows = await db
    .selectFrom('shift_reports as r')
    .leftJoin('shift_report_acks as a', (join) => join.onRef('a.report_id', '=', 'r.id').on('a.user_id', '=', userId))
    .select(['r.id', 'r.shift_date', 'r.shift', 'r.written_by_name', 'r.saved_at', 'a.acked_at'])
    .orderBy('r.starts_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    date: r.shift_date,
    shift: r.shift as ShiftReportSummary['shift'],
    writtenByName: r.written_by_name,
    savedAt: r.saved_at,
    acknowledged: r.acked_at !== null,
  }));
}

/**
 * The handover waiting for `userId`: the report of the latest shift that has one, when someone else wrote it and
 * `userId` has not acknowledged it. Older reports are history (the list), not a handover.
 */
export async function pendingHandover(db: Kysely<DB>, userId: string): Promise<ShiftReport | null> {
  const latest = await db.selectFrom('shift_reports').selectAll().orderBy('starts_at', 'desc').limit(1).executeTakeFirst();
  if (!latest || latest.written_by === userId) return null;
  const acked = await db
    .selectFrom('shift_report_acks')
    .select('acked_at')
    .where('report_id', '=', latest.id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return acked ? null : rowToReport(latest);
}

/** Records that `userId` read the handover; true when it was not acknowledged before. */
export async function acknowledgeShiftReport(db: Kysely<DB>, reportId: string, userId: string, at: string): Promise<boolean> {
  const result = await db
    .insertInto('shift_report_acks')
    .values({ report_id: reportId, user_id: userId, acked_at: at })
    .onConflict((oc) => oc.columns(['report_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}
