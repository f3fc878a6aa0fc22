import type { Address, AddressSuggestion } from '../protocol/address';
import {
  type AddressNameRow,
  type AddressRow,
  addressById,
  addressesOfPostcode,
  addressesOfStreet,
  nameById,
  nearestAddressInBox,
  nearestNumberOnStreet,
  postcodeCentre,
  searchNames,
} from '../store/addresses';
import { cornerStreetsPg, postcodeHousesPg, streetHousesPg } from '../store/address-suggest';
import type { Store } from '../store/open';
import type { AddressSource, NearestAddress } from './address-source';
import { distanceM, rulerAt, searchBox } from './cells';
import { addressOfCorner, addressOfName, addressOfPostcode, addressOfRow, parseOfflineId } from './offline-labels';
import { normalizeText, searchWords } from './normalize';
import { type HouseNumber, type ParsedQuery, parseQuery, sameHouse } from './parse-query';

const STREETS_TRIED = 5;
// Addresses of a street read for a corner; a longer street's far end is no corner of a short one anyway.
const CORNER_ADDRESSES = 1500;
// Two streets whose nearest addresses lie further apart than this do not meet: their "corner" would be a point on
// neither (a crossing's corner houses lie a street's width apart, a wide square's a few tens of metres).
const CORNER_MAX_GAP_M = 100;

/**
 * The offline address index in the store (`npm run import:addresses`). Ranking: the street and number the caller
 * gave (exactly, then the same number with another letter), postcode and number, streets without a number (at their
 * centre), named places, street corners. The caller's house number is kept as given: a number or letter the index
 * does not hold is placed at the nearest number of that street, marked approximate.
 */
export function offlineSource(store: Store): AddressSource {
  const db = store.db;
  const names = (text: string, limit: number, only?: 'street' | 'place') =>
    searchNames(db, store.kind, searchWords(text), normalizeText(text), limit, only);

  const postgres = store.kind === 'postgres';
  const safeWords = (text: string) => searchWords(text).filter((w) => /^[a-z0-9]+$/.test(w));

  async function housesOnStreet(street: AddressNameRow, house: HouseNumber): Promise<Address[]> {
    const place = street.place ?? '';
    const same = await addressesOfStreet(db, street.name, place, house.number, 20);
    return housesOf(same, house, same.length > 0 ? undefined : await nearestNumberOnStreet(db, street.name, place, house.number));
  }

  /** The named streets with the caller's number: PostgreSQL in one query, SQLite street by street. */
  async function streetsWithHouse(text: string, house: HouseNumber, limit: number): Promise<{ found: AddressNameRow[]; houses: Address[] }> {
    const words = safeWords(text);
    if (postgres && words.length > 0) {
      const { names: found, houses, nearest } = await streetHousesPg(db, words, normalizeText(text), limit, STREETS_TRIED, house.number, 20);
      const streets = found.filter((n) => n.kind === 'street').slice(0, STREETS_TRIED);
      return { found, houses: streets.flatMap((street) => housesOf(houses.get(street.id) ?? [], house, nearest.get(street.id))) };
    }
    const found = await names(text, limit);
    const houses: Address[] = [];
    for (const street of found.filter((n) => n.kind === 'street').slice(0, STREETS_TRIED)) {
      houses.push(...(await housesOnStreet(street, house)));
    }
    return { found, houses };
  }

  async function byStreet(query: Extract<ParsedQuery, { kind: 'street' }>, limit: number): Promise<Address[]> {
    const size = Math.max(limit, STREETS_TRIED);
    const search = async (text: string) => (query.house ? streetsWithHouse(text, query.house, size) : { found: await names(text, size), houses: [] });
    let result = await search(query.place ? `${query.street} ${query.place}` : query.street);
    if (result.found.length === 0 && query.place) result = await search(query.street);
    return [...result.houses, ...result.found.map(addressOfName)];
  }

  async function byPostcode(query: Extract<ParsedQuery, { kind: 'postcode' }>, limit: number): Promise<Address[]> {
    const house = query.house;
    const { rows, centre } = postgres
      ? await postcodeHousesPg(db, query.postcode, house?.number ?? null, limit)
      : { rows: house ? await addressesOfPostcode(db, query.postcode, house.number, limit) : [], centre: await postcodeCentre(db, query.postcode) };
    const found: Address[] = [];
    if (house) {
      const exact = rows.filter((row) => sameHouse(rowHouse(row), house));
      if (exact.length === 0 && rows[0]) found.push(addressOfRow(rows[0], house));
      found.push(...exact.map((row) => addressOfRow(row)), ...rows.filter((row) => !exact.includes(row)).map((row) => addressOfRow(row)));
    }
    if (centre) {
      if (house && found.length === 0) {
        const nearest = await nearestNumberOnStreet(db, centre.street, centre.place, house.number);
        if (nearest) found.push(addressOfRow(nearest, house));
      }
      found.push(addressOfPostcode(query.postcode, centre));
    }
    return found;
  }

  async function byCorner(query: Extract<ParsedQuery, { kind: 'corner' }>): Promise<Address[]> {
    const [firstWords, secondWords] = [safeWords(query.first), safeWords(query.second)];
    if (postgres && firstWords.length > 0 && secondWords.length > 0) {
      const first = { words: firstWords, nameKey: normalizeText(query.first) };
      const streets = await cornerStreetsPg(db, first, { words: secondWords, nameKey: normalizeText(query.second) }, CORNER_ADDRESSES);
      const pair = streets && nearestPair(streets.a, streets.b, CORNER_MAX_GAP_M);
      return pair ? [addressOfCorner(pair[0], pair[1])] : [];
    }
    const [firsts, seconds] = await Promise.all([names(query.first, 3, 'street'), names(query.second, 3, 'street')]);
    for (const first of firsts) {
      const second = seconds.find((s) => s.place === first.place && s.id !== first.id);
      if (!second) continue;
      const [a, b] = await Promise.all([
        addressesOfStreet(db, first.name, first.place ?? '', null, CORNER_ADDRESSES),
        addressesOfStreet(db, second.name, second.place ?? '', null, CORNER_ADDRESSES),
      ]);
      const pair = nearestPair(a, b, CORNER_MAX_GAP_M);
      if (pair) return [addressOfCorner(pair[0], pair[1])];
    }
    return [];
  }

  return {
    name: 'offline',
    async suggest(text, limit) {
      const query = parseQuery(text);
      let found: Address[];
      if (query.kind === 'corner') {
        found = await byCorner(query);
        if (found.length === 0) found = await byStreet({ kind: 'street', street: text, house: null, place: null }, limit);
      } else if (query.kind === 'postcode') {
        found = await byPostcode(query, limit);
      } else {
        found = await byStreet(query, limit);
      }
      return unique(found).slice(0, limit).map(toSuggestion);
    },
    async lookup(id) {
      const parsed = parseOfflineId(id);
      if (!parsed) return null;
      switch (parsed.kind) {
        case 'a': {
          const row = await addressById(db, parsed.row);
          return row ? addressOfRow(row) : null;
        }
        case 'k': {
          const row = await addressById(db, parsed.row);
          return row ? addressOfRow(row, parsed.house) : null;
        }
        case 'n': {
          const row = await nameById(db, parsed.row);
          return row ? addressOfName(row) : null;
        }
        case 'p': {
          const centre = await postcodeCentre(db, parsed.postcode);
          return centre ? addressOfPostcode(parsed.postcode, centre) : null;
        }
        case 'c': {
          const [a, b] = await Promise.all([addressById(db, parsed.first), addressById(db, parsed.second)]);
          return a && b ? addressOfCorner(a, b) : null;
        }
      }
    },
    async reverse(point, maxDistanceM) {
      const { box, cells } = searchBox(point, maxDistanceM);
      const row = await nearestAddressInBox(db, cells, box, point);
      const d = row ? distanceM(point, row) : Number.POSITIVE_INFINITY;
      if (!row || d > maxDistanceM) return null;
      return { address: addressOfRow(row), distanceM: Math.round(d) } satisfies NearestAddress;
    },
  };
}

