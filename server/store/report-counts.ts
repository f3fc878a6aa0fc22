import { type Kysely, sql } from 'kysely';
import type { DB } from './schema';

/**
 * The counts kept on the report row (migration 0011) so the queue reads no subqueries. Every store function that
 * adds, moves or deletes reporters or enqueues, changes or deletes outbox rows calls one of these inside its
 * caller's transaction, so a count commits together with the rows it counts.
 */

/** One more reporter on the report (insertReporter). */
export async function countNewReporter(trx: Kysely<DB>, reportId: string): Promise<void> {
  await trx
    .updateTable('reports')
    .set((eb) => ({ reporter_count: eb('reporter_count', '+', 1) }))
    .where('id', '=', reportId)
    .execute();
}

/** One more queued message for the report (enqueueMessage). */
export async function countNewMessage(trx: Kysely<DB>, reportId: string): Promise<void> {
  await trx
    .updateTable('reports')
    .set((eb) => ({ outbox_queued: eb('outbox_queued', '+', 1) }))
    .where('id', '=', reportId)
    .execute();
}

/** Recounts the reporters of these reports from their rows (after reporters moved between reports). */
export async function recountReporters(trx: Kysely<DB>, reportIds: readonly string[]): Promise<void> {
  const ids = [...new Set(reportIds)];
  if (ids.length === 0) return;
  await trx
    .updateTable('reports')
    .set({ reporter_count: sql<number>`(select count(*) from reporters where reporters.report_id = reports.id)` })
    .where('id', 'in', ids)
    .execute();
}

/** Recounts the messages of these reports per state from their rows (after a status change or a delete). */
export async function recountMessages(trx: Kysely<DB>, reportIds: readonly string[]): Promise<void> {
  const ids = [...new Set(reportIds)];
  if (ids.length === 0) return;
  const count = (status: string) =>
    sql<number>`(select count(*) from outbox where outbox.report_id = reports.id and outbox.status = ${status})`;
  await trx
    .updateTable('reports')
    .set({ outbox_queued: count('queued'), outbox_failed: count('failed'), outbox_sent: count('sent') })
    .where('id', 'in', ids)
    .execute();
}
