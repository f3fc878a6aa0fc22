import { CsvError, parse } from 'csv-parse/sync';
import type { RejectedRow, SignalMapping, SignalPreviewRow } from '../protocol/intake';
import { type DomainText, textMaker } from './domain-text';
import { SIGNAL_IMPORT_TEXTS } from './signal-import-texts';
import { DEFAULT_TIME_ZONE } from './sla';
import { zonedToInstant } from './zoned-time';

/**
 * Resident-survey results as CSV -> signals. Pure: parsing (csv-parse), column mapping
 * and per-row validation with Dutch messages (and their codes, see domain-text.ts). A bad
 * row is reported and skipped; the caller stores the good rows in one transaction.
 *
 * Accepted input:
 * - a header row; delimiter `,` or `;` (whichever splits the header into more columns);
 *   quoted fields ("..", with "" for a quote) may contain delimiters and line breaks;
 *   a UTF-8 byte-order mark is ignored; empty lines are skipped.
 * - coordinates in WGS84 degrees, with a decimal point or a decimal comma ("52,0799").
 * - dates as ISO 8601 (with a zone: taken as is; without: Dutch local time), or
 *   DD-MM-JJJJ / DD/MM/JJJJ with an optional time HH:MM[:SS] (Dutch local time).
 */

export type Delimiter = ',' | ';';

export interface CsvRow {
  /** 1-based data row number (the header row not counted). */
  row: number;
  /** Line in the file where the row ends. */
  line: number;
  cells: string[];
}

export interface CsvTable {
  delimiter: Delimiter;
  header: string[];
  rows: CsvRow[];
}

export const MAX_IMPORT_ROWS = 50_000;
export const MAX_TEXT_LENGTH = 4000;
export const MAX_PLACE_LENGTH = 200;
export const MAX_EXTERNAL_ID_LENGTH = 200;

const say = textMaker(SIGNAL_IMPORT_TEXTS);

/** The file as a whole cannot be read (unclosed quote, no header, too many rows). */
export class CsvFormatError extends Error {
  constructor(readonly text: DomainText) {
    super(text.message);
  }
}

function headerColumns(csv: string, delimiter: Delimiter): number {
  try {
    const [first] = parse(csv, { bom: true, delimiter, to_line: 1, relax_column_count: true, relax_quotes: true }) as string[][];
    return first?.length ?? 0;
  } catch {
    return 0;
  }
}

/** `,` or `;`: the one that splits the header row into more columns (`,` on a tie). */
export function detectDelimiter(csv: string): Delimiter {
  return headerColumns(csv, ';') > headerColumns(csv, ',') ? ';' : ',';
}

export function readCsv(input: string): CsvTable {
  // One line ending (also inside quoted fields): line numbers in messages match what an editor shows.
  const csv = input.replace(/\r\n?/g, '\n');
  const delimiter = detectDelimiter(csv);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(csv, {
      bom: true,
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      trim: true,
      // With `info`, each record comes as { record, info }; the typings do not follow that option.
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines;
      const reason = csvErrorText(err.code);
      throw new CsvFormatError(
        line ? say('import.file.invalid_at_line', { line, reason }) : say('import.file.invalid', { reason }),
      );
    }
    throw err;
  }
  const [head, ...data] = records;
  if (!head) throw new CsvFormatError(say('import.file.no_header'));
  if (data.length > MAX_IMPORT_ROWS) {
    throw new CsvFormatError(say('import.file.too_many_rows', { rows: data.length, max: MAX_IMPORT_ROWS }));
  }
  return {
    delimiter,
    header: head.record.map((h) => h.trim()),
    rows: data.map((r, i) => ({ row: i + 1, line: r.info.lines, cells: r.record.map((c) => c.trim()) })),
  };
}

/** csv-parse's reason in Dutch; an unexpected one by its own code. */
function csvErrorText(code: string): DomainText | string {
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return say('import.file.quote_not_closed');
    case 'CSV_INVALID_CLOSING_QUOTE':
      return say('import.file.invalid_closing_quote');
    default:
      return code;
  }
}

/** Field errors for mapped columns that are not in the header, coded. */
export function mappingErrors(header: readonly string[], mapping: SignalMapping): Record<string, DomainText> {
  const errors: Record<string, DomainText> = {};
  for (const [key, column] of Object.entries(mapping) as [keyof SignalMapping, string | undefined][]) {
    if (column === undefined) continue;
    if (!header.includes(column)) {
      errors[`mapping.${key}`] = say('import.mapping.column_missing', { column, field: say(`import.field.${key}`) });
    }
  }
  return errors;
}

/** `mappingErrors` in Dutch. */
export function checkMapping(header: readonly string[], mapping: SignalMapping): Record<string, string> {
  return messagesOf(mappingErrors(header, mapping));
}

function messagesOf(texts: Record<string, DomainText>): Record<string, string> {
  return Object.fromEntries(Object.entries(texts).map(([key, text]) => [key, text.message]));
}

/** "52.0799", "52,0799", " 4.31 " -> number; anything else (also "52,079,9" or "1e3") -> undefined. */
export function parseCoordinate(value: string): number | undefined {
  const normalized = value.trim().replace(/^(-?\d+),(\d+)$/, '$1.$2');
  if (!/^[-+]?\d+(\.\d+)?$/.test(normalized)) return undefined;
  return Number(normalized);
}

