import type { Kysely } from 'kysely';
import type { DB } from './schema';

/** Automatic offers (hub/auto-dispatch.ts): which reports wait, who made the offer, when a desk was last seen. */

export interface WaitingReport {
  id: string;
  category: string;
  createdAt: string;
}

/**
 * Reports that wait unassigned (new or triaged, no open or accepted assignment) and were never offered
 * automatically, oldest first. `categories` null: every category.
 */
export async function waitingReports(db: Kysely<DB>, opts: { categories: readonly string[] | null; limit: number }): Promise<WaitingReport[]> {
  if (opts.categories !== null && opts.categories.length === 0) return [];
  let query = db
    .selectFrom('reports')
    .select(['reports.id', 'reports.category', 'reports.created_at'])
    .where('reports.status', 'in', ['new', 'triaged'])
    .where((eb) => eb.not(eb.exists(eb.selectFrom('auto_dispatches').select('report_id').whereRef('auto_dispatches.report_id', '=', 'reports.id'))))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('assignments').select('id').whereRef('assignments.report_id', '=', 'reports.id').where('assignments.state', 'in', ['offered', 'accepted']),
        ),
      ),
    );
  if (opts.categories !== null) query = query.where('reports.category', 'in', [...opts.categories]);
  const rows = await query.orderBy('reports.status').orderBy('reports.created_at').limit(opts.limit).execute();
  return rows.map((r) => ({ id: r.id, category: r.category, createdAt: r.created_at }));
}

/** Records the automatic offer of a report; false when one was recorded already (another node, an earlier tick). */
export async function claimAutoDispatch(trx: Kysely<DB>, row: { reportId: string; at: string; reason: string; nodeId: string | null }): Promise<boolean> {
  const result = await trx
    .insertInto('auto_dispatches')
    .values({ report_id: row.reportId, at: row.at, reason: row.reason, node_id: row.nodeId })
    .onConflict((oc) => oc.column('report_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

const DESK_SEEN = 'desk_seen';

/** When a desk console was last connected to any node (null: never recorded). */
export async function deskSeenAt(db: Kysely<DB>): Promise<string | null> {
  const row = await db.selectFrom('hub_marks').select('at').where('name', '=', DESK_SEEN).executeTakeFirst();
  return row?.at ?? null;
}

/** A desk is connected now (or, with `onlyIfAbsent`, the hub starts: the clock starts then). */
export async function markDeskSeen(db: Kysely<DB>, at: string, onlyIfAbsent = false): Promise<void> {
  await db
    .insertInto('hub_marks')
    .values({ name: DESK_SEEN, at })
    .onConflict((oc) => (onlyIfAbsent ? oc.column('name').doNothing() : oc.column('name').doUpdateSet({ at })))
    .execute();
}
