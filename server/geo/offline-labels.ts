import type { Address } from '../protocol/address';
import type { AddressNameRow, AddressRow } from '../store/addresses';
import { displayPostcode } from './normalize';
import { type HouseNumber, houseLabel } from './parse-query';

/**
 * Ids of the offline index's answers (valid until the next import): `a:<row>` an address, `k:<row>:<n>:<letter>:<add>`
 * the caller's own house number at a neighbouring address's point, `n:<row>` a street or named place,
 * `p:<postcode>` a postcode's centre, `c:<row>:<row>` the corner of two streets.
 */
export type OfflineId =
  | { kind: 'a'; row: number }
  | { kind: 'k'; row: number; house: HouseNumber }
  | { kind: 'n'; row: number }
  | { kind: 'p'; postcode: string }
  | { kind: 'c'; first: number; second: number };

export function keptId(row: number, house: HouseNumber): string {
  return `k:${row}:${house.number}:${house.letter ?? ''}:${encodeURIComponent(house.addition ?? '')}`;
}

/** An id of the caller's own number placed at a neighbour's point: no address of the index itself. */
export function isKeptId(id: string): boolean {
  return id.startsWith('k:');
}

export function parseOfflineId(id: string): OfflineId | undefined {
  const parts = id.split(':');
  const int = (v: string | undefined) => (v !== undefined && /^\d{1,15}$/.test(v) ? Number(v) : undefined);
  const row = int(parts[1]);
  switch (parts[0]) {
    case 'a':
      return row !== undefined && parts.length === 2 ? { kind: 'a', row } : undefined;
    case 'n':
      return row !== undefined && parts.length === 2 ? { kind: 'n', row } : undefined;
    case 'p':
      return parts[1] && /^\d{4}[A-Z]{2}$/.test(parts[1]) ? { kind: 'p', postcode: parts[1] } : undefined;
    case 'c': {
      const second = int(parts[2]);
      return row !== undefined && second !== undefined ? { kind: 'c', first: row, second } : undefined;
    }
    case 'k': {
      const number = int(parts[2]);
      if (row === undefined || number === undefined || parts.length !== 5) return undefined;
      const addition = decodeAddition(parts[4] ?? '');
      if (addition === undefined) return undefined;
      return { kind: 'k', row, house: { number, letter: parts[3] || null, addition: addition || null } };
    }
    default:
      return undefined;
  }
}

/** An id's addition as keptId wrote it; undefined for a broken escape (an id no answer of ours gave). */
function decodeAddition(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function houseOf(row: AddressRow): HouseNumber {
  return { number: row.house_number, letter: row.house_letter, addition: row.addition };
}

function fullLabel(street: string, house: HouseNumber, postcode: string | null, place: string): string {
  return `${street} ${houseLabel(house)}, ${postcode ? `${displayPostcode(postcode)} ` : ''}${place}`;
}

/**
 * An address of the index; with `house`, the caller's own house at that address's point: approximate, not found, and
 * with the neighbour's postcode only when it has the same number (a postcode covers a range of numbers, not a street).
 */
export function addressOfRow(row: AddressRow, house?: HouseNumber): Address {
  const kept = house ?? houseOf(row);
  const id = house ? keptId(row.id, house) : `a:${row.id}`;
  const postcode = house && house.number !== row.house_number ? null : row.postcode;
  return {
    id,
    label: fullLabel(row.street, kept, postcode, row.place),
    kind: 'address',
    street: row.street,
    houseNumber: kept.number,
    houseLetter: kept.letter,
    addition: kept.addition,
    postcode,
    place: row.place,
    lat: row.lat,
    lng: row.lng,
    approximate: house !== undefined || row.approximate !== 0,
    houseFound: house === undefined,
  };
}

export function addressOfName(row: AddressNameRow): Address {
  const street = row.kind === 'street';
  return {
    id: `n:${row.id}`,
    label: row.place ? `${row.name}, ${row.place}` : row.name,
    kind: street ? 'street' : 'place',
    street: street ? row.name : null,
    houseNumber: null,
    houseLetter: null,
    addition: null,
    postcode: null,
    place: row.place,
    lat: row.lat,
    lng: row.lng,
    // A street's point is the centre of its addresses, not a point on the street.
    approximate: street || row.approximate !== 0,
  };
}

export function addressOfPostcode(postcode: string, centre: { lat: number; lng: number; place: string; approximate: number }): Address {
  return {
    id: `p:${postcode}`,
    label: `${displayPostcode(postcode)}, ${centre.place}`,
    kind: 'postcode',
    street: null,
    houseNumber: null,
    houseLetter: null,
    addition: null,
    postcode,
    place: centre.place,
    lat: centre.lat,
    lng: centre.lng,
    approximate: true,
  };
}

/** The corner of two streets: the midpoint of the nearest pair of their addresses. */
export function addressOfCorner(first: AddressRow, second: AddressRow): Address {
  return {
    id: `c:${first.id}:${second.id}`,
    label: `Hoek ${first.street} / ${second.street}, ${first.place}`,
    kind: 'corner',
    street: `${first.street} / ${second.street}`,
    houseNumber: null,
    houseLetter: null,
    addition: null,
    postcode: null,
    place: first.place,
    lat: (first.lat + second.lat) / 2,
    lng: (first.lng + second.lng) / 2,
    approximate: true,
  };
}

/** A short name for an alert line: "Lange Voorhout 36", a place's or street's name, a corner. */
export function shortLabel(address: Address): string {
  if (address.kind === 'address' && address.street && address.houseNumber !== null) {
    return `${address.street} ${houseLabel({ number: address.houseNumber, letter: address.houseLetter, addition: address.addition })}`;
  }
  return address.label.split(',')[0] ?? address.label;
}
