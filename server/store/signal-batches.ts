import type { ExpressionBuilder, Kysely } from 'kysely';
import type { DB, SignalRow } from './schema';

/**
 * Survey imports in stages (migration 0009_users): the rows of a large import are written in short
 * statements under a `pending` batch, which every reader of `signals` leaves out (`visibleSignal`), and
 * appear at once when the import's command marks the batch `done` in its one write transaction (with the
 * event). Nothing else waits for the whole import: each statement is a few milliseconds.
 */

/** Reader filter: a signal is visible unless it belongs to a batch that is still pending. */
export function visibleSignal(eb: ExpressionBuilder<DB, 'signals'>) {
  return eb.or([
    eb('signals.batch_id', 'is', null),
    eb('signals.batch_id', 'not in', eb.selectFrom('signal_batches').select('signal_batches.id').where('signal_batches.state', '=', 'pending')),
  ]);
}

export async function openSignalBatch(db: Kysely<DB>, batch: { id: string; source: string; createdBy: string | null; at: string }): Promise<void> {
  await db
    .insertInto('signal_batches')
    .values({ id: batch.id, source: batch.source, state: 'pending', created_by: batch.createdBy, created_at: batch.at, heartbeat_at: batch.at })
    .execute();
}

/** One statement: these rows of a pending batch, and its heartbeat (a batch without one for long is abandoned). */
export async function stageSignals(db: Kysely<DB>, batchId: string, rows: readonly SignalRow[], at: string): Promise<void> {
  if (rows.length > 0) await db.insertInto('signals').values(rows).execute();
  await db.updateTable('signal_batches').set({ heartbeat_at: at }).where('id', '=', batchId).execute();
}

/** In the import's write transaction: the batch's rows become visible. False when the batch is gone (discarded as abandoned). */
export async function completeSignalBatch(trx: Kysely<DB>, batchId: string, rows: number, at: string): Promise<boolean> {
  const result = await trx
    .updateTable('signal_batches')
    .set({ state: 'done', rows, completed_at: at, heartbeat_at: at })
    .where('id', '=', batchId)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

const DISCARD_CHUNK = 1000;

/** Removes a pending batch and its rows, a chunk per statement. */
export async function discardSignalBatch(db: Kysely<DB>, batchId: string): Promise<void> {
  for (;;) {
    const ids = db.selectFrom('signals').select('id').where('batch_id', '=', batchId).limit(DISCARD_CHUNK);
    const result = await db.deleteFrom('signals').where('id', 'in', ids).executeTakeFirst();
    if (Number(result.numDeletedRows) < DISCARD_CHUNK) break;
  }
  await db.deleteFrom('signal_batches').where('id', '=', batchId).where('state', '=', 'pending').execute();
}

/** Pending batches whose import stopped beating before `before` (a hub that died mid-import). */
export async function abandonedSignalBatches(db: Kysely<DB>, before: string): Promise<string[]> {
  const rows = await db.selectFrom('signal_batches').select('id').where('state', '=', 'pending').where('heartbeat_at', '<', before).execute();
  return rows.map((r) => r.id);
}

/** A unique index said no: in staging, another import holds (or held) rows with the same ids. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}
