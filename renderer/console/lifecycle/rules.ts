/**
 * Pure console rules for the report lifecycle: SLA state and the queue's status filters
 * ("today" comes from renderer/shared/time/calendar). No React, no DOM; every function takes the current time as an argument
 * (callers pass `Date.now()`, so Playwright's `page.clock` controls it).
 */
import { isFollowUpDue } from '../../../server/domain/lifecycle';
import type { Report, ReportStatus } from '../../../server/protocol/report';

/** Less than this left before the handling deadline: "at risk". */
export const AT_RISK_MS = 24 * 60 * 60 * 1000;

export type SlaState = 'on_time' | 'at_risk' | 'overdue';

/** Statuses in which the handling time still runs (a scheduled or closed report has been dealt with). */
const SLA_RUNNING: ReadonlySet<ReportStatus> = new Set([
  'new',
  'triaged',
  'dispatched',
  'in_progress',
  'awaiting_review',
  'reopen_requested',
]);

export function slaRunning(status: ReportStatus): boolean {
  return SLA_RUNNING.has(status);
}

export function slaState(deadlineIso: string | null, now: number): SlaState | null {
  if (!deadlineIso) return null;
  const deadline = Date.parse(deadlineIso);
  if (!Number.isFinite(deadline)) return null;
  const left = deadline - now;
  if (left <= 0) return 'overdue';
  if (left < AT_RISK_MS) return 'at_risk';
  return 'on_time';
}

/** The SLA badge a report shows now, or null when the handling time no longer runs. */
export function reportSla(report: Pick<Report, 'status' | 'slaDeadline'>, now: number): SlaState | null {
  return slaRunning(report.status) ? slaState(report.slaDeadline, now) : null;
}

/** "vervolg vandaag": scheduled and the follow-up date is today or has passed. */
export function followUpDue(report: Pick<Report, 'status' | 'followUpDate'>, today: string): boolean {
  return report.status === 'scheduled' && report.followUpDate !== null && isFollowUpDue(report.followUpDate, today);
}

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
