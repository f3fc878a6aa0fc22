import type { Kysely } from 'kysely';
import { kpiStepsOf } from '../domain/kpi-steps';
import type { HubEvent } from '../protocol/events';
import { insertRow } from './compiled-insert';
import { insertKpiSteps } from './kpi-steps';
import { executePrepared } from './pg-pipeline';
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

/** True while `appendEvent` runs its `build` in this transaction (its event INSERT is still to come). */
export function isBuildingEvent(trx: Kysely<DB>): boolean {
  return building.has(trx);
}

/** The log's head as a write transaction knows it: the last seq and the highest report number. */
export interface TransactionHead {
  seq: number;
  reportNumber: number;
}

/**
 * The head of the log per write transaction. The event-log lock is held until commit, so nobody else appends or
 * numbers a report meanwhile: the commands of one group commit need not each ask for the latest seq or report
 * number (a round trip each on PostgreSQL). The group commit forgets it when it rolls a command back
 * (forgetAppendedSeq).
 */
const heads = new WeakMap<Kysely<DB>, TransactionHead>();

/** After a rollback to a savepoint inside the write transaction: the next append reads the log's head again. */
export function forgetAppendedSeq(trx: Kysely<DB>): void {
  heads.delete(trx);
}

/** The head if this transaction read it already (store/report-create.ts numbers reports from it). */
export function knownHead(trx: Kysely<DB>): TransactionHead | undefined {
  return heads.get(trx);
}

async function readHead(trx: Kysely<DB>): Promise<TransactionHead> {
  const row = await trx
    .selectNoFrom((eb) => [
      eb.selectFrom('events').select((e) => e.fn.max('seq').as('s')).as('seq'),
      eb.selectFrom('reports').select((e) => e.fn.max('number').as('n')).as('report_number'),
    ])
    .executeTakeFirst();
  const head = { seq: Number(row?.seq ?? 0), reportNumber: Number(row?.report_number ?? 0) };
  heads.set(trx, head);
  return head;
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
  const head = heads.get(trx) ?? (await readHead(trx));
  const seq = head.seq + 1;
  building.add(trx);
  let draft: D;
  try {
    draft = await build(seq);
  } finally {
    building.delete(trx);
  }
  const { type, at, actorId, ...rest } = draft;
  await executePrepared(
    trx,
    insertRow(trx, 'events', { seq, type, at, actor_id: actorId, report_id: reportIdOf(draft), payload: JSON.stringify(rest) }),
  );
  // The moments the shift lead's KPIs are measured between (domain/kpi-steps.ts), with the event.
  await insertKpiSteps(trx, kpiStepsOf({ ...draft, seq } as HubEvent));
  head.seq = seq;
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
