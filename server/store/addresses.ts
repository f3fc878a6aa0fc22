import { type Insertable, type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { Box } from '../geo/cells';
import { normalizeText } from '../geo/normalize';
import type { DB } from './schema';
import type { AddressNameTable, AddressTable } from './schema-addresses';

export type AddressRow = Selectable<AddressTable>;
export type AddressNameRow = Selectable<AddressNameTable>;
export type NewAddress = Omit<Insertable<AddressTable>, 'id'>;
export type NewAddressName = Omit<Insertable<AddressNameTable>, 'id' | 'address_count'>;

type StoreKind = 'sqlite' | 'postgres';

// 11 columns a row: SQLite allows 32,766 bound values a statement.
const ROWS_PER_STATEMENT = 2000;


/**
 * Replaces the whole offline address index in one transaction: `fill` writes the new rows batch by batch
 * (insertAddresses/insertNames); when it throws (a bad row), nothing changes. Street names are derived from the
 * addresses at the end (one per street and place, at the centre of its addresses), then the full-text index.
 */
export async function replaceAddressIndex<T>(db: Kysely<DB>, kind: StoreKind, fill: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  const result = await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('address_names').execute();
    await trx.deleteFrom('addresses').execute();
    const result = await fill(trx);
    await sql`insert into address_names (kind, name, name_key, place, lat, lng, address_count, approximate, search)
      select 'street', street, min(street_key), place, avg(lat), avg(lng), count(*), max(approximate), min(search)
      from (select street, place, lat, lng, approximate, lower(street) as street_key, lower(street || ' ' || place) as search from addresses) a
      group by street, place`.execute(trx);
    await normaliseStreetKeys(trx);
    if (kind === 'sqlite') await sql`insert into address_names_fts(address_names_fts) values ('rebuild')`.execute(trx);
    return result;
  });
  // PostgreSQL plans on statistics of the tables before the import (empty, in a new database: scans where the
  // index fits) until autovacuum gets to them; VACUUM also marks the pages visible for index-only scans.
  if (kind === 'postgres') await sql`vacuum (analyze) addresses, address_names`.execute(db);
  return result;
}

/** Street keys and search words as the geocoder compares them (accents off): SQL's lower() leaves accents on. */
async function normaliseStreetKeys(trx: Transaction<DB>): Promise<void> {
  const rows = await trx.selectFrom('address_names').select(['id', 'name', 'place']).where('kind', '=', 'street').execute();
  const changed = rows.filter((r) => /[^a-z0-9 ]|\s{2}/.test(`${r.name} ${r.place ?? ''}`.toLowerCase()));
  for (const row of changed) {
    await trx
      .updateTable('address_names')
      .set({ name_key: normalizeText(row.name), search: normalizeText(`${row.name} ${row.place ?? ''}`) })
      .where('id', '=', row.id)
      .execute();
  }
}

/**
 * Writes a batch of addresses as one JSON parameter (SQLite json_each, PostgreSQL json_to_recordset): a statement
 * per batch with one bound value, instead of thousands of bound values that each have to be compiled and sent.
 */
export async function insertAddresses(trx: Transaction<DB>, kind: StoreKind, rows: readonly NewAddress[]): Promise<void> {
  if (rows.length === 0) return;
  const json = JSON.stringify(rows);
  if (kind === 'sqlite') {
    await sql`insert into addresses (street, house_number, house_letter, addition, postcode, place, lat, lng, cell, approximate)
      select value ->> 'street', value ->> 'house_number', value ->> 'house_letter', value ->> 'addition', value ->> 'postcode',
        value ->> 'place', value ->> 'lat', value ->> 'lng', value ->> 'cell', value ->> 'approximate'
      from json_each(${json})`.execute(trx);
    return;
  }
  await sql`insert into addresses (street, house_number, house_letter, addition, postcode, place, lat, lng, cell, approximate)
    select street, house_number, house_letter, addition, postcode, place, lat, lng, cell, approximate
    from json_to_recordset(${json}::json) as x(street text, house_number integer, house_letter text, addition text,
      postcode text, place text, lat double precision, lng double precision, cell bigint, approximate integer)`.execute(trx);
}

export async function insertNames(trx: Transaction<DB>, rows: readonly NewAddressName[]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    await trx
      .insertInto('address_names')
      .values(rows.slice(i, i + ROWS_PER_STATEMENT).map((r) => ({ ...r, address_count: 0 })))
      .execute();
  }
}

