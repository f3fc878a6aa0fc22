/** Pure cache updates for the open-reports snapshot (no React, no DOM). */
import type { ReportsSnapshot } from '../../../server/protocol/api';
import { type HubEvent, reportOf } from '../../../server/protocol/events';
import { isOpenStatus, type Report } from '../../../server/protocol/report';

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

/** Applies a hub event to the open-reports snapshot; events already included (seq <= snapshot seq) are skipped. */
export function applyEventToSnapshot(
  snapshot: ReportsSnapshot | undefined,
  event: HubEvent,
): ReportsSnapshot | undefined {
  if (!snapshot || event.seq <= snapshot.seq) return snapshot;
  const report = reportOf(event);
  return { reports: report ? upsertOpenReport(snapshot.reports, report) : snapshot.reports, seq: event.seq };
}
