import type { QueueRow } from '../protocol/report-queue';
import { escapeHtml as esc } from './feedback-html';
import { LIFECYCLE_TEXTS } from './lifecycle';

/**
 * The paper fallback (README "Operating Meldkamer"): the open queue as one printable HTML page, for when the hub is
 * down and the control room works from paper. Rules:
 * - urgent first, then high, normal, low; within a priority the earliest handling deadline first (none last), then
 *   the oldest report;
 * - what a dispatcher needs to keep working: number, priority, status, category, address, age, deadline; no reporter
 *   data (the queue row carries none);
 * - Dutch, A4 landscape, readable in black and white; times in the control room's time zone;
 * - it says when it was written, in large type: a stale sheet must look stale.
 */
/** What the page prints of a queue row. */
export type PaperRow = Pick<QueueRow, 'number' | 'priority' | 'status' | 'category' | 'address' | 'createdAt' | 'slaDeadline'>;
export const PAPER_ROW_FIELDS = ['number', 'priority', 'status', 'category', 'address', 'createdAt', 'slaDeadline'] as const satisfies readonly (keyof PaperRow)[];

export interface PaperQueueInput {
  rows: readonly PaperRow[];
  generatedAt: Date;
  timeZone: string;
  municipality: string;
  emergenciesOpen: number;
}

const PRIORITY_ORDER = { urgent: 0, high: 1, normal: 2, low: 3 } as const;
const PRIORITY_NL = { urgent: 'SPOED', high: 'hoog', normal: 'normaal', low: 'laag' } as const;

export function sortForPaper<R extends PaperRow>(rows: readonly R[]): R[] {
  return [...rows].sort(
    (a, b) =>
      PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority] ||
      (a.slaDeadline ?? '9999').localeCompare(b.slaDeadline ?? '9999') ||
      a.createdAt.localeCompare(b.createdAt),
  );
}

/** Table rows per piece of paperQueuePieces. */
const PIECE_ROWS = 500;

export function renderPaperQueue(input: PaperQueueInput): string {
  return [...paperQueuePieces(input)].join('');
}

/**
 * The page as pieces of its text, in order (the head, the table a few hundred rows at a time, the end), so the hub
 * writes it to its file piece by piece instead of holding a page of 20,000 rows as one string (~5 MB, and as many
 * again while it is built and encoded).
 */
export function* paperQueuePieces(input: PaperQueueInput): Generator<string> {
  // One format for the page: building one per row took seconds of the hub's event loop for 20,000 open reports.
  const format = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'short', timeStyle: 'short', timeZone: input.timeZone });
  const time = (iso: string) => format.format(new Date(iso));
  const generated = time(input.generatedAt.toISOString());
  const age = (iso: string) => {
    const minutes = Math.max(0, Math.round((input.generatedAt.getTime() - Date.parse(iso)) / 60_000));
    return minutes < 120 ? `${minutes} min` : minutes < 48 * 60 ? `${Math.round(minutes / 60)} uur` : `${Math.round(minutes / 1440)} dagen`;
  };
  const row = (r: PaperRow) =>
    `<tr${r.priority === 'urgent' ? ' class="spoed"' : ''}><td>${esc(r.number)}</td><td>${PRIORITY_NL[r.priority]}</td>` +
    `<td>${esc(LIFECYCLE_TEXTS[`report.status.${r.status}`])}</td><td>${esc(r.category)}</td><td>${esc(r.address ?? '')}</td>` +
    `<td>${age(r.createdAt)}</td><td>${r.slaDeadline ? time(r.slaDeadline) : ''}</td><td class="pen"></td></tr>`;
  yield `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Open meldingen ${esc(generated)}</title>
<style>
@page { size: A4 landscape; margin: 12mm; }
body { font: 10pt system-ui, sans-serif; color: #000; }
h1 { font-size: 16pt; margin: 0 0 4pt; }
.stamp { font-size: 14pt; font-weight: bold; border: 2pt solid #000; padding: 4pt 8pt; display: inline-block; }
table { border-collapse: collapse; width: 100%; margin-top: 8pt; }
th, td { border: 0.5pt solid #000; padding: 2pt 4pt; text-align: left; vertical-align: top; }
th { background: #ddd; } thead { display: table-header-group; } tr { break-inside: avoid; }
tr.spoed td { font-weight: bold; } td.pen { width: 25%; }
</style></head><body>
<h1>Open meldingen: ${esc(input.municipality)}</h1>
<p class="stamp">Stand van ${esc(generated)}: ${input.rows.length} open${input.emergenciesOpen > 0 ? `, ${input.emergenciesOpen} noodgeval open` : ''}</p>
<p>Noodpapier voor als Meldkamer niet werkt. Schrijf in de laatste kolom wie wat deed en wanneer; voer het later in.</p>
<table><thead><tr><th>Nummer</th><th>Prioriteit</th><th>Status</th><th>Categorie</th><th>Adres</th><th>Wacht</th><th>Termijn</th><th>Aantekeningen</th></tr></thead>
<tbody>
`;
  const sorted = sortForPaper(input.rows);
  for (let i = 0; i < sorted.length; i += PIECE_ROWS) {
    yield `${i > 0 ? '\n' : ''}${sorted.slice(i, i + PIECE_ROWS).map(row).join('\n')}`;
  }
  yield `
</tbody></table></body></html>
`;
}
