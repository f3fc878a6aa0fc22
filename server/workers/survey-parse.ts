import { CsvFormatError, type Delimiter, mappingErrors, mapRows, readCsv } from '../domain/signal-import';
import type { DomainText } from '../domain/domain-text';
import type { RejectedRow, SignalMapping, SignalPreviewRow } from '../protocol/intake';

/**
 * Reading a survey CSV (domain/signal-import.ts) packed for the trip back from the parse worker: the valid
 * rows as JSON text in chunks (copied as strings, parsed one chunk at a time by the importer, so the hub's
 * event loop never rebuilds 50,000 objects at once) and the first rejected rows. Pure: the worker runs it,
 * and so can a test.
 */
export interface SurveyParseInput {
  csv: string;
  mapping: SignalMapping;
  /** The import time (ISO): rows without a date get it, later dates are refused. */
  now: string;
}

export interface ParsedSurvey {
  header: string[];
  delimiter: Delimiter;
  validCount: number;
  /** The valid rows in file order, `SURVEY_CHUNK` per chunk, each chunk a JSON array of SignalPreviewRow. */
  chunks: string[];
  /** The first `MAX_REJECTED_LISTED` rejected rows, and how many there are. */
  rejected: RejectedRow[];
  rejectedCount: number;
}

export type SurveyParseOutcome =
  | { ok: true; survey: ParsedSurvey }
  | { ok: false; format: DomainText }
  | { ok: false; mapping: Record<string, DomainText> };

/** Rows per chunk: one statement of the import writes one chunk (13 columns × 500 stays below every parameter limit). */
export const SURVEY_CHUNK = 500;
export const MAX_REJECTED_LISTED = 1000;

export function parseSurvey(input: SurveyParseInput): SurveyParseOutcome {
  let table: ReturnType<typeof readCsv>;
  try {
    table = readCsv(input.csv);
  } catch (err) {
    if (err instanceof CsvFormatError) return { ok: false, format: err.text };
    throw err;
  }
  const missing = mappingErrors(table.header, input.mapping);
  if (Object.keys(missing).length > 0) return { ok: false, mapping: missing };
  const { valid, rejected } = mapRows(table, input.mapping, { now: new Date(input.now) });
  return { ok: true, survey: packSurvey(table.header, table.delimiter, valid, rejected) };
}

export function packSurvey(header: string[], delimiter: Delimiter, valid: SignalPreviewRow[], rejected: RejectedRow[]): ParsedSurvey {
  const chunks: string[] = [];
  for (let i = 0; i < valid.length; i += SURVEY_CHUNK) chunks.push(JSON.stringify(valid.slice(i, i + SURVEY_CHUNK)));
  return {
    header,
    delimiter,
    validCount: valid.length,
    chunks,
    rejected: rejected.slice(0, MAX_REJECTED_LISTED),
    rejectedCount: rejected.length,
  };
}

/** One chunk's rows, as the importer reads them. */
export function chunkRows(survey: ParsedSurvey, index: number): SignalPreviewRow[] {
  return JSON.parse(survey.chunks[index] ?? '[]') as SignalPreviewRow[];
}
