import { stringify } from 'csv-stringify/sync';
import { safeCellText } from '../domain/spreadsheet-cell';

/**
 * A CSV document (RFC 4180, written by csv-stringify): a header row and the data rows, CRLF line ends, a BOM so Excel
 * reads UTF-8. Text cells are escaped first so a spreadsheet never runs them (domain/spreadsheet-cell.ts); a field with
 * the separator, a quote or a line break is quoted. Numbers stay numbers, null is an empty field.
 */
export function csvDocument(rows: readonly (readonly (string | number | null)[])[]): string {
  const cells = rows.map((row) => row.map((v) => (v === null ? '' : typeof v === 'number' ? (Number.isFinite(v) ? v : '') : safeCellText(v))));
  return stringify(cells, { bom: true, record_delimiter: 'windows', quoted_match: /[\r\n]/ });
}