export async function addressCount(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('addresses').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Streets and named places whose words start with every one of `words` (already normalised: [a-z0-9]+), best first:
 * the name itself equal to `nameKey`, then starting with it, then places before streets, then bigger streets.
 */
export async function searchNames(
  db: Kysely<DB>,
  kind: StoreKind,
  words: readonly string[],
  nameKey: string,
  limit: number,
  only?: 'street' | 'place',
): Promise<AddressNameRow[]> {
  if (words.length === 0) return [];
  const safe = words.filter((w) => /^[a-z0-9]+$/.test(w));
  if (safe.length === 0) return [];
  const matches =
    kind === 'sqlite'
      ? sql<boolean>`n.id in (select rowid from address_names_fts where address_names_fts match ${safe.map((w) => `"${w}"*`).join(' ')})`
      : sql<boolean>`to_tsvector('simple', n.search) @@ to_tsquery('simple', ${safe.map((w) => `${w}:*`).join(' & ')})`;
  let query = db
    .selectFrom('address_names as n')
    .selectAll()
    .where(matches)
    .orderBy(sql`case when n.name_key = ${nameKey} then 0 when n.name_key like ${`${nameKey}%`} then 1 else 2 end`)
    .orderBy(sql`case when n.kind = 'place' then 0 else 1 end`)
    .orderBy('n.address_count', 'desc')
    .orderBy('n.name_key')
    .orderBy('n.place')
    .limit(limit);
  if (only) query = query.where('n.kind', '=', only);
  return query.execute();
}

export async function nameById(db: Kysely<DB>, id: number): Promise<AddressNameRow | undefined> {
  return db.selectFrom('address_names').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function addressById(db: Kysely<DB>, id: number): Promise<AddressRow | undefined> {
  return db.selectFrom('addresses').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The addresses of a street in a place, with this house number when given, in number order. */
export async function addressesOfStreet(db: Kysely<DB>, street: string, place: string, houseNumber: number | null, limit: number): Promise<AddressRow[]> {
  let query = db.selectFrom('addresses').selectAll().where('street', '=', street).where('place', '=', place);
  if (houseNumber !== null) query = query.where('house_number', '=', houseNumber);
  return query.orderBy('house_number').orderBy('house_letter').orderBy('addition').orderBy('id').limit(limit).execute();
}

/** The address on a street whose number is nearest `houseNumber` (for a number the index does not hold). */
export async function nearestNumberOnStreet(db: Kysely<DB>, street: string, place: string, houseNumber: number): Promise<AddressRow | undefined> {
  return db
    .selectFrom('addresses')
    .selectAll()
    .where('street', '=', street)
    .where('place', '=', place)
    .orderBy(sql`abs(house_number - ${houseNumber})`)
    .orderBy('house_number')
    .limit(1)
    .executeTakeFirst();
}

export async function addressesOfPostcode(db: Kysely<DB>, postcode: string, houseNumber: number | null, limit: number): Promise<AddressRow[]> {
  let query = db.selectFrom('addresses').selectAll().where('postcode', '=', postcode);
  if (houseNumber !== null) query = query.where('house_number', '=', houseNumber);
  return query.orderBy('house_number').orderBy('house_letter').orderBy('addition').orderBy('id').limit(limit).execute();
}

/** The centre of a postcode's addresses, and one of its streets and its place. */
export async function postcodeCentre(
  db: Kysely<DB>,
  postcode: string,
): Promise<{ lat: number; lng: number; count: number; street: string; place: string; approximate: number } | undefined> {
  const row = await db
    .selectFrom('addresses')
    .select((eb) => [
      eb.fn.avg<number>('lat').as('lat'),
      eb.fn.avg<number>('lng').as('lng'),
      eb.fn.countAll<number>().as('count'),
      eb.fn.min<string>('street').as('street'),
      eb.fn.min<string>('place').as('place'),
      eb.fn.max<number>('approximate').as('approximate'),
    ])
    .where('postcode', '=', postcode)
    .executeTakeFirst();
  if (!row || Number(row.count) === 0) return undefined;
  return { lat: Number(row.lat), lng: Number(row.lng), count: Number(row.count), street: row.street, place: row.place, approximate: Number(row.approximate) };
}

/**
 * The address nearest `point` among those inside a box, in one query: candidates by grid cell (the index), ranked
 * by the equirectangular distance (the same order as cheap-ruler's within a city), the whole row read for the
 * winner only (PostgreSQL: an index-only scan on `(cell, lat, lng, id)`, migration 0015).
 */
export async function nearestAddressInBox(db: Kysely<DB>, cells: readonly number[], box: Box, point: { lat: number; lng: number }): Promise<AddressRow | undefined> {
  if (cells.length === 0) return undefined;
  const k = Math.cos((point.lat * Math.PI) / 180);
  const nearest = db
    .selectFrom('addresses as c')
    .select('c.id')
    .where('c.cell', 'in', [...cells])
    .where('c.lat', '>=', box.minLat)
    .where('c.lat', '<=', box.maxLat)
    .where('c.lng', '>=', box.minLng)
    .where('c.lng', '<=', box.maxLng)
    .orderBy(sql`(c.lat - ${point.lat}) * (c.lat - ${point.lat}) + (c.lng - ${point.lng}) * (c.lng - ${point.lng}) * ${k * k}`)
    .orderBy('c.id')
    .limit(1);
  return db.selectFrom('addresses').selectAll().where('id', '=', nearest).executeTakeFirst();
}
