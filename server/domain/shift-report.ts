import type { ShiftReportContent, ShiftReportEvent, ShiftReportOpenRow } from '../protocol/shift-report';
import { minutesOfDay, SHIFT_NAMES, type ShiftName, type ShiftSettings, shiftAt, shiftLengthMinutes } from './shifts';
import { parseCivilDate, zonedToInstant } from './zoned-time';

/**
 * The shift report (dienstrapport, overdracht) as rules, pure:
 * - a shift's window: from its start (wall clock, settings of the safety timers: domain/shifts.ts) until the next
 *   shift starts; a report written before the end covers the shift up to that moment;
 * - the notable events of the window, from the event log's rows: emergencies (started, ended), priority traffic
 *   (declared, lifted) and escalations: a unit that did not answer "Alles in orde?" (check_in_missed, and each level
 *   its alert escalated to, red or sound), a report the hub offered by itself because it waited too long
 *   (auto_dispatched), a citizen who says the problem is not solved (reopen_requested);
 * - the open reports worth handing over, most pressing first: past their deadline, then urgent or reopen requested,
 *   then high, then the rest; earliest deadline (else oldest) first within each; at most OPEN_LIST_LIMIT rows, so the
 *   report fits one page (the per-status counts are complete).
 */

export const OPEN_LIST_LIMIT = 12;
export const NOTABLE_LIST_LIMIT = 20;

/** The event types the notable events come from (written literally into migration 0041's partial index too). */
export const NOTABLE_EVENT_TYPES = ['emergency.updated', 'priority_traffic.declared', 'priority_traffic.lifted', 'alert.raised', 'alert.escalated'] as const;

const ESCALATION_ALERTS = new Set(['check_in_missed', 'auto_dispatched', 'reopen_requested']);

export interface ShiftWindow {
  date: string;
  shift: ShiftName;
  startsAt: string;
  endsAt: string;
}

/** The instants a shift (its start date, name) begins and ends, in the settings' time zone. */
export function shiftWindow(date: string, shift: ShiftName, settings: ShiftSettings): ShiftWindow {
  const day = parseCivilDate(date);
  const start = minutesOfDay(settings.starts[shift]);
  const begins = zonedToInstant({ ...day, hour: Math.floor(start / 60), minute: start % 60, second: 0, millisecond: 0 }, settings.timeZone);
  const endMinute = start + shiftLengthMinutes(shift, settings.starts);
  // The end's wall clock on the right day (a night shift ends the next morning), converted in the zone itself (DST).
  const endDay = new Date(Date.UTC(day.year, day.month - 1, day.day + Math.floor(endMinute / (24 * 60))));
  const minuteOfEnd = endMinute % (24 * 60);
  const ends = zonedToInstant(
    {
      year: endDay.getUTCFullYear(),
      month: endDay.getUTCMonth() + 1,
      day: endDay.getUTCDate(),
      hour: Math.floor(minuteOfEnd / 60),
      minute: minuteOfEnd % 60,
      second: 0,
      millisecond: 0,
    },
    settings.timeZone,
  );
  return { date, shift, startsAt: begins.toISOString(), endsAt: ends.toISOString() };
}

/** The shift on at `now`, and the one before it (the report a shift lead hands over just after the change). */
export function currentAndPreviousShift(now: Date, settings: ShiftSettings): [ShiftWindow, ShiftWindow] {
  const on = shiftAt(now, settings);
  const current = shiftWindow(on.date, on.shift, settings);
  const before = shiftAt(new Date(Date.parse(current.startsAt) - 60_000), settings);
  return [current, shiftWindow(before.date, before.shift, settings)];
}

export function isShiftName(value: string): value is ShiftName {
  return (SHIFT_NAMES as readonly string[]).includes(value);
}

/** One row of the event log as the store reads it (payload parsed). */
export interface LoggedEvent {
  seq: number;
  type: string;
  at: string;
  payload: Record<string, unknown>;
}

interface AlertPayload {
  id?: string;
  kind?: string;
  message?: string;
  escalation?: string;
  reportId?: string | null;
}

interface EmergencyPayload {
  callsign?: string;
  startNote?: string | null;
  endNote?: string | null;
}

interface TrafficPayload {
  areaName?: string;
  text?: string;
}

