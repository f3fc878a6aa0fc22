import type { Kysely } from 'kysely';
import type { Outcome, ReportStatus } from '../protocol/report';
import type { Resolution } from '../protocol/resolution';
import type { SubReportPart } from '../protocol/sub-reports';
import { formatReportNumber } from './reports';
import type { DB } from './schema';
import './schema-sub-reports';

/** Where a report stands among parts: its main report when it is a part, its part count when it was split. */
export interface PartLink {
  parentId: string | null;
  parentNumber: string | null;
  team: string | null;
  partCount: number;
}

export async function partLinkOf(db: Kysely<DB>, reportId: string): Promise<PartLink | undefined> {
  const row = await db
    .selectFrom('reports')
    .select(['parent_report_id', 'parent_number', 'part_team', 'part_count'])
    .where('id', '=', reportId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    parentId: row.parent_report_id,
    parentNumber: row.parent_number === null ? null : formatReportNumber(Number(row.parent_number)),
    team: row.part_team,
    partCount: Number(row.part_count),
  };
}

/** Marks a freshly inserted report as a part of `parent`. */
export async function markAsPart(trx: Kysely<DB>, partId: string, parent: { id: string; number: number }, team: string): Promise<void> {
  await trx
    .updateTable('reports')
    .set({ parent_report_id: parent.id, parent_number: parent.number, part_team: team })
    .where('id', '=', partId)
    .execute();
}

export async function setPartCount(trx: Kysely<DB>, reportId: string, count: number): Promise<void> {
  await trx.updateTable('reports').set({ part_count: count }).where('id', '=', reportId).execute();
}

/** Where a report's parts stand: how many, how many open, how many closed as resolved (lifecycle's PartsProgress). */
export async function partsProgressOf(db: Kysely<DB>, parentId: string): Promise<{ total: number; open: number; resolved: number }> {
  const rows = await db.selectFrom('reports').select(['status', 'outcome']).where('parent_report_id', '=', parentId).execute();
  return {
    total: rows.length,
    open: rows.filter((r) => r.status !== 'closed').length,
    resolved: rows.filter((r) => r.status === 'closed' && r.outcome === 'resolved').length,
  };
}

/** The parts of a report in number order, with each one's newest resolution (the closing summary reads it). */
export async function partsOf(db: Kysely<DB>, parentId: string): Promise<SubReportPart[]> {
  const rows = await db
    .selectFrom('reports')
    .select(['id', 'number', 'category', 'description', 'part_team', 'status', 'outcome', 'priority', 'created_at'])
    .where('parent_report_id', '=', parentId)
    .orderBy('number')
    .execute();
  if (rows.length === 0) return [];
  const resolutions = await db
    .selectFrom('resolutions')
    .select(['report_id', 'seq', 'state', 'body'])
    .where(
      'report_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('seq', 'desc')
    .execute();
  const newest = new Map<string, { state: string; body: Resolution }>();
  for (const r of resolutions) if (!newest.has(r.report_id)) newest.set(r.report_id, { state: r.state, body: JSON.parse(r.body) as Resolution });
  return rows.map((r) => {
    const resolution = newest.get(r.id);
    return {
      id: r.id,
      number: formatReportNumber(Number(r.number)),
      category: r.category,
      description: r.description,
      team: r.part_team ?? '',
      status: r.status as ReportStatus,
      outcome: r.outcome as Outcome | null,
      priority: r.priority as SubReportPart['priority'],
      createdAt: r.created_at,
      resolution: resolution ? { state: resolution.state as 'proposed' | 'confirmed', body: resolution.body } : null,
    };
  });
}

/** The distinct teams the categories name (their department): the teams a part may be for. */
export async function knownTeams(db: Kysely<DB>): Promise<string[]> {
  const rows = await db.selectFrom('categories').select('department').distinct().orderBy('department').execute();
  return rows.map((r) => r.department);
}
