/** The queue's status filters ("Alle open", "Nieuw", "Vervolg vandaag", …) and their counts. Pure. */
import type { Report, ReportStatus } from '../../../server/protocol/report';
import { isLongOpen, isOldReopenRequest, slaFigureOf } from '../../../server/domain/overview';
import { TIME_ZONE } from '../../shared/time/calendar';
import { followUpDue } from '../ui/followUp';

export const QUEUE_STATUS_FILTERS = [
  'all',
  'new',
  'waiting_for_unit',
  'active',
  'triaged',
  'dispatched',
  'in_progress',
  'awaiting_review',
  'scheduled',
  'follow_up_due',
  'reopen_requested',
  'old_reopen_requested',
  'delivery_failed',
  'due_today',
  'at_risk',
  'overdue',
  'long_open',
] as const;
export type QueueStatusFilter = (typeof QUEUE_STATUS_FILTERS)[number];

const ACTIVE: ReadonlySet<ReportStatus> = new Set(['triaged', 'dispatched', 'in_progress']);

type Filtered = Pick<Report, 'status' | 'followUpDate' | 'delivery'> &
  Partial<Pick<Report, 'id' | 'slaDeadline' | 'slaAtRiskFrom' | 'createdAt' | 'awaitingReplySince'>>;

/** When each report took its status, as the live overview keeps it (report id → time; null: unknown). */
export type StatusSince = ReadonlyMap<string, string | null>;

/**
 * Whether a report passes a filter. The handling-time filters (due today, at risk, overdue, open > 3× term) and the
 * reopen requests older than 2 weeks count as the overview does (server/domain/overview.ts) at `now`, the latter by the
 * time the report took its status (`statusSince`, from the overview); without `now` they let nothing through.
 */
export function matchesStatusFilter(report: Filtered, filter: QueueStatusFilter, today: string, now?: number, statusSince?: StatusSince): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'new':
      return report.status === 'new';
    case 'active':
      return ACTIVE.has(report.status);
    case 'awaiting_review':
      return report.status === 'awaiting_review';
    case 'scheduled':
      return report.status === 'scheduled';
    case 'follow_up_due':
      return followUpDue(report, today);
    case 'reopen_requested':
      return report.status === 'reopen_requested';
    case 'old_reopen_requested':
      return (
        now !== undefined &&
        report.createdAt !== undefined &&
        isOldReopenRequest({ status: report.status, statusSince: (report.id && statusSince?.get(report.id)) || null, createdAt: report.createdAt }, now)
      );
    case 'delivery_failed':
      return report.delivery === 'failed';
    case 'waiting_for_unit':
      return report.status === 'new' || report.status === 'triaged';
    case 'triaged':
    case 'dispatched':
    case 'in_progress':
      return report.status === filter;
    case 'due_today':
    case 'at_risk':
    case 'overdue':
      return now !== undefined && slaFigureOf(
          { status: report.status, slaDeadline: report.slaDeadline ?? null, slaAtRiskFrom: report.slaAtRiskFrom, awaitingReplySince: report.awaitingReplySince },
          now,
          TIME_ZONE,
        ) === filter;
    case 'long_open':
      return now !== undefined && report.createdAt !== undefined && isLongOpen({ status: report.status, slaDeadline: report.slaDeadline ?? null, createdAt: report.createdAt }, now);
  }
}

/** How many reports each filter shows (for the counts in the filter control). */
export function countByStatusFilter(reports: readonly Filtered[], today: string, now?: number, statusSince?: StatusSince): Record<QueueStatusFilter, number> {
  const counts = Object.fromEntries(QUEUE_STATUS_FILTERS.map((f) => [f, 0])) as Record<QueueStatusFilter, number>;
  for (const report of reports) {
    for (const filter of QUEUE_STATUS_FILTERS) {
      if (matchesStatusFilter(report, filter, today, now, statusSince)) counts[filter] += 1;
    }
  }
  return counts;
}
