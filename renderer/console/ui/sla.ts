/**
 * Handling time (SLA) as the console shows it. Pure; every function takes the current time as an argument (callers
 * pass `Date.now()`, so Playwright's `page.clock` controls it).
 *
 * Rules (the hub's, server/domain/sla.ts; the console keeps no holiday calendar):
 * - overdue: the clock is past the deadline (at the deadline itself the report is still due);
 * - at risk ("bijna te laat"): from the report's `slaAtRiskFrom` on, the start of the last 20 % of its term that the
 *   hub set with the deadline (in working time for working-day terms, clock hours for urgent/high terms);
 * - a report without `slaAtRiskFrom` (from a hub before it existed) is on time until it is overdue;
 * - the handling time runs only in the statuses of SLA_RUNNING (a scheduled or closed report has been dealt with);
 * - "due first" order: running reports by deadline, soonest first; the rest after them, newest first.
 */
import type { Report, ReportStatus } from '../../../server/protocol/report';

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

export function slaState(deadlineIso: string | null, now: number, atRiskFromIso?: string | null): SlaState | null {
  if (!deadlineIso) return null;
  const deadline = Date.parse(deadlineIso);
  if (!Number.isFinite(deadline)) return null;
  if (now > deadline) return 'overdue';
  const atRisk = atRiskFromIso ? Date.parse(atRiskFromIso) : Number.NaN;
  if (Number.isFinite(atRisk) && now >= atRisk) return 'at_risk';
  return 'on_time';
}

/**
 * The SLA badge a report shows now, or null when the handling time does not run: stopped by the status, or paused while
 * the report waits for the reporter's answer (as the overview counts: server/domain/overview.ts slaFigureOf).
 */
export function reportSla(
  report: Pick<Report, 'status' | 'slaDeadline' | 'slaAtRiskFrom'> & Partial<Pick<Report, 'awaitingReplySince'>>,
  now: number,
): SlaState | null {
  if (report.awaitingReplySince) return null;
  return slaRunning(report.status) ? slaState(report.slaDeadline, now, report.slaAtRiskFrom) : null;
}

type DueSortable = Pick<Report, 'status' | 'slaDeadline' | 'createdAt' | 'id'>;

function dueKey(report: DueSortable): number {
  if (!slaRunning(report.status) || !report.slaDeadline) return Number.POSITIVE_INFINITY;
  const deadline = Date.parse(report.slaDeadline);
  return Number.isFinite(deadline) ? deadline : Number.POSITIVE_INFINITY;
}

/** Comparator for "due first": soonest running deadline first; reports without one after, newest first. */
export function compareDueFirst(a: DueSortable, b: DueSortable): number {
  const dueA = dueKey(a);
  const dueB = dueKey(b);
  if (dueA !== dueB) return dueA < dueB ? -1 : 1;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
