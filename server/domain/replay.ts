import type { Role } from '../protocol/auth';
import type { Alert, Unit } from '../protocol/dispatch';
import type { HubEvent } from '../protocol/events';
import {
  REPLAY_REPORT_FIELDS,
  type ReplayAlert,
  type ReplayEvent,
  type ReplayFix,
  type ReplayFixColumns,
  type ReplayReport,
  type ReplayReportTuple,
  type ReplaySnapshot,
  type ReplaySnapshotWire,
  type ReplayUnit,
} from '../protocol/replay';
import type { Report } from '../protocol/report';
import { seesAlert } from './alert-kinds';

/**
 * Shift replay (terugkijken): the control room as it was at an instant, folded from the event log. Pure; the hub
 * and the console both use it (the hub for the snapshot, the console to play a window forward).
 *
 * Rules:
 * - The state holds what the queue and the map show: open reports (any status but `closed`), every unit with its
 *   status and last known position, and the alerts not yet acknowledged that the caller's role sees.
 * - Events carry the whole snapshot of what they changed, so applying one replaces the entity: a report event sets
 *   the report (a `closed` one leaves the state), a unit event sets the unit (its position stays the trail's), an
 *   alert event sets the alert (`alert.acked`, or any alert with `ackedAt`, leaves the state).
 * - Events apply in seq order and only up to the instant played to (`at` ≤ t); an event older than what the state
 *   already has (seq ≤ state.seq) changes nothing, so a window may overlap the snapshot.
 * - A position fix applies when its time has come (at ≤ t) and is newer than the unit's last one.
 * - Replay is read-only and carries no reporter data: reports are reduced to what the queue row and map need (no
 *   description, no contact fields), alerts to those the role sees (domain/alert-kinds.ts).
 */

export interface ReplayState {
  /** The instant the state shows. */
  at: string;
  /** The last event folded in. */
  seq: number;
  reports: Map<string, ReplayReport>;
  units: Map<string, ReplayUnit>;
  alerts: Map<string, ReplayAlert>;
  positions: Map<string, ReplayFix>;
}

export type { ReplayAlert, ReplayEvent, ReplayFix, ReplayReport, ReplaySnapshot, ReplayUnit };

export function emptyState(at: string, seq = 0): ReplayState {
  return { at, seq, reports: new Map(), units: new Map(), alerts: new Map(), positions: new Map() };
}

export function replayReport(r: Report): ReplayReport {
  return {
    id: r.id,
    number: r.number,
    category: r.category,
    lat: r.lat,
    lng: r.lng,
    address: r.address,
    priority: r.priority,
    status: r.status,
    slaDeadline: r.slaDeadline,
    createdAt: r.createdAt,
  };
}

export function replayUnit(u: Unit): ReplayUnit {
  return { id: u.id, callsign: u.callsign, kind: u.kind, status: u.status, statusSince: u.statusSince, currentReportId: u.currentReportId };
}

export function replayAlert(a: Alert): ReplayAlert {
  return { id: a.id, kind: a.kind, reportId: a.reportId, unitId: a.unitId, message: a.message, createdAt: a.createdAt, position: a.position };
}

/** A hub event as replay sees it for `role`, or null when it changes nothing replay shows. */
export function toReplayEvent(event: HubEvent, role: Role): ReplayEvent | null {
  const out: ReplayEvent = { seq: event.seq, at: event.at, type: event.type };
  let any = false;
  if ('report' in event) {
    out.report = replayReport(event.report);
    any = true;
  }
  if ('unit' in event) {
    out.unit = replayUnit(event.unit);
    any = true;
  }
  if ('alert' in event && seesAlert(event.alert.kind, role)) {
    out.alert = replayAlert(event.alert);
    out.alertGone = event.type === 'alert.acked' || event.alert.ackedAt !== null;
    any = true;
  }
  return any ? out : null;
}

/** Applies one event (see the rules in the header); returns false when it was older than the state. */
export function applyEvent(state: ReplayState, event: ReplayEvent): boolean {
  if (event.seq <= state.seq) return false;
  state.seq = event.seq;
  if (event.report) {
    if (event.report.status === 'closed') state.reports.delete(event.report.id);
    else state.reports.set(event.report.id, event.report);
  }
  if (event.unit) state.units.set(event.unit.id, event.unit);
  if (event.alert) {
    if (event.alertGone) state.alerts.delete(event.alert.id);
    else state.alerts.set(event.alert.id, event.alert);
  }
  return true;
}

export function applyFix(state: ReplayState, fix: ReplayFix): void {
  const kept = state.positions.get(fix.unitId);
  if (!kept || kept.at < fix.at) state.positions.set(fix.unitId, fix);
}

/** Where a play cursor stands in a window's events and fixes (indexes of the next ones to apply). */
export interface ReplayCursor {
  event: number;
  fix: number;
}

