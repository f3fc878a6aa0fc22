import { type Kysely, sql } from 'kysely';
import type { Report } from '../protocol/report';
import { inSnapshot, latestSeq } from './events';
import { rowToReport, selectReports } from './reports';
import type { DB } from './schema';

/** Where the next page of the open queue starts: after this report in the order newest first (created_at, id). */
export interface QueueCursor {
  createdAt: string;
  id: string;
}

export interface QueuePage {
  reports: Report[];
  /** Null on the last page. */
  next: QueueCursor | null;
  /** Open reports in this page's snapshot. */
  total: number;
  /** The seq of the last event this page includes. */
  seq: number;
}

// Written out (not a bound parameter) so SQLite uses the partial index reports_open_queue (migration 0011).
const IS_OPEN = sql<boolean>`reports.status <> 'closed'`;

/**
 * One page of the open reports, newest first, after `after` (keyset: created_at never changes, so paging never
 * skips or repeats a report), with the open total and the event seq it is consistent with, read in one snapshot.
 * A report opened or closed between pages reaches the client as an event after the first page's seq.
 */
export function openQueuePage(db: Kysely<DB>, after: QueueCursor | null, limit: number): Promise<QueuePage> {
  return inSnapshot(db, async (trx) => {
    const seq = await latestSeq(trx);
    let query = selectReports(trx).where(IS_OPEN);
    if (after) {
      query = query.where((eb) => eb(eb.refTuple('reports.created_at', 'reports.id'), '<', eb.tuple(after.createdAt, after.id)));
    }
    const rows = await query.orderBy('reports.created_at', 'desc').orderBy('reports.id', 'desc').limit(limit + 1).execute();
    const total = await trx.selectFrom('reports').select((eb) => eb.fn.countAll().as('n')).where(IS_OPEN).executeTakeFirstOrThrow();
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    const last = page[page.length - 1];
    return {
      reports: page.map(rowToReport),
      next: more && last ? { createdAt: last.created_at, id: last.id } : null,
      total: Number(total.n),
      seq,
    };
  });
}
