/**
 * Place name -> approximate centre, for signals that name a neighbourhood but carry no
 * coordinates. The hub has no internet, so no geocoding service: a small built-in list
 * (resources/gazetteer-den-haag.json) is all there is. Matching ignores case, accents,
 * punctuation and a trailing or leading city name ("Schilderswijk, Den Haag").
 */

export interface GazetteerPlace {
  name: string;
  aliases: readonly string[];
  lat: number;
  lng: number;
}

export interface Gazetteer {
  places: readonly GazetteerPlace[];
}

const CITY_NAMES = ['den haag', 's gravenhage', 'the hague', 'haaglanden'];

export function normalizePlaceName(name: string): string {
  let n = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  for (const city of CITY_NAMES) {
    if (n !== city && n.startsWith(`${city} `)) n = n.slice(city.length + 1);
    if (n !== city && n.endsWith(` ${city}`)) n = n.slice(0, -(city.length + 1));
  }
  return n.trim();
}

export function lookupPlace(gazetteer: Gazetteer, name: string): GazetteerPlace | undefined {
  const wanted = normalizePlaceName(name);
  if (wanted === '') return undefined;
  return gazetteer.places.find((p) => [p.name, ...p.aliases].some((n) => normalizePlaceName(n) === wanted));
}
