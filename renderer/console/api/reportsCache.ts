/** Pure cache updates for the open-reports snapshot (no React, no DOM). */
import type { ReportsSnapshot } from '../../../server/protocol/api';
import { type HubEvent, reportOf } from '../../../server/protocol/events';
import { isOpenStatus, type Report } from '../../../server/protocol/report';

/**
 * The open queue as the console holds it: the reports, the seq of the last event applied, and while the later
 * pages are still coming (`progress`), the version at which reports left the queue (`gone`): a page read before
 * an event must not bring back a report the event closed.
 */
export interface OpenQueue extends ReportsSnapshot {
  progress?: { loaded: number; total: number } | null;
  gone?: ReadonlyMap<string, number>;
}

/**
 * Upsert `report` into the open-reports list by id. A snapshot with a lower `version` than the cached one
 * is stale and ignored; a report that is no longer open is dropped. Returns the same array when nothing changed.
 */
export function upsertOpenReport(reports: Report[], report: Report): Report[] {
  const index = reports.findIndex((r) => r.id === report.id);
  const cached = index >= 0 ? reports[index] : undefined;
  if (cached && cached.version > report.version) return reports;
  if (!isOpenStatus(report.status)) {
    if (index < 0) return reports;
    return reports.slice(0, index).concat(reports.slice(index + 1));
  }
  if (index < 0) return [...reports, report];
  const next = reports.slice();
  next[index] = report;
  return next;
}

/** A report changed (an event or a command's answer): upserted; while pages are loading, a closing is remembered. */
export function upsertInQueue(queue: OpenQueue, report: Report): OpenQueue {
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

/** The first page of the queue as the cache starts from. */
export function openQueueFromFirstPage(page: { reports: Report[]; seq: number; total: number; next: string | null }): OpenQueue {
  return {
    reports: page.reports,
    seq: page.seq,
    progress: page.next === null ? null : { loaded: page.reports.length, total: page.total },
    gone: new Map(),
  };
}

/**
 * Merges a later page into the queue. Its rows may be older or newer than what events already brought: each row
 * wins only over an older version of itself, and never over a closing seen at the same or a later version.
 */
export function mergeQueuePage(queue: OpenQueue, page: { reports: Report[]; total: number; next: string | null }): OpenQueue {
  const index = new Map(queue.reports.map((r, i) => [r.id, i]));
  const reports = queue.reports.slice();
  for (const row of page.reports) {
    if ((queue.gone?.get(row.id) ?? -1) >= row.version) continue;
    const at = index.get(row.id);
    if (at === undefined) {
      index.set(row.id, reports.length);
      reports.push(row);
    } else if ((reports[at]?.version ?? -1) < row.version) {
      reports[at] = row;
    }
  }
  const loaded = (queue.progress?.loaded ?? 0) + page.reports.length;
  if (page.next === null) return { ...queue, reports, progress: null, gone: new Map() };
  return { ...queue, reports, progress: { loaded, total: page.total } };
}
