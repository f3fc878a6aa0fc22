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

const MINUTE = 60_000;

function minutes(ms: number | null): number | null {
  return ms === null ? null : Math.round((ms / MINUTE) * 10) / 10;
}

function percent(share: number | null): number | null {
  return share === null ? null : Math.round(share * 1000) / 10;
}

const COLUMNS: { header: string; value: (k: KpiRow) => Cell }[] = [
  { header: 'Ontvangen', value: (k) => k.received },
  { header: 'Wachtrij mediaan (min)', value: (k) => minutes(k.queue.medianMs) },
  { header: 'Wachtrij p90 (min)', value: (k) => minutes(k.queue.p90Ms) },
  { header: 'Uitgifte mediaan (min)', value: (k) => minutes(k.dispatch.medianMs) },
  { header: 'Uitgifte p90 (min)', value: (k) => minutes(k.dispatch.p90Ms) },
  { header: 'Aanrijden mediaan (min)', value: (k) => minutes(k.travel.medianMs) },
  { header: 'Aanrijden p90 (min)', value: (k) => minutes(k.travel.p90Ms) },
  { header: 'Ter plaatse mediaan (min)', value: (k) => minutes(k.onScene.medianMs) },
  { header: 'Ter plaatse p90 (min)', value: (k) => minutes(k.onScene.p90Ms) },
  { header: 'Tot afsluiten mediaan (min)', value: (k) => minutes(k.close.medianMs) },
  { header: 'Tot afsluiten p90 (min)', value: (k) => minutes(k.close.p90Ms) },
  { header: 'Afgesloten', value: (k) => k.closed },
  { header: 'Binnen termijn (%)', value: (k) => percent(k.withinTermShare) },
  { header: 'Vervolgdatum gehaald (%)', value: (k) => percent(k.followUpsDoneShare) },
  { header: 'Tevreden (%)', value: (k) => percent(k.satisfiedShare) },
  { header: 'Respons (%)', value: (k) => percent(k.responseRate) },
  { header: 'Heropend (%)', value: (k) => percent(k.reopenRate) },
  { header: 'Bericht aangepast (%)', value: (k) => percent(k.editedShare) },
  { header: 'Mislukte berichten', value: (k) => k.deliveriesFailed },
];

/** An instant as the wall clock in `timeZone` shows it: 2026-11-01 00:00. */
function localMinute(instant: string, timeZone: string): string {
  const local = localDateTime(new Date(instant), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${formatCivilDate(local)} ${pad(local.hour)}:${pad(local.minute)}`;
}

/** The export's rows: a header, the groups, the total, then the trend periods. */
export function statsTable(answer: StatsAnswer): Cell[][] {
  const header: Cell[] = ['Periode van', 'Periode tot', 'Groep', ...COLUMNS.map((c) => c.header)];
  const row = (from: string, to: string, group: string, k: KpiRow): Cell[] => [
    localMinute(from, answer.timeZone),
    localMinute(to, answer.timeZone),
    group,
    ...COLUMNS.map((c) => c.value(k)),
  ];
  return [
    header,
    ...answer.groups.map((g) => row(answer.from, answer.to, g.label, g.kpis)),
    row(answer.from, answer.to, 'Totaal', answer.total),
    ...answer.trend.map((t) => row(t.from, t.to, 'Totaal (eerdere periode)', t.kpis)),
  ];
}

export function statsCsv(answer: StatsAnswer): Buffer {
  return Buffer.from(csvDocument(statsTable(answer)), 'utf8');
}

export async function statsXlsx(answer: StatsAnswer): Promise<Buffer> {
  // Loaded on the first spreadsheet, not at start-up (see http/shift-report-pdf.ts).
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Meldkamer';
  const sheet = workbook.addWorksheet("KPI's");
  for (const r of statsTable(answer)) sheet.addRow(r.map((v) => (typeof v === 'string' ? safeCellText(v) : v)));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1, xSplit: 3 }];
  const targets = workbook.addWorksheet('Doelen');
  targets.addRow(['Doel', 'Waarde (%)']);
  targets.addRow(['Binnen termijn', percent(answer.targets.withinTerm)]);
  targets.addRow(['Tevreden', percent(answer.targets.satisfied)]);
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
