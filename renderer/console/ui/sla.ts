/**
 * Handling time (SLA) as the console shows it: on time, at risk (less than a day left) or overdue. Pure;
 * every function takes the current time as an argument (callers pass `Date.now()`, so Playwright's
 * `page.clock` controls it).
 */
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
