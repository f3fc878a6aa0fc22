/**
 * Text for a spreadsheet cell that a spreadsheet never runs (OWASP "CSV injection"): a value that begins with
 * `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe, so Excel, LibreOffice and Google Sheets
 * show it as text instead of evaluating it as a formula. Numbers stay numbers (only text is escaped). Pure.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function safeCellText(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