/**
 * A street's answers for the caller's number from its addresses with that number (`same`, in number order) or, when
 * it has none, its nearest number: the exact house first; else the caller's number kept at a neighbour's point.
 */
function housesOf(same: readonly AddressRow[], house: HouseNumber, nearest: AddressRow | undefined): Address[] {
  const exact = same.filter((row) => sameHouse(rowHouse(row), house));
  if (exact.length > 0) return [...exact, ...same.filter((row) => !exact.includes(row))].map((row) => addressOfRow(row));
  if (same[0]) return [addressOfRow(same[0], house), ...same.map((row) => addressOfRow(row))];
  return nearest ? [addressOfRow(nearest, house)] : [];
}

function rowHouse(row: AddressRow): HouseNumber {
  return { number: row.house_number, letter: row.house_letter, addition: row.addition };
}

/**
 * The nearest pair of two streets' addresses no more than `maxGapM` apart: `b` sorted by latitude, each of `a`
 * compares only the band it can beat.
 */
function nearestPair(a: readonly AddressRow[], b: readonly AddressRow[], maxGapM: number): [AddressRow, AddressRow] | undefined {
  const first = a[0];
  if (!first || b.length === 0) return undefined;
  const ruler = rulerAt(first.lat);
  const sorted = [...b].sort((x, y) => x.lat - y.lat);
  // Degrees of latitude per metre (a metre north is the same everywhere within a city).
  const degreesPerMetre = 1 / ruler.distance([0, first.lat], [0, first.lat + 1]);
  let best: { pair: [AddressRow, AddressRow]; d: number } | undefined;
  for (const x of a) {
    const reach = (best ? best.d : maxGapM) * degreesPerMetre;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid]?.lat ?? 0) < x.lat - reach) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < sorted.length; i++) {
      const y = sorted[i] as AddressRow;
      if (y.lat > x.lat + (best ? best.d : maxGapM) * degreesPerMetre) break;
      const d = ruler.distance([x.lng, x.lat], [y.lng, y.lat]);
      if (d <= maxGapM && (!best || d < best.d)) best = { pair: [x, y], d };
    }
  }
  return best?.pair;
}

function unique(addresses: readonly Address[]): Address[] {
  const seen = new Set<string>();
  return addresses.filter((a) => !seen.has(a.id) && seen.add(a.id));
}

function toSuggestion(address: Address): AddressSuggestion {
  const { id, label, kind, lat, lng, approximate, houseFound } = address;
  return { id, label, kind, lat, lng, approximate, houseFound };
}
