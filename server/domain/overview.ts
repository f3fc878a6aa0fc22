/**
 * The shift lead's live overview (issue 14, point 1), as pure functions shared by the hub (its snapshot, the wallboard's
 * stream) and the screens (console and wallboard keep the state with the same rules). No I/O.
 *
 * Rules:
 * - the state holds the open reports, the closed reports whose citizen message failed, every unit, the open
 *   emergencies and the unacknowledged alerts; each hub event becomes zero or more changes (overviewChangesOf);
 * - a report change with an older `version` than the one held is ignored (a late snapshot never undoes a newer one);
 * - a report's `statusSince` is the time of the transition that set its status; an event that keeps the status keeps it;
 * - the figures are counted from the state and the clock (overviewFigures), so "at risk", "overdue" and "time in
 *   status" move with time without any event;
 * - handling time runs in the statuses of SLA_RUNNING (as the console's badges, renderer/console/ui/sla.ts): overdue
 *   past the deadline, at risk from `slaAtRiskFrom`, due today when the running deadline falls later today (local date);
 * - signalering (Signalen): open longer than 3× its handling term (deadline − created), and reopen requests waiting more
 *   than 14 days;
 * - the longest-waiting report is the oldest one nobody has been sent to yet (new or triaged).
 */
import type { Alert } from '../protocol/dispatch';
import type { Emergency } from '../protocol/emergency';
import type { HubEvent } from '../protocol/events';
import type { OverviewAlert, OverviewChange, OverviewEmergency, OverviewReport, OverviewUnit } from '../protocol/overview';
import type { Report, ReportStatus } from '../protocol/report';
import type { Unit, UnitStatus } from '../protocol/dispatch';
import { formatCivilDate, localDateTime } from './zoned-time';

export const OPEN_STATUSES = [
  'new',
  'triaged',
  'dispatched',
  'in_progress',
  'awaiting_review',
  'scheduled',
  'reopen_requested',
] as const satisfies readonly ReportStatus[];
export type OpenStatus = (typeof OPEN_STATUSES)[number];

const SLA_RUNNING: ReadonlySet<ReportStatus> = new Set(['new', 'triaged', 'dispatched', 'in_progress', 'awaiting_review', 'reopen_requested']);
const WAITING_FOR_UNIT: ReadonlySet<ReportStatus> = new Set(['new', 'triaged']);
/** Signalen's signalering: a reopen request older than this is flagged. */
export const REOPEN_FLAG_MS = 14 * 24 * 3600_000;
/** Signalen's signalering: open longer than this many handling terms. */
export const LONG_OPEN_TERMS = 3;

export function overviewReportOf(report: Report, statusSince: string | null): OverviewReport {
  return {
    id: report.id,
    number: report.number,
    category: report.category,
    priority: report.priority,
    status: report.status,
    createdAt: report.createdAt,
    statusSince,
    slaDeadline: report.slaDeadline,
    slaAtRiskFrom: report.slaAtRiskFrom ?? null,
    awaitingReplySince: report.awaitingReplySince ?? null,
    followUpDate: report.followUpDate,
    deliveryFailed: report.delivery === 'failed',
    version: report.version,
  };
}

/** Whether the overview holds this report: open, or closed with a failed citizen message. */
export function inOverview(report: Pick<OverviewReport, 'status' | 'deliveryFailed'>): boolean {
  return report.status !== 'closed' || report.deliveryFailed;
}

export function overviewUnitOf(unit: Unit): OverviewUnit {
  return {
    id: unit.id,
    callsign: unit.callsign,
    kind: unit.kind,
    status: unit.status,
    statusSince: unit.statusSince,
    position: unit.position ? { lat: unit.position.lat, lng: unit.position.lng } : null,
  };
}

export function overviewEmergencyOf(emergency: Emergency): OverviewEmergency {
  return {
    id: emergency.id,
    unitId: emergency.unitId,
    callsign: emergency.callsign,
    position: emergency.position,
    place: emergency.address?.label ?? null,
    startedAt: emergency.startedAt,
    ackedAt: emergency.ackedAt,
  };
}

export function overviewAlertOf(alert: Alert): OverviewAlert {
  return {
    id: alert.id,
    kind: alert.kind,
    unitId: alert.unitId,
    reportId: alert.reportId,
    createdAt: alert.createdAt,
    escalation: alert.escalation ?? null,
  };
}

