/**
 * Text for a spreadsheet cell that a spreadsheet never runs (OWASP "CSV injection"): a value that begins with
 * `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe, so Excel, LibreOffice and Google Sheets
 * show it as text instead of evaluating it as a formula. Numbers stay numbers (only text is escaped). Pure.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function safeCellText(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One CSV field (RFC 4180): escaped as above, quoted when it holds a separator, quote or line break. */
export function csvField(value: string | number | null, separator = ','): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = safeCellText(value);
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A CSV document: a header row and the data rows, CRLF line ends, a BOM so Excel reads UTF-8. */
export function csvDocument(rows: readonly (readonly (string | number | null)[])[], separator = ','): string {
  return `\uFEFF${rows.map((row) => row.map((v) => csvField(v, separator)).join(separator)).join('\r\n')}\r\n`;
}
