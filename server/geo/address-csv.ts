import proj4 from 'proj4';
import type { NewAddress, NewAddressName } from '../store/addresses';
import { cellOf } from './cells';
import { compactPostcode, normalizeText } from './normalize';

/**
 * The columns of an address file (`npm run import:addresses`), by their header names; the Dutch names are those of
 * NLExtract's BAG address CSV (adres2csv: openbareruimte;huisnummer;huisletter;huisnummertoevoeging;postcode;
 * woonplaats;…;x;y;lon;lat), so such a file is read as it is. Either lat/lon (WGS84) or x/y (RD New, EPSG:28992).
 * Optional: `kind` ('address', or 'place' for a named place given by `name`) and `approximate` (1/true/ja).
 */
const ALIASES: Record<string, readonly string[]> = {
  street: ['street', 'straat', 'straatnaam', 'openbareruimte', 'openbare_ruimte'],
  houseNumber: ['house_number', 'housenumber', 'number', 'huisnummer'],
  letter: ['house_letter', 'letter', 'huisletter'],
  addition: ['addition', 'house_number_addition', 'toevoeging', 'huisnummertoevoeging'],
  postcode: ['postcode', 'postal_code', 'zip'],
  place: ['place', 'city', 'woonplaats', 'woonplaatsnaam'],
  lat: ['lat', 'latitude'],
  lon: ['lon', 'lng', 'longitude'],
  x: ['x', 'rd_x'],
  y: ['y', 'rd_y'],
  kind: ['kind', 'soort'],
  name: ['name', 'naam'],
  approximate: ['approximate', 'benaderd'],
};
type Column = keyof typeof ALIASES;
const REQUIRED: readonly Column[] = ['street', 'houseNumber', 'letter', 'addition', 'postcode', 'place'];

// EPSG:28992 (RD New) with the datum shift of the EPSG registry's definition.
const RD_NEW =
  '+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 +ellps=bessel ' +
  '+towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs';
const toWgs84 = proj4(RD_NEW, 'WGS84');

export class AddressFileError extends Error {}

export type AddressFileRow = { kind: 'address'; address: NewAddress } | { kind: 'place'; name: NewAddressName };

export interface AddressColumns {
  index: Partial<Record<Column, number>>;
  rd: boolean;
}

/** Which column holds what; refuses a header without the required columns or coordinates, naming them. */
export function addressColumns(header: readonly string[]): AddressColumns {
  const names = header.map((h) => h.trim().toLowerCase().replace(/^\ufeff/, ''));
  const index: Partial<Record<Column, number>> = {};
  for (const [column, aliases] of Object.entries(ALIASES) as [Column, readonly string[]][]) {
    const at = names.findIndex((n) => aliases.includes(n));
    if (at >= 0) index[column] = at;
  }
  const missing = REQUIRED.filter((c) => index[c] === undefined).map((c) => ALIASES[c]?.[0]);
  const latLon = index.lat !== undefined && index.lon !== undefined;
  const rd = index.x !== undefined && index.y !== undefined;
  if (!latLon && !rd) missing.push('lat and lon (or x and y)');
  if (missing.length > 0) throw new AddressFileError(`row 1 (header): missing column(s): ${missing.join(', ')}`);
  return { index, rd: !latLon };
}

/** "1"/"true"/"ja" → true. */
const yes = (v: string) => /^(1|true|yes|ja|y|j)$/i.test(v.trim());

/** One data row as a stored address or named place; a bad value is refused with its row number. */
export function addressFileRow(columns: AddressColumns, values: readonly string[], rowNumber: number, approximateFile: boolean): AddressFileRow {
  const get = (c: Column) => {
    const at = columns.index[c];
    return at === undefined ? '' : (values[at] ?? '').trim();
  };
  const bad = (what: string): never => {
    throw new AddressFileError(`row ${rowNumber}: ${what}`);
  };
  const point = coordinates(columns, get, bad);
  const approximate = approximateFile || yes(get('approximate')) ? 1 : 0;
  const kind = get('kind').toLowerCase() || 'address';
  if (kind === 'place') {
    const name = get('name') || bad('a place needs a name');
    const place = get('place') || null;
    return {
      kind: 'place',
      name: { kind: 'place', name, name_key: normalizeText(name), place, ...point, approximate, search: normalizeText(`${name} ${place ?? ''}`) },
    };
  }
  if (kind !== 'address') bad(`kind "${kind}" is neither address nor place`);
  const street = get('street') || bad('street is empty');
  const place = get('place') || bad('place is empty');
  const numberText = get('houseNumber');
  if (!/^\d{1,5}$/.test(numberText) || Number(numberText) === 0) bad(`house number "${numberText}" is not a whole number from 1 to 99999`);
  const letter = get('letter');
  if (letter !== '' && !/^[a-z]$/i.test(letter)) bad(`house letter "${letter}" is not one letter`);
  const postcodeText = get('postcode');
  const postcode = postcodeText === '' ? null : (compactPostcode(postcodeText) ?? bad(`postcode "${postcodeText}" is not a Dutch postcode (1234 AB)`));
  return {
    kind: 'address',
    address: {
      street,
      house_number: Number(numberText),
      house_letter: letter === '' ? null : letter.toUpperCase(),
      addition: get('addition') || null,
      postcode,
      place,
      ...point,
      cell: cellOf(point.lat, point.lng),
      approximate,
    },
  };
}

function coordinates(columns: AddressColumns, get: (c: Column) => string, bad: (what: string) => never): { lat: number; lng: number } {
  const number = (c: Column) => {
    const text = get(c).replace(',', '.');
    const value = Number(text);
    return text === '' || !Number.isFinite(value) ? bad(`${ALIASES[c]?.[0]} "${get(c)}" is not a number`) : value;
  };
  if (columns.rd) {
    const x = number('x');
    const y = number('y');
    if (x < -7000 || x > 300_000 || y < 289_000 || y > 629_000) bad(`x/y ${x} ${y} lies outside the Netherlands (RD New)`);
    const [lng, lat] = toWgs84.forward([x, y]) as [number, number];
    return { lat, lng };
  }
  const lat = number('lat');
  const lng = number('lon');
  if (lat < -90 || lat > 90 || lng < -180 || lng > 180) bad(`lat/lon ${lat} ${lng} is no position on earth`);
  return { lat, lng };
}