function reportChange(report: Report, statusSince: string | null): OverviewChange {
  const row = overviewReportOf(report, statusSince);
  return inOverview(row) ? { kind: 'report', report: row } : { kind: 'report_gone', id: report.id, version: report.version };
}

/** What one hub event changes in the overview (an event the overview does not count: none). */
export function overviewChangesOf(event: HubEvent): OverviewChange[] {
  switch (event.type) {
    case 'report.created':
      return [reportChange(event.report, event.report.createdAt)];
    case 'report.transitioned':
      return [reportChange(event.report, event.at)];
    case 'report.updated':
    case 'report.delivery':
    case 'report.citizen_response':
    case 'report.question':
    case 'report.external':
      return [reportChange(event.report, null)];
    case 'unit.updated':
      return [{ kind: 'unit', unit: overviewUnitOf(event.unit) }];
    case 'assignment.updated':
      return [reportChange(event.report, null), { kind: 'unit', unit: overviewUnitOf(event.unit) }];
    case 'emergency.updated':
      return event.emergency.endedAt
        ? [{ kind: 'emergency_ended', id: event.emergency.id }]
        : [{ kind: 'emergency', emergency: overviewEmergencyOf(event.emergency) }];
    case 'alert.raised':
    case 'alert.addressed':
    case 'alert.escalated':
    case 'alert.acked':
      return event.alert.ackedAt ? [{ kind: 'alert_acked', id: event.alert.id }] : [{ kind: 'alert', alert: overviewAlertOf(event.alert) }];
    default:
      return [];
  }
}

export interface OverviewState {
  reports: Map<string, OverviewReport>;
  units: Map<string, OverviewUnit>;
  emergencies: Map<string, OverviewEmergency>;
  alerts: Map<string, OverviewAlert>;
}

export function overviewState(snapshot: {
  reports: readonly OverviewReport[];
  units: readonly OverviewUnit[];
  emergencies: readonly OverviewEmergency[];
  alerts: readonly OverviewAlert[];
}): OverviewState {
  return {
    reports: new Map(snapshot.reports.map((r) => [r.id, r])),
    units: new Map(snapshot.units.map((u) => [u.id, u])),
    emergencies: new Map(snapshot.emergencies.map((e) => [e.id, e])),
    alerts: new Map(snapshot.alerts.map((a) => [a.id, a])),
  };
}

/** Applies one change to the state in place. */
export function applyOverviewChange(state: OverviewState, change: OverviewChange): void {
  switch (change.kind) {
    case 'report': {
      const held = state.reports.get(change.report.id);
      if (held && held.version > change.report.version) return;
      const statusSince = change.report.statusSince ?? (held && held.status === change.report.status ? held.statusSince : null);
      state.reports.set(change.report.id, { ...change.report, statusSince });
      return;
    }
    case 'report_gone': {
      const held = state.reports.get(change.id);
      if (held && held.version <= change.version) state.reports.delete(change.id);
      return;
    }
    case 'unit':
      state.units.set(change.unit.id, change.unit);
      return;
    case 'emergency':
      state.emergencies.set(change.emergency.id, change.emergency);
      return;
    case 'emergency_ended':
      state.emergencies.delete(change.id);
      return;
    case 'alert':
      state.alerts.set(change.alert.id, change.alert);
      return;
    case 'alert_acked':
      state.alerts.delete(change.id);
      return;
  }
}

export type SlaFigure = 'due_today' | 'at_risk' | 'overdue';

export interface UnitStatusFigure {
  status: UnitStatus;
  count: number;
  /** The earliest `statusSince` of the units in this status: the longest time in it is now minus this. */
  longestSince: string | null;
  /** The callsign of that unit. */
  longestCallsign: string | null;
}

export interface OverviewFigures {
  open: number;
  byStatus: Record<OpenStatus, number>;
  /** Open reports per category, most first (then by code). */
  byCategory: { category: string; count: number }[];
  dueToday: number;
  atRisk: number;
  overdue: number;
  /** Signalering: open longer than 3× the handling term. */
  longOpen: number;
  /** Signalering: reopen requests waiting longer than 14 days. */
  oldReopenRequests: number;
  awaitingReview: number;
  /** Reports (open or closed) with a citizen message that failed. */
  failedDeliveries: number;
  units: UnitStatusFigure[];
  longestWaiting: { id: string; number: string; category: string; createdAt: string } | null;
  emergencies: number;
  alerts: number;
}

