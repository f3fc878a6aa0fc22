import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { AddressNameRow, AddressRow } from './addresses';
import type { DB } from './schema';

/**
 * PostgreSQL's suggestions in ONE query each (geo/offline-source.ts): a round trip to the database costs more than
 * the index lookups themselves on a loaded machine (each query's execution is a tenth of a millisecond), and a
 * suggestion used to make two to six. The candidates come back as JSON arrays; the ranking between them stays in
 * offline-source.ts, the same as on SQLite (in-process, where separate queries cost nothing).
 */

/** Name rows whose words start with every one of `words` (normalised [a-z0-9]+), in the rank of searchNames. */
function rankedNames(words: readonly string[], nameKey: string, limit: number, onlyStreets: boolean): RawBuilder<unknown> {
  const query = words.map((w) => `${w}:*`).join(' & ');
  return sql`select n.*, row_number() over (order by
      case when n.name_key = ${nameKey} then 0 when n.name_key like ${`${nameKey}%`} then 1 else 2 end,
      case when n.kind = 'place' then 0 else 1 end, n.address_count desc, n.name_key, n.place) as rank
    from address_names n
    where to_tsvector('simple', n.search) @@ to_tsquery('simple', ${query}) ${onlyStreets ? sql`and n.kind = 'street'` : sql``}
    order by rank limit ${limit}`;
}

export interface StreetHouses {
  names: AddressNameRow[];
  /** Per name id: the addresses of that street with the house number, in number order. */
  houses: Map<number, AddressRow[]>;
  /** Per name id of a street without that number: its address whose number is nearest. */
  nearest: Map<number, AddressRow>;
}

type Tagged = AddressRow & { name_id: number };

function byName(rows: readonly Tagged[]): Map<number, AddressRow[]> {
  const map = new Map<number, AddressRow[]>();
  for (const { name_id, ...row } of rows) map.set(name_id, [...(map.get(name_id) ?? []), row]);
  return map;
}

/** searchNames, and for its first `streets` streets the addresses with `houseNumber` (or the nearest number). */
export async function streetHousesPg(
  db: Kysely<DB>,
  words: readonly string[],
  nameKey: string,
  limit: number,
  streets: number,
  houseNumber: number,
  perStreet: number,
): Promise<StreetHouses> {
  const result = await sql<{ names: AddressNameRow[]; houses: Tagged[]; nearest: Tagged[] }>`
    with n as materialized (${rankedNames(words, nameKey, limit, false)}),
    s as (select id, name, place, rank from n where kind = 'street' order by rank limit ${streets}),
    h as (select s.id as name_id, a.* from s cross join lateral (
      select * from addresses a where a.street = s.name and a.place = coalesce(s.place, '') and a.house_number = ${houseNumber}
      order by a.house_letter, a.addition, a.id limit ${perStreet}) a),
    k as (select s.id as name_id, a.* from s cross join lateral (
      select * from addresses a where a.street = s.name and a.place = coalesce(s.place, '')
        and not exists (select 1 from h where h.name_id = s.id)
      order by abs(a.house_number - ${houseNumber}), a.house_number limit 1) a)
    select (select coalesce(json_agg(n order by n.rank), '[]') from n) as names,
      (select coalesce(json_agg(h), '[]') from h) as houses,
      (select coalesce(json_agg(k), '[]') from k) as nearest`.execute(db);
  const row = result.rows[0];
  const nearest = new Map<number, AddressRow>();
  for (const [id, rows] of byName(row?.nearest ?? [])) if (rows[0]) nearest.set(id, rows[0]);
  return { names: row?.names ?? [], houses: byName(row?.houses ?? []), nearest };
}

export interface PostcodeCentre {
  lat: number;
  lng: number;
  count: number;
  street: string;
  place: string;
  approximate: number;
}

/** addressesOfPostcode and postcodeCentre in one query. */
export async function postcodeHousesPg(
  db: Kysely<DB>,
  postcode: string,
  houseNumber: number | null,
  limit: number,
): Promise<{ rows: AddressRow[]; centre: PostcodeCentre | undefined }> {
  const result = await sql<{ rows: AddressRow[]; centre: PostcodeCentre | null }>`
    with r as (select * from addresses where postcode = ${postcode} and house_number = ${houseNumber}
      order by house_number, house_letter, addition, id limit ${limit}),
    c as (select avg(lat) as lat, avg(lng) as lng, count(*) as count, min(street) as street, min(place) as place,
      max(approximate) as approximate from addresses where postcode = ${postcode})
    select (select coalesce(json_agg(r), '[]') from r) as rows,
      (select case when c.count > 0 then row_to_json(c) end from c) as centre`.execute(db);
  const row = result.rows[0];
  return { rows: row?.rows ?? [], centre: row?.centre ?? undefined };
}

/**
 * The corner search's candidates in one query: the first street named like `first` (of its best 3) that has a
 * street named like `second` (of its best 3) in the same place, and both streets' addresses (up to `perStreet`).
 */
export async function cornerStreetsPg(
  db: Kysely<DB>,
  first: { words: readonly string[]; nameKey: string },
  second: { words: readonly string[]; nameKey: string },
  perStreet: number,
): Promise<{ a: AddressRow[]; b: AddressRow[] } | undefined> {
  const streetRows = (column: 'fname' | 'sname', place: 'fplace' | 'splace') => sql`(select coalesce(json_agg(a), '[]') from (
      select a.* from addresses a, pair where a.street = pair.${sql.ref(column)} and a.place = coalesce(pair.${sql.ref(place)}, '')
      order by a.house_number, a.house_letter, a.addition, a.id limit ${perStreet}) a)`;
  const result = await sql<{ a: AddressRow[] | null; b: AddressRow[] | null }>`
    with f as materialized (${rankedNames(first.words, first.nameKey, 3, true)}),
    s as materialized (${rankedNames(second.words, second.nameKey, 3, true)}),
    pair as (select f.name as fname, f.place as fplace, s2.name as sname, s2.place as splace from f cross join lateral (
      select * from s where s.place = f.place and s.id <> f.id order by s.rank limit 1) s2 order by f.rank limit 1)
    select case when exists (select 1 from pair) then ${streetRows('fname', 'fplace')} end as a,
      case when exists (select 1 from pair) then ${streetRows('sname', 'splace')} end as b`.execute(db);
  const row = result.rows[0];
  return row?.a && row.b ? { a: row.a, b: row.b } : undefined;
}