const ISO_ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const DUTCH = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** Wall-clock time in a time zone -> the instant; undefined for an impossible date (31-02). */
export function zonedTime(
  fields: { year: number; month: number; day: number; hour: number; minute: number; second: number },
  timeZone: string,
): Date | undefined {
  const { year, month, day, hour, minute, second } = fields;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return zonedToInstant({ ...fields, millisecond: 0 }, timeZone);
}

/** A survey date -> instant, or undefined when it is not a date in an accepted format. */
export function parseSignalDate(value: string, timeZone: string = DEFAULT_TIME_ZONE): Date | undefined {
  const v = value.trim();
  if (ISO_ZONED.test(v)) {
    const ms = Date.parse(v);
    return Number.isNaN(ms) ? undefined : new Date(ms);
  }
  const iso = ISO_LOCAL.exec(v);
  const dutch = iso ? undefined : DUTCH.exec(v);
  const m = iso ?? dutch;
  if (!m) return undefined;
  const [year, month, day] = iso ? [m[1], m[2], m[3]] : [m[3], m[2], m[1]];
  return zonedTime(
    { year: Number(year), month: Number(month), day: Number(day), hour: Number(m[4] ?? 0), minute: Number(m[5] ?? 0), second: Number(m[6] ?? 0) },
    timeZone,
  );
}

export interface MapOptions {
  /** Import time: the date of a row without a date column, and the limit for dates in the future. */
  now: Date;
  timeZone?: string;
}

export interface MappedRows {
  valid: SignalPreviewRow[];
  rejected: RejectedRow[];
}

/** Maps and validates every data row; rows with any error are rejected with all their errors. */
export function mapRows(table: CsvTable, mapping: SignalMapping, { now, timeZone = DEFAULT_TIME_ZONE }: MapOptions): MappedRows {
  const index = (column: string | undefined) => (column === undefined ? -1 : table.header.indexOf(column));
  const cols = {
    text: index(mapping.text),
    lat: index(mapping.lat),
    lng: index(mapping.lng),
    occurredAt: index(mapping.occurredAt),
    place: index(mapping.place),
    externalId: index(mapping.externalId),
  };
  const latest = now.getTime() + 60 * 60 * 1000;
  const seenIds = new Map<string, number>();
  const valid: SignalPreviewRow[] = [];
  const rejected: RejectedRow[] = [];

  for (const { row, line, cells } of table.rows) {
    const errors: Record<string, DomainText> = {};
    const cell = (i: number) => (i < 0 ? '' : (cells[i] ?? ''));
    if (cells.length !== table.header.length) {
      errors.columns = say('import.row.columns', { cells: cells.length, header: table.header.length });
    }

    const text = cell(cols.text);
    if (text === '') errors.text = say('import.row.text_missing');
    else if (text.length > MAX_TEXT_LENGTH) errors.text = say('import.row.text_too_long', { max: MAX_TEXT_LENGTH });

    const lat = coordinate(cell(cols.lat), 90, 'lat', errors);
    const lng = coordinate(cell(cols.lng), 180, 'lng', errors);

    let occurredAt = now;
    if (cols.occurredAt >= 0) {
      const raw = cell(cols.occurredAt);
      const parsed = raw === '' ? undefined : parseSignalDate(raw, timeZone);
      if (raw === '') errors.occurredAt = say('import.row.date_missing');
      else if (!parsed) errors.occurredAt = say('import.row.date_unknown', { value: raw });
      else if (parsed.getTime() > latest) errors.occurredAt = say('import.row.date_future');
      else occurredAt = parsed;
    }

    const place = cell(cols.place);
    if (place.length > MAX_PLACE_LENGTH) errors.place = say('import.row.place_too_long', { max: MAX_PLACE_LENGTH });

    const externalId = cell(cols.externalId);
    if (externalId.length > MAX_EXTERNAL_ID_LENGTH) {
      errors.externalId = say('import.row.id_too_long', { max: MAX_EXTERNAL_ID_LENGTH });
    } else if (externalId !== '') {
      const earlier = seenIds.get(externalId);
      if (earlier !== undefined) errors.externalId = say('import.row.id_duplicate', { id: externalId, row: earlier });
      else seenIds.set(externalId, row);
    }

    if (Object.keys(errors).length > 0 || lat === undefined || lng === undefined) {
      rejected.push({ row, line, errors: messagesOf(errors), errorTexts: errors });
      continue;
    }
    valid.push({
      row,
      line,
      text,
      lat,
      lng,
      occurredAt: occurredAt.toISOString(),
      place: place === '' ? null : place,
      externalId: externalId === '' ? null : externalId,
    });
  }
  return { valid, rejected };
}

function coordinate(
  raw: string,
  limit: number,
  key: 'lat' | 'lng',
  errors: Record<string, DomainText>,
): number | undefined {
  const label = say(`import.row.coordinate.${key}`);
  if (raw === '') {
    errors[key] = say('import.row.coordinate_missing', { coordinate: label });
    return undefined;
  }
  const value = parseCoordinate(raw);
  if (value === undefined) {
    errors[key] = say('import.row.coordinate_not_number', { coordinate: label, value: raw });
    return undefined;
  }
  if (value < -limit || value > limit) {
    errors[key] = say('import.row.coordinate_out_of_range', { coordinate: label, limit });
    return undefined;
  }
  return value;
}
