import { compactPostcode, normalizeText } from './normalize';

/** The house number as the caller gave it: kept exactly, never replaced by a neighbour's. */
export interface HouseNumber {
  number: number;
  letter: string | null;
  addition: string | null;
}

/** What a typed search asks for (geo/offline-source.ts answers each kind). */
export type ParsedQuery =
  | { kind: 'corner'; first: string; second: string }
  | { kind: 'postcode'; postcode: string; house: HouseNumber | null }
  | { kind: 'street'; street: string; house: HouseNumber | null; place: string | null };

const CORNER = /^(?:hoek\s+)?(.+?)\s*(?:\/|\bhoek\b|&)\s*(.+)$/i;
const POSTCODE = /^([1-9]\d{3}\s*[a-z]{2})\b\s*(.*)$/i;
// "36", "36a", "36 A", "36-2", "36 bis", "36a-2", "36 A 2": number, letter, addition.
const HOUSE = /^(\d{1,5})\s*(?:([a-z])(?![a-z]))?\s*(?:[-\s]\s*([a-z0-9]{1,4}))?$/i;
const STREET_HOUSE = /^(.*?[^\d\s][^,]*?)\s+(\d{1,5}(?:\s*[a-z](?![a-z]))?(?:\s*[-\s]\s*[a-z0-9]{1,4})?)\s*(?:,\s*(.*))?$/i;
// "Lange Voorhout 36 Den Haag": the place after the number without a comma (a word of 3+ letters: no addition).
const STREET_HOUSE_PLACE = /^(.*?[^\d\s][^,]*?)\s+(\d{1,5}(?:\s?[a-z](?![a-z]))?)\s+([a-z][^\d,]{2,})$/i;

export function parseHouseNumber(text: string): HouseNumber | null {
  const match = HOUSE.exec(text.trim());
  if (!match) return null;
  return { number: Number(match[1]), letter: match[2]?.toUpperCase() ?? null, addition: match[3] ?? null };
}

/** Reads a typed search: a street corner, a postcode (with a number), or a street or place name (with a number). */
export function parseQuery(raw: string): ParsedQuery {
  const text = raw.trim().replace(/\s+/g, ' ');
  const corner = CORNER.exec(text);
  if (corner?.[1] && corner[2] && /[a-z]{2}/i.test(corner[1]) && /[a-z]{2}/i.test(corner[2])) {
    return { kind: 'corner', first: corner[1].trim(), second: corner[2].trim() };
  }
  const postcode = POSTCODE.exec(text);
  const code = postcode?.[1] ? compactPostcode(postcode[1]) : undefined;
  if (code) return { kind: 'postcode', postcode: code, house: parseHouseNumber(postcode?.[2] ?? '') };
  const withHouse = STREET_HOUSE.exec(text);
  if (withHouse?.[1] && withHouse[2]) {
    return { kind: 'street', street: withHouse[1], house: parseHouseNumber(withHouse[2]), place: withHouse[3]?.trim() || null };
  }
  const withPlace = STREET_HOUSE_PLACE.exec(text);
  if (withPlace?.[1] && withPlace[2] && withPlace[3]) {
    return { kind: 'street', street: withPlace[1], house: parseHouseNumber(withPlace[2]), place: withPlace[3].trim() };
  }
  const [street, place] = text.split(',', 2);
  return { kind: 'street', street: street ?? text, house: null, place: place?.trim() || null };
}

/** The caller's number as written on a letter: 36, 36A, 36-2, 36A-2. */
export function houseLabel(house: HouseNumber): string {
  return `${house.number}${house.letter ?? ''}${house.addition ? `-${house.addition}` : ''}`;
}

export function sameHouse(a: HouseNumber, b: HouseNumber): boolean {
  return (
    a.number === b.number &&
    (a.letter ?? '').toUpperCase() === (b.letter ?? '').toUpperCase() &&
    normalizeText(a.addition ?? '') === normalizeText(b.addition ?? '')
  );
}
