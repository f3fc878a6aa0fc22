import { z } from 'zod';
import { IsoDateTime } from './common';
import { AlertKind, UnitKind, UnitStatus } from './dispatch';
import { Priority, ReportStatus } from './report';

/**
 * The shift lead's live overview (issue 14, point 1) and the wallboard (point 4): what the hub sends of each report,
 * unit, emergency and alert to count and show them. Deliberately narrow: no description, no address of a reporter, no
 * names, no notes, no message texts: nothing a citizen wrote or is reached by (the wallboard receives only these shapes).
 */

/** A report as the overview counts it: open reports, and closed ones only while a citizen message failed. */
export const OverviewReport = z.object({
  id: z.string(),
  number: z.string(),
  category: z.string(),
  priority: Priority,
  status: ReportStatus,
  createdAt: IsoDateTime,
  /** When the report entered its status, when known (from the event log); null: not known. */
  statusSince: IsoDateTime.nullable(),
  slaDeadline: IsoDateTime.nullable(),
  slaAtRiskFrom: IsoDateTime.nullable(),
  /** Paused handling time: waiting for the reporter's answer since then. */
  awaitingReplySince: IsoDateTime.nullable(),
  followUpDate: z.string().nullable(),
  deliveryFailed: z.boolean(),
  /** The report's version (seq of its last change): an older snapshot never replaces a newer one. */
  version: z.number().int(),
});
export type OverviewReport = z.infer<typeof OverviewReport>;

export const OverviewUnit = z.object({
  id: z.string(),
  callsign: z.string(),
  kind: UnitKind,
  status: UnitStatus,
  statusSince: IsoDateTime,
  position: z.object({ lat: z.number(), lng: z.number() }).nullable(),
});
export type OverviewUnit = z.infer<typeof OverviewUnit>;

/** An open emergency as the wall shows it: the unit and the place, no notes. */
export const OverviewEmergency = z.object({
  id: z.string(),
  unitId: z.string(),
  callsign: z.string(),
  position: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  /** The nearest street address of the unit's position (a place, not a person). */
  place: z.string().nullable(),
  startedAt: IsoDateTime,
  ackedAt: IsoDateTime.nullable(),
});
export type OverviewEmergency = z.infer<typeof OverviewEmergency>;

/** An unacknowledged alert as the wall shows it: its kind, unit, report number and time; never its message text. */
export const OverviewAlert = z.object({
  id: z.string(),
  kind: AlertKind,
  unitId: z.string().nullable(),
  reportId: z.string().nullable(),
  createdAt: IsoDateTime,
  escalation: z.enum(['amber', 'red', 'sound']).nullable(),
});
export type OverviewAlert = z.infer<typeof OverviewAlert>;

/** One change to the overview's state, from one hub event (domain/overview.ts overviewChangesOf). */
export const OverviewChange = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('report'), report: OverviewReport }),
  /** The report left the overview (closed with no failed message, or deleted). */
  z.object({ kind: z.literal('report_gone'), id: z.string(), version: z.number().int() }),
  z.object({ kind: z.literal('unit'), unit: OverviewUnit }),
  z.object({ kind: z.literal('emergency'), emergency: OverviewEmergency }),
  z.object({ kind: z.literal('emergency_ended'), id: z.string() }),
  z.object({ kind: z.literal('alert'), alert: OverviewAlert }),
  z.object({ kind: z.literal('alert_acked'), id: z.string() }),
]);
export type OverviewChange = z.infer<typeof OverviewChange>;

/** What the hub publishes to wallboards for every event, in seq order (an event that changes nothing: no changes). */
export const OverviewEvent = z.object({
  seq: z.number().int().positive(),
  at: IsoDateTime,
  changes: z.array(OverviewChange),
});
export type OverviewEvent = z.infer<typeof OverviewEvent>;

/** The overview's state as the hub reads it, with the seq of the last event it includes. */
export const OverviewSnapshot = z.object({
  seq: z.number().int().min(0),
  /** The hub's clock when read: the screens count "now" from their own clock, this is for tests and logs. */
  at: IsoDateTime,
  /** The control room's time zone, for "due today". */
  timeZone: z.string(),
  reports: z.array(OverviewReport),
  units: z.array(OverviewUnit),
  emergencies: z.array(OverviewEmergency),
  alerts: z.array(OverviewAlert),
});
export type OverviewSnapshot = z.infer<typeof OverviewSnapshot>;

/** The wallboard's Socket.IO namespace: signed in by its session cookie (http/wallboard-cookie.ts), receive-only. */
export const WALLBOARD_NAMESPACE = '/wallboard';

export interface WallboardServerToClient {
  /** Every hub event, in seq order, as the overview changes it (an event that changes nothing: `changes: []`). */
  overview: (event: OverviewEvent) => void;
  /** Live unit positions (volatile, not in the event log): for the wall's map. */
  'units:positions': (fixes: { unitId: string; lat: number; lng: number; at: string }[]) => void;
}
