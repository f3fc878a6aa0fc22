import type { Kysely } from 'kysely';
import type { HubEvent } from '../protocol/events';
import type { DB, EventRow } from './schema';

export async function latestSeq(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('events').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/** An event before the log gives it its seq. */
export type EventDraft = HubEvent extends infer E ? (E extends HubEvent ? Omit<E, 'seq'> : never) : never;

/** The report an event belongs to (its timeline), if any. */
function reportIdOf(event: EventDraft): string | null {
  if ('report' in event) return event.report.id;
  if ('alert' in event) return event.alert.reportId;
  return null;
}

/** Transactions in which an event is being built: an append there would reuse its seq. */
const building = new WeakSet<Kysely<DB>>();

/**
 * The seq last appended in a write transaction. The event-log lock is held until commit, so nobody else appends
 * meanwhile: the commands of one group commit need not each ask the log for its latest seq (a round trip on
 * PostgreSQL). The group commit forgets it when it rolls a command back (forgetAppendedSeq).
 */
const appendedSeq = new WeakMap<Kysely<DB>, number>();

/** After a rollback to a savepoint inside the write transaction: the next append reads the log's latest seq again. */
export function forgetAppendedSeq(trx: Kysely<DB>): void {
  appendedSeq.delete(trx);
}

/**
 * Appends one event to the log with the next seq and returns it whole. `build` gets that seq first, so
 * rows that carry it as their version are written before the event snapshots them.
 * Must run inside Store.writeTransaction, which holds the event-log lock until commit: seqs stay gap-free.
 * `build` must not append an event itself (the seq is taken before it runs, so both would get the same one):
 * that throws. Append one event after the other instead.
 */
export async function appendEvent<D extends EventDraft>(trx: Kysely<DB>, build: (seq: number) => D | Promise<D>): Promise<D & { seq: number }> {
  if (building.has(trx)) throw new Error('appendEvent called while another event is being built in the same transaction: append them one after the other');
  const seq = (appendedSeq.get(trx) ?? (await latestSeq(trx))) + 1;
  building.add(trx);
  let draft: D;
  try {
    draft = await build(seq);
  } finally {
    building.delete(trx);
  }
  const { type, at, actorId, ...rest } = draft;
  await trx
    .insertInto('events')
    .values({ seq, type, at, actor_id: actorId, report_id: reportIdOf(draft), payload: JSON.stringify(rest) })
    .execute();
  appendedSeq.set(trx, seq);
  return { ...draft, seq };
}

function rowToEvent(row: EventRow): HubEvent {
  return {
    ...(JSON.parse(row.payload) as object),
    seq: Number(row.seq),
    type: row.type,
    at: row.at,
    actorId: row.actor_id,
  } as HubEvent;
}

/**
 * Runs `fn`'s reads on one snapshot of the database, so they agree with each other (a list and the seq it
 * includes): repeatable read on PostgreSQL; on SQLite the one connection lets no writer in meanwhile.
 */
export function inSnapshot<T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(fn);
}

/** A page of events after `after` and the log's latest seq, read together. */
export function eventsPageWithLatest(
  db: Kysely<DB>,
  after: number,
  limit: number,
): Promise<{ events: HubEvent[]; hasMore: boolean; latestSeq: number }> {
  return inSnapshot(db, async (trx) => ({ ...(await eventsAfter(trx, after, limit)), latestSeq: await latestSeq(trx) }));
}

export async function eventsAfter(
  db: Kysely<DB>,
  after: number,
  limit: number,
): Promise<{ events: HubEvent[]; hasMore: boolean }> {
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(limit + 1)
    .execute();
  const hasMore = rows.length > limit;
  return { events: rows.slice(0, limit).map(rowToEvent), hasMore };
}
