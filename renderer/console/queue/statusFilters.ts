/** The queue's status filters ("Alle open", "Nieuw", "Vervolg vandaag", …) and their counts. Pure. */
import type { Report, ReportStatus } from '../../../server/protocol/report';
import { followUpDue } from '../ui/followUp';

export const QUEUE_STATUS_FILTERS = [
  'all',
  'new',
  'active',
  'awaiting_review',
  'scheduled',
  'follow_up_due',
  'reopen_requested',
  'delivery_failed',
] as const;
export type QueueStatusFilter = (typeof QUEUE_STATUS_FILTERS)[number];

const ACTIVE: ReadonlySet<ReportStatus> = new Set(['triaged', 'dispatched', 'in_progress']);

export function matchesStatusFilter(
  report: Pick<Report, 'status' | 'followUpDate' | 'delivery'>,
  filter: QueueStatusFilter,
  today: string,
): boolean {
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
    case 'delivery_failed':
      return report.delivery === 'failed';
  }
}

/** How many reports each filter shows (for the counts in the filter control). */
export function countByStatusFilter(
  reports: readonly Pick<Report, 'status' | 'followUpDate' | 'delivery'>[],
  today: string,
): Record<QueueStatusFilter, number> {
  const counts = Object.fromEntries(QUEUE_STATUS_FILTERS.map((f) => [f, 0])) as Record<QueueStatusFilter, number>;
  for (const report of reports) {
    for (const filter of QUEUE_STATUS_FILTERS) {
      if (matchesStatusFilter(report, filter, today)) counts[filter] += 1;
    }
  }
  return counts;
}