/**
 * The SLA figure a report counts in now, if any (due today: running deadline later today, local date). A report waiting
 * for the reporter's answer counts in none: its clock is paused (the deadline moves by the waiting time when the
 * question ends), so it is neither at risk nor overdue meanwhile. The queue's filters and badges follow the same rule.
 */
export function slaFigureOf(
  report: Pick<OverviewReport, 'status' | 'slaDeadline'> & {
    slaAtRiskFrom?: string | null | undefined;
    awaitingReplySince?: string | null | undefined;
  },
  now: number,
  timeZone: string,
): SlaFigure | null {
  if (!SLA_RUNNING.has(report.status) || !report.slaDeadline || report.awaitingReplySince) return null;
  const deadline = Date.parse(report.slaDeadline);
  if (now > deadline) return 'overdue';
  if (report.slaAtRiskFrom && now >= Date.parse(report.slaAtRiskFrom)) return 'at_risk';
  const today = formatCivilDate(localDateTime(new Date(now), timeZone));
  return formatCivilDate(localDateTime(new Date(deadline), timeZone)) === today ? 'due_today' : null;
}

/** Signalering: open for longer than 3× its handling term. */
export function isLongOpen(report: Pick<OverviewReport, 'status' | 'slaDeadline' | 'createdAt'>, now: number): boolean {
  if (report.status === 'closed' || !report.slaDeadline) return false;
  const created = Date.parse(report.createdAt);
  const term = Date.parse(report.slaDeadline) - created;
  return term > 0 && now - created > LONG_OPEN_TERMS * term;
}

/** Signalering: a reopen request older than 14 days (by its status time; unknown: by the report's creation). */
export function isOldReopenRequest(report: Pick<OverviewReport, 'status' | 'statusSince' | 'createdAt'>, now: number): boolean {
  if (report.status !== 'reopen_requested') return false;
  return now - Date.parse(report.statusSince ?? report.createdAt) > REOPEN_FLAG_MS;
}

export function overviewFigures(state: OverviewState, now: number, timeZone: string): OverviewFigures {
  const byStatus = Object.fromEntries(OPEN_STATUSES.map((s) => [s, 0])) as Record<OpenStatus, number>;
  const categories = new Map<string, number>();
  const figures: OverviewFigures = {
    open: 0,
    byStatus,
    byCategory: [],
    dueToday: 0,
    atRisk: 0,
    overdue: 0,
    longOpen: 0,
    oldReopenRequests: 0,
    awaitingReview: 0,
    failedDeliveries: 0,
    units: [],
    longestWaiting: null,
    emergencies: state.emergencies.size,
    alerts: state.alerts.size,
  };
  for (const report of state.reports.values()) {
    if (report.deliveryFailed) figures.failedDeliveries += 1;
    if (report.status === 'closed') continue;
    figures.open += 1;
    byStatus[report.status] += 1;
    categories.set(report.category, (categories.get(report.category) ?? 0) + 1);
    const sla = slaFigureOf(report, now, timeZone);
    if (sla === 'due_today') figures.dueToday += 1;
    else if (sla === 'at_risk') figures.atRisk += 1;
    else if (sla === 'overdue') figures.overdue += 1;
    if (isLongOpen(report, now)) figures.longOpen += 1;
    if (isOldReopenRequest(report, now)) figures.oldReopenRequests += 1;
    if (WAITING_FOR_UNIT.has(report.status)) {
      const held = figures.longestWaiting;
      if (!held || report.createdAt < held.createdAt || (report.createdAt === held.createdAt && report.number < held.number)) {
        figures.longestWaiting = { id: report.id, number: report.number, category: report.category, createdAt: report.createdAt };
      }
    }
  }
  figures.awaitingReview = byStatus.awaiting_review;
  figures.byCategory = [...categories]
    .map(([category, count]) => ({ category, count }))
    .sort((a, b) => b.count - a.count || (a.category < b.category ? -1 : 1));
  const units = new Map<UnitStatus, UnitStatusFigure>();
  for (const unit of state.units.values()) {
    const figure = units.get(unit.status) ?? { status: unit.status, count: 0, longestSince: null, longestCallsign: null };
    figure.count += 1;
    if (figure.longestSince === null || unit.statusSince < figure.longestSince) {
      figure.longestSince = unit.statusSince;
      figure.longestCallsign = unit.callsign;
    }
    units.set(unit.status, figure);
  }
  figures.units = [...units.values()];
  return figures;
}
