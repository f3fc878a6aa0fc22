import type { Kysely } from 'kysely';
import type { HubEvent } from '../protocol/events';
import type { DB, EventRow } from './schema';

export async function latestSeq(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('events').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/** Must run inside Store.writeTransaction, which holds the event-log lock until commit: seqs stay gap-free. */
export async function nextSeq(trx: Kysely<DB>): Promise<number> {
  return (await latestSeq(trx)) + 1;
}

export async function insertEvent(trx: Kysely<DB>, event: HubEvent, reportId: string | null): Promise<void> {
  const { seq, type, at, actorId, ...rest } = event;
  await trx
    .insertInto('events')
    .values({ seq, type, at, actor_id: actorId, report_id: reportId, payload: JSON.stringify(rest) })
    .execute();
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
