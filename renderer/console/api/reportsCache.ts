/** Pure cache updates for the open queue (no React, no DOM). */
import { type HubEvent, reportOf } from '../../../server/protocol/events';
import { isOpenStatus } from '../../../server/protocol/report';
import { type QueueRow, toQueueRow } from '../../../server/protocol/report-queue';

/**
 * The open queue as the console holds it: slim rows (QueueRow: what the queue, its filters and counts, the SLA
 * display and the map read; the whole report is fetched when one is opened), the seq of the last event applied,
 * and while the later pages are still coming (`progress`), the version at which reports left the queue (`gone`):
 * a page read before an event must not bring back a report the event closed.
 *
 * Every row in `reports` is a QueueRow made by decodeQueueRows or toQueueRow, never a whole report kept as it
 * came: an event's report is cut down on the way in, so the cache holds one shape (and not 20,000 descriptions).
 */
export interface OpenQueue {
  reports: QueueRow[];
  seq: number;
  progress?: { loaded: number; total: number } | null;
  gone?: ReadonlyMap<string, number>;
}

/**
 * Upsert `report` (a whole report or a row) into the open rows by id, as its slim row. A snapshot with a lower
 * `version` than the cached one is stale and ignored; a report that is no longer open is dropped. Returns the same
 * array when nothing changed.
 */
export function upsertOpenReport(reports: QueueRow[], report: QueueRow): QueueRow[] {
  const index = reports.findIndex((r) => r.id === report.id);
  const cached = index >= 0 ? reports[index] : undefined;
  if (cached && cached.version > report.version) return reports;
  if (!isOpenStatus(report.status)) {
    if (index < 0) return reports;
    return reports.slice(0, index).concat(reports.slice(index + 1));
  }
  const row = toQueueRow(report);
  if (index < 0) return [...reports, row];
  const next = reports.slice();
  next[index] = row;
  return next;
}

/** A report changed (an event or a command's answer): upserted; while pages are loading, a closing is remembered. */
export function upsertInQueue(queue: OpenQueue, report: QueueRow): OpenQueue {
  const reports = upsertOpenReport(queue.reports, report);
  if (!queue.progress || isOpenStatus(report.status)) return reports === queue.reports ? queue : { ...queue, reports };
  const gone = new Map(queue.gone ?? []);
  gone.set(report.id, Math.max(report.version, gone.get(report.id) ?? 0));
  return { ...queue, reports, gone };
}

/** Applies a hub event to the open queue; events already included (seq <= snapshot seq) are skipped. */
export function applyEventToSnapshot(snapshot: OpenQueue | undefined, event: HubEvent): OpenQueue | undefined {
  if (!snapshot || event.seq <= snapshot.seq) return snapshot;
  const report = reportOf(event);
  return { ...(report ? upsertInQueue(snapshot, report) : snapshot), seq: event.seq };
}

/** A page of the queue with its rows made objects (decodeQueueRows). */
export interface QueueRowsPage {
  rows: QueueRow[];
  seq: number;
  total: number;
  next: string | null;
}

/** The first page of the queue as the cache starts from. */
export function openQueueFromFirstPage(page: QueueRowsPage): OpenQueue {
  return {
    reports: page.rows,
    seq: page.seq,
    progress: page.next === null ? null : { loaded: page.rows.length, total: page.total },
    gone: new Map(),
  };
}

/**
 * Merges a later page into the queue. Its rows may be older or newer than what events already brought: each row
 * wins only over an older version of itself, and never over a closing seen at the same or a later version.
 */
export function mergeQueuePage(queue: OpenQueue, page: Omit<QueueRowsPage, 'seq'>): OpenQueue {
  const index = new Map(queue.reports.map((r, i) => [r.id, i]));
  const reports = queue.reports.slice();
  for (const row of page.rows) {
    if ((queue.gone?.get(row.id) ?? -1) >= row.version) continue;
    const at = index.get(row.id);
    if (at === undefined) {
      index.set(row.id, reports.length);
      reports.push(row);
    } else if ((reports[at]?.version ?? -1) < row.version) {
      reports[at] = row;
    }
  }
  const loaded = (queue.progress?.loaded ?? 0) + page.rows.length;
  if (page.next === null) return { ...queue, reports, progress: null, gone: new Map() };
  return { ...queue, reports, progress: { loaded, total: page.total } };
}