/** The notable events of the window, oldest first (the report lists the first NOTABLE_LIST_LIMIT and counts them all). */
export function notableEvents(rows: readonly LoggedEvent[], reportNumbers: ReadonlyMap<string, string>): ShiftReportEvent[] {
  const out: ShiftReportEvent[] = [];
  const escalatedTo = new Map<string, number>();
  for (const row of [...rows].sort((a, b) => a.seq - b.seq)) {
    if (row.type === 'emergency.updated') {
      const change = row.payload.change;
      const emergency = (row.payload.emergency ?? {}) as EmergencyPayload;
      if (change !== 'started' && change !== 'ended') continue;
      out.push({
        at: row.at,
        kind: change === 'started' ? 'emergency_started' : 'emergency_ended',
        subject: emergency.callsign ?? '',
        detail: (change === 'started' ? emergency.startNote : emergency.endNote) ?? null,
        reportNumber: null,
      });
    } else if (row.type === 'priority_traffic.declared' || row.type === 'priority_traffic.lifted') {
      const traffic = (row.payload.traffic ?? {}) as TrafficPayload;
      out.push({
        at: row.at,
        kind: row.type === 'priority_traffic.declared' ? 'priority_traffic_declared' : 'priority_traffic_lifted',
        subject: traffic.areaName ?? '',
        detail: row.type === 'priority_traffic.declared' ? (traffic.text ?? null) : null,
        reportNumber: null,
      });
    } else if (row.type === 'alert.raised' || row.type === 'alert.escalated') {
      const alert = (row.payload.alert ?? {}) as AlertPayload;
      if (!alert.kind || !ESCALATION_ALERTS.has(alert.kind)) continue;
      const reportNumber = alert.reportId ? (reportNumbers.get(alert.reportId) ?? null) : null;
      if (row.type === 'alert.raised') {
        out.push({ at: row.at, kind: alert.kind as ShiftReportEvent['kind'], subject: alert.message ?? '', detail: null, reportNumber });
        continue;
      }
      // An escalated check-in: its highest level only (one line per alert), red or sound.
      if (alert.escalation !== 'red' && alert.escalation !== 'sound') continue;
      const line: ShiftReportEvent = { at: row.at, kind: 'check_in_escalated', subject: alert.message ?? '', detail: alert.escalation, reportNumber };
      const earlier = alert.id ? escalatedTo.get(alert.id) : undefined;
      if (earlier !== undefined) out[earlier] = line;
      else {
        if (alert.id) escalatedTo.set(alert.id, out.length);
        out.push(line);
      }
    }
  }
  return out;
}

/** The figures that count notable events, over all of them. */
export function notableFigures(events: readonly ShiftReportEvent[]): { emergencies: number; priorityTraffic: number; escalations: number } {
  const count = (kinds: readonly ShiftReportEvent['kind'][]) => events.filter((e) => kinds.includes(e.kind)).length;
  return {
    emergencies: count(['emergency_started']),
    priorityTraffic: count(['priority_traffic_declared']),
    escalations: count(['check_in_missed', 'check_in_escalated', 'auto_dispatched', 'reopen_requested']),
  };
}

/** Report ids the notable rows name (alerts), so the store can look up their numbers. */
export function reportIdsOf(rows: readonly LoggedEvent[]): string[] {
  const ids = new Set<string>();
  for (const row of rows) {
    const alert = row.payload.alert as AlertPayload | undefined;
    if (alert?.reportId) ids.add(alert.reportId);
  }
  return [...ids];
}

/** How pressing an open report is for the handover: lower first. */
export function handoverRank(row: Pick<ShiftReportOpenRow, 'priority' | 'status' | 'slaDeadline'>, at: string): number {
  if (row.slaDeadline !== null && row.slaDeadline < at) return 0;
  if (row.priority === 'urgent' || row.status === 'reopen_requested') return 1;
  if (row.priority === 'high') return 2;
  return 3;
}

/** The counts of the figures that come from transitions: closed and scheduled (ingepland) in the window. */
export function transitionCounts(transitions: readonly { to: string }[]): { closed: number; scheduled: number } {
  let closed = 0;
  let scheduled = 0;
  for (const t of transitions) {
    if (t.to === 'closed') closed += 1;
    else if (t.to === 'scheduled') scheduled += 1;
  }
  return { closed, scheduled };
}

/** Notes a shift lead may type: trimmed; the limit is the protocol's. */
export function cleanNotes(notes: string): string {
  return notes.replace(/\r\n/g, '\n').trim();
}

export type { ShiftReportContent };
