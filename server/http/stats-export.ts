import { localDay } from '../domain/kpi-periods';
import { safeCellText } from '../domain/spreadsheet-cell';
import { formatCivilDate, localDateTime } from '../domain/zoned-time';
import { csvDocument } from './csv-document';
import type { KpiRow, StatsAnswer } from '../protocol/stats';

/**
 * GET /api/stats as a spreadsheet (`format=csv|xlsx`): one row per group and one for the total, then the trend
 * periods' totals; durations in minutes, shares in percent (one decimal). Every text cell is escaped so a
 * spreadsheet never runs it (domain/spreadsheet-cell.ts); in the XLSX, figures are numbers. A period's bounds read as
 * the control room's clock (the answer's time zone), as on the KPI screen, not as the UTC instants of the API.
 */

type Cell = string | number | null;

/** The export's language: the console's (its `lang=`), Dutch by default. */
export type ExportLanguage = 'nl' | 'en';

/** The export's own words besides the column headers. */
const WORDS: Record<ExportLanguage, Record<'from' | 'to' | 'group' | 'total' | 'earlier' | 'kpis' | 'targets' | 'target' | 'value' | 'withinTerm' | 'satisfied', string>> = {
  nl: {
    ...{ from: 'Periode van', to: 'Periode tot', group: 'Groep', total: 'Totaal', earlier: 'Totaal (eerdere periode)' },
    ...{ kpis: "KPI's", targets: 'Doelen', target: 'Doel', value: 'Waarde (%)', withinTerm: 'Binnen termijn', satisfied: 'Tevreden' },
  },
  en: {
    ...{ from: 'Period from', to: 'Period to', group: 'Group', total: 'Total', earlier: 'Total (earlier period)' },
    ...{ kpis: 'KPIs', targets: 'Targets', target: 'Target', value: 'Value (%)', withinTerm: 'Within term', satisfied: 'Satisfied' },
  },
};

const MINUTE = 60_000;

function minutes(ms: number | null): number | null {
  return ms === null ? null : Math.round((ms / MINUTE) * 10) / 10;
}

function percent(share: number | null): number | null {
  return share === null ? null : Math.round(share * 1000) / 10;
}

const COLUMNS: { header: Record<ExportLanguage, string>; value: (k: KpiRow) => Cell }[] = [
  { header: { nl: 'Ontvangen', en: 'Received' }, value: (k) => k.received },
  { header: { nl: 'Wachtrij mediaan (min)', en: 'Queue median (min)' }, value: (k) => minutes(k.queue.medianMs) },
  { header: { nl: 'Wachtrij p90 (min)', en: 'Queue p90 (min)' }, value: (k) => minutes(k.queue.p90Ms) },
  { header: { nl: 'Uitgifte mediaan (min)', en: 'Dispatch median (min)' }, value: (k) => minutes(k.dispatch.medianMs) },
  { header: { nl: 'Uitgifte p90 (min)', en: 'Dispatch p90 (min)' }, value: (k) => minutes(k.dispatch.p90Ms) },
  { header: { nl: 'Aanrijden mediaan (min)', en: 'Travel median (min)' }, value: (k) => minutes(k.travel.medianMs) },
  { header: { nl: 'Aanrijden p90 (min)', en: 'Travel p90 (min)' }, value: (k) => minutes(k.travel.p90Ms) },
  { header: { nl: 'Ter plaatse mediaan (min)', en: 'On scene median (min)' }, value: (k) => minutes(k.onScene.medianMs) },
  { header: { nl: 'Ter plaatse p90 (min)', en: 'On scene p90 (min)' }, value: (k) => minutes(k.onScene.p90Ms) },
  { header: { nl: 'Tot afsluiten mediaan (min)', en: 'To close median (min)' }, value: (k) => minutes(k.close.medianMs) },
  { header: { nl: 'Tot afsluiten p90 (min)', en: 'To close p90 (min)' }, value: (k) => minutes(k.close.p90Ms) },
  { header: { nl: 'Afgesloten', en: 'Closed' }, value: (k) => k.closed },
  { header: { nl: 'Binnen termijn (%)', en: 'Within term (%)' }, value: (k) => percent(k.withinTermShare) },
  { header: { nl: 'Vervolgdatum gehaald (%)', en: 'Follow-up date met (%)' }, value: (k) => percent(k.followUpsDoneShare) },
  { header: { nl: 'Tevreden (%)', en: 'Satisfied (%)' }, value: (k) => percent(k.satisfiedShare) },
  { header: { nl: 'Respons (%)', en: 'Response (%)' }, value: (k) => percent(k.responseRate) },
  { header: { nl: 'Heropend (%)', en: 'Reopened (%)' }, value: (k) => percent(k.reopenRate) },
  { header: { nl: 'Bericht aangepast (%)', en: 'Message edited (%)' }, value: (k) => percent(k.editedShare) },
  { header: { nl: 'Mislukte berichten', en: 'Failed messages' }, value: (k) => k.deliveriesFailed },
];

/** An instant as the wall clock in `timeZone` shows it: 2026-11-01 00:00. */
function localMinute(instant: string, timeZone: string): string {
  const local = localDateTime(new Date(instant), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${formatCivilDate(local)} ${pad(local.hour)}:${pad(local.minute)}`;
}

/** The export's rows: a header, the groups, the total, then the trend periods. */
export function statsTable(answer: StatsAnswer, language: ExportLanguage = 'nl'): Cell[][] {
  const w = WORDS[language];
  const header: Cell[] = [w.from, w.to, w.group, ...COLUMNS.map((c) => c.header[language])];
  const row = (from: string, to: string, group: string, k: KpiRow): Cell[] => [
    localMinute(from, answer.timeZone),
    localMinute(to, answer.timeZone),
    group,
    ...COLUMNS.map((c) => c.value(k)),
  ];
  return [
    header,
    ...answer.groups.map((g) => row(answer.from, answer.to, g.label, g.kpis)),
    row(answer.from, answer.to, w.total, answer.total),
    ...answer.trend.map((t) => row(t.from, t.to, w.earlier, t.kpis)),
  ];
}

export function statsCsv(answer: StatsAnswer, language: ExportLanguage = 'nl'): Buffer {
  return Buffer.from(csvDocument(statsTable(answer, language)), 'utf8');
}

export async function statsXlsx(answer: StatsAnswer, language: ExportLanguage = 'nl'): Promise<Buffer> {
  const w = WORDS[language];
  // Loaded on the first spreadsheet, not at start-up (see http/shift-report-pdf.ts).
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Meldkamer';
  const sheet = workbook.addWorksheet(w.kpis);
  for (const r of statsTable(answer, language)) sheet.addRow(r.map((v) => (typeof v === 'string' ? safeCellText(v) : v)));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1, xSplit: 3 }];
  const targets = workbook.addWorksheet(w.targets);
  targets.addRow([w.target, w.value]);
  targets.addRow([w.withinTerm, percent(answer.targets.withinTerm)]);
  targets.addRow([w.satisfied, percent(answer.targets.satisfied)]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * The download's file name: kpi-<from day>-<to day>[-<grouping>].<ext>, the days as the control room reads them (the
 * answer's time zone): a day in Amsterdam starts at 23:00 or 22:00 UTC the day before.
 */
export function statsFileName(answer: StatsAnswer, ext: 'csv' | 'xlsx'): string {
  const from = localDay(answer.from, answer.timeZone);
  const to = localDay(answer.to, answer.timeZone);
  return `kpi-${from}-${to}${answer.by ? `-${answer.by}` : ''}.${ext}`;
}
