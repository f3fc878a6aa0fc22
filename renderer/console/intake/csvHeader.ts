/**
 * Just enough CSV in the browser to offer the header's columns in the import dialog. The hub parses
 * the whole file (csv-parse) and decides; this mirrors its delimiter rule: `,` or `;`, whichever
 * splits the header row into more columns (`,` on a tie).
 */
import type { SignalMapping } from '../../../server/protocol/intake';

export type Delimiter = ',' | ';';

/** One CSV line split on `delimiter`, honouring "quoted" fields with "" for a quote. */
export function splitCsvLine(line: string, delimiter: Delimiter): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === delimiter) {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += ch;
    }
  }
  cells.push(cell.trim());
  return cells;
}

/** The header row's columns (BOM and empty leading lines skipped). */
export function readHeader(csv: string): { delimiter: Delimiter; columns: string[] } {
  const text = csv.replace(/^\uFEFF/, '');
  const first = text.split(/\r\n|\n|\r/).find((l) => l.trim() !== '') ?? '';
  const comma = splitCsvLine(first, ',');
  const semicolon = splitCsvLine(first, ';');
  const delimiter: Delimiter = semicolon.length > comma.length ? ';' : ',';
  const columns = (delimiter === ';' ? semicolon : comma).filter((c) => c !== '');
  return { delimiter, columns };
}

export type MappingKey = keyof SignalMapping;
export const MAPPING_KEYS: readonly MappingKey[] = ['text', 'lat', 'lng', 'occurredAt', 'place', 'externalId'];
export const REQUIRED_KEYS: ReadonlySet<MappingKey> = new Set(['text', 'lat', 'lng']);

const GUESSES: Record<MappingKey, RegExp> = {
  text: /^(tekst|text|opmerking|opmerkingen|omschrijving|toelichting|antwoord|bericht|melding|comment|message)\b/i,
  lat: /^(lat|latitude|breedte|breedtegraad)$/i,
  lng: /^(lng|lon|long|longitude|lengte|lengtegraad)$/i,
  occurredAt: /^(datum|date|tijd|tijdstip|moment|time|datetime|occurred_?at|ingevuld)\b/i,
  place: /^(wijk|buurt|plaats|place|locatie|gebied|stadsdeel)\b/i,
  externalId: /^(nr|id|nummer|respondent|respondentnummer|antwoordnummer)$/i,
};

/** A first guess at the mapping from the column names (the user checks it). */
export function guessMapping(columns: readonly string[]): Record<MappingKey, string> {
  const mapping = { text: '', lat: '', lng: '', occurredAt: '', place: '', externalId: '' };
  const taken = new Set<string>();
  for (const key of MAPPING_KEYS) {
    const hit = columns.find((c) => !taken.has(c) && GUESSES[key].test(c.trim()));
    if (hit) {
      mapping[key] = hit;
      taken.add(hit);
    }
  }
  return mapping;
}

/** The mapping to send: required columns always, optional ones only when chosen. */
export function toSignalMapping(choice: Record<MappingKey, string>): SignalMapping | null {
  if (!choice.text || !choice.lat || !choice.lng) return null;
  return {
    text: choice.text,
    lat: choice.lat,
    lng: choice.lng,
    ...(choice.occurredAt ? { occurredAt: choice.occurredAt } : {}),
    ...(choice.place ? { place: choice.place } : {}),
    ...(choice.externalId ? { externalId: choice.externalId } : {}),
  };
}
