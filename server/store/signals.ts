import type { Kysely } from 'kysely';
import type { Signal, SignalSource } from '../protocol/intake';
import type { DB, SignalRow } from './schema';
import { visibleSignal } from './signal-batches';

export function rowToSignal(row: SignalRow): Signal {
  return {
    id: row.id,
    source: row.source as SignalSource,
    channel: row.channel,
    text: row.text,
    lat: row.lat,
    lng: row.lng,
    place: row.place,
    url: row.url,
    occurredAt: row.occurred_at,
    importedAt: row.imported_at,
    batchId: row.batch_id,
    externalId: row.external_id,
    // Absent while not looked up (survey signals are never); null when looked up and none was found.
    ...(row.address_checked_at ? { address: row.address_label ? { label: row.address_label, distanceM: row.address_distance_m ?? 0 } : null } : {}),
  };
}

/** Stores the nearest address of a signal (null: none found, or the source failed); the signal as it is now. */
export async function setSignalAddress(trx: Kysely<DB>, id: string, address: { label: string; distanceM: number } | null, at: string): Promise<Signal | undefined> {
  await trx
    .updateTable('signals')
    .set({ address_label: address?.label ?? null, address_distance_m: address ? Math.round(address.distanceM) : null, address_checked_at: at })
    .where('id', '=', id)
    .execute();
  const row = await trx.selectFrom('signals').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? rowToSignal(row) : undefined;
}

/** Rows per INSERT: 13 columns × 500 stays far below SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;

/** Inserts within the caller's transaction: all or none (a webhook's post; a survey import stages its rows, see signal-batches.ts). */
export async function insertSignals(trx: Kysely<DB>, rows: readonly SignalRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx.insertInto('signals').values(rows.slice(i, i + CHUNK)).execute();
  }
}

/** Which of these external ids of a source are stored already. */
export async function existingExternalIds(db: Kysely<DB>, source: SignalSource, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    if (chunk.length === 0) continue;
    const rows = await db.selectFrom('signals').select('external_id').where('source', '=', source).where('external_id', 'in', chunk).where(visibleSignal).execute();
    for (const r of rows) if (r.external_id) found.add(r.external_id);
  }
  return found;
}

export async function getSignalByExternalId(db: Kysely<DB>, source: SignalSource, externalId: string): Promise<Signal | undefined> {
  const row = await db.selectFrom('signals').selectAll().where('source', '=', source).where('external_id', '=', externalId).where(visibleSignal).executeTakeFirst();
  return row ? rowToSignal(row) : undefined;
}

/** Signals observed in (from, until], newest first. */
export async function signalsBetween(db: Kysely<DB>, from: string, until: string, limit = 20_000): Promise<Signal[]> {
  const rows = await db
    .selectFrom('signals')
    .selectAll()
    .where('occurred_at', '>', from)
    .where('occurred_at', '<=', until)
    .where(visibleSignal)
    .orderBy('occurred_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(rowToSignal);
}

/** Where signals were observed in (from, until], for hotspots. */
export async function signalPlacesBetween(db: Kysely<DB>, from: string, until: string): Promise<{ lat: number; lng: number; at: string }[]> {
  const rows = await db
    .selectFrom('signals')
    .select(['lat', 'lng', 'occurred_at'])
    .where('occurred_at', '>', from)
    .where('occurred_at', '<=', until)
    .where(visibleSignal)
    .execute();
  return rows.map((r) => ({ lat: r.lat, lng: r.lng, at: r.occurred_at }));
}

export async function countSignals(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('signals').select((eb) => eb.fn.countAll().as('n')).where(visibleSignal).executeTakeFirst();
  return Number(row?.n ?? 0);
}