/**
 * Plays `state` forward to instant `t` through a window's events and fixes (each sorted by time), from `cursor`
 * on; returns the cursor after the last one applied. Nothing later than `t` is applied.
 */
export function playTo(
  state: ReplayState,
  events: readonly ReplayEvent[],
  fixes: readonly ReplayFix[],
  t: string,
  cursor: ReplayCursor = { event: 0, fix: 0 },
): ReplayCursor {
  const next = { ...cursor };
  const tMs = Date.parse(t);
  while (next.event < events.length) {
    const e = events[next.event] as ReplayEvent;
    if (Date.parse(e.at) > tMs) break;
    applyEvent(state, e);
    next.event += 1;
  }
  while (next.fix < fixes.length) {
    const f = fixes[next.fix] as ReplayFix;
    if (Date.parse(f.at) > tMs) break;
    applyFix(state, f);
    next.fix += 1;
  }
  if (Date.parse(state.at) < tMs) state.at = new Date(tMs).toISOString();
  return next;
}

/** Folds events (sorted by seq) into `base` up to instant `t`: the state at `t`. */
export function foldUntil(base: ReplayState, events: readonly ReplayEvent[], t: string): ReplayState {
  const tMs = Date.parse(t);
  for (const e of events) {
    if (Date.parse(e.at) > tMs) break;
    applyEvent(base, e);
  }
  base.at = t;
  return base;
}

/** Oldest first, then by number; ISO times and report numbers are ASCII of one width, so code-unit order is theirs. */
function byCreated(a: ReplayReport, b: ReplayReport): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.number < b.number ? -1 : a.number > b.number ? 1 : 0;
}

export function toSnapshot(state: ReplayState): ReplaySnapshot {
  return {
    at: state.at,
    seq: state.seq,
    reports: [...state.reports.values()].sort(byCreated),
    units: [...state.units.values()].sort((a, b) => a.callsign.localeCompare(b.callsign)),
    alerts: [...state.alerts.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    positions: [...state.positions.values()],
  };
}

export function fromSnapshot(snapshot: ReplaySnapshot): ReplayState {
  return {
    at: snapshot.at,
    seq: snapshot.seq,
    reports: new Map(snapshot.reports.map((r) => [r.id, r])),
    units: new Map(snapshot.units.map((u) => [u.id, u])),
    alerts: new Map(snapshot.alerts.map((a) => [a.id, a])),
    positions: new Map(snapshot.positions.map((p) => [p.unitId, p])),
  };
}

/** A replay report as its wire tuple (values in the order of REPLAY_REPORT_FIELDS). */
export function replayReportTuple(r: ReplayReport): ReplayReportTuple {
  return REPLAY_REPORT_FIELDS.map((field) => r[field]) as ReplayReportTuple;
}

export function replayReportFromTuple(tuple: ReplayReportTuple): ReplayReport {
  const report: Partial<Record<keyof ReplayReport, unknown>> = {};
  for (let f = 0; f < REPLAY_REPORT_FIELDS.length; f++) report[REPLAY_REPORT_FIELDS[f] as keyof ReplayReport] = tuple[f];
  return report as ReplayReport;
}

/** The snapshot as the hub sent it (reports as tuples, any order), with the reports as objects sorted as toSnapshot sorts them. */
export function snapshotFromWire(wire: ReplaySnapshotWire): ReplaySnapshot {
  return { ...wire, reports: wire.reports.map(replayReportFromTuple).sort(byCreated) };
}

/** A window's fixes from their columns (protocol/replay.ts ReplayFixColumns), in time order. */
export function fixesFromColumns(columns: ReplayFixColumns, from: string): ReplayFix[] {
  const start = Date.parse(from);
  return columns.unit.map((u, i) => ({
    unitId: columns.units[u] as string,
    at: new Date(start + (columns.t[i] as number)).toISOString(),
    lat: columns.lat[i] as number,
    lng: columns.lng[i] as number,
  }));
}

/** Fixes (in time order) as columns, `t` counted from `from`. */
export function fixesToColumns(fixes: readonly ReplayFix[], from: string): ReplayFixColumns {
  const start = Date.parse(from);
  const index = new Map<string, number>();
  const columns: ReplayFixColumns = { units: [], unit: [], t: [], lat: [], lng: [] };
  for (const fix of fixes) {
    let i = index.get(fix.unitId);
    if (i === undefined) {
      i = columns.units.length;
      index.set(fix.unitId, i);
      columns.units.push(fix.unitId);
    }
    columns.unit.push(i);
    columns.t.push(Date.parse(fix.at) - start);
    columns.lat.push(fix.lat);
    columns.lng.push(fix.lng);
  }
  return columns;
}

/** Replay covers the last 12 hours before the hub's clock; windows of 5 minutes by default, at most 30. */
export const REPLAY_HOURS = 12;
export const REPLAY_WINDOW_MINUTES = 5;
export const REPLAY_MAX_WINDOW_MINUTES = 30;
export const REPLAY_SPEEDS = [1, 10, 60] as const;
