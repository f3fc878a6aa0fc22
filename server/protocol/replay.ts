import { z } from 'zod';
import { IsoDateTime } from './common';
import { Alert, Unit } from './dispatch';
import { Report } from './report';

/**
 * Shift replay (terugkijken, issue 14 point 6; domain/replay.ts): a snapshot of the control room at an instant and
 * the events and position fixes of a window after it. Read-only; reports carry the queue row's and the map's fields
 * only (no description, no reporter data); alerts only of the kinds the caller's role sees.
 */

/** A report as the queue row and the map show it: no description, no reporter fields. */
export const ReplayReport = Report.pick({
  id: true,
  number: true,
  category: true,
  lat: true,
  lng: true,
  address: true,
  priority: true,
  status: true,
  slaDeadline: true,
  createdAt: true,
});
export type ReplayReport = z.infer<typeof ReplayReport>;

export const ReplayUnit = Unit.pick({ id: true, callsign: true, kind: true, status: true, statusSince: true, currentReportId: true });
export type ReplayUnit = z.infer<typeof ReplayUnit>;

export const ReplayAlert = Alert.pick({ id: true, kind: true, reportId: true, unitId: true, message: true, createdAt: true, position: true });
export type ReplayAlert = z.infer<typeof ReplayAlert>;

export const ReplayFix = z.object({ unitId: z.string(), at: IsoDateTime, lat: z.number(), lng: z.number() });
export type ReplayFix = z.infer<typeof ReplayFix>;

export const ReplayEvent = z.object({
  seq: z.number().int(),
  at: IsoDateTime,
  type: z.string(),
  report: ReplayReport.optional(),
  unit: ReplayUnit.optional(),
  alert: ReplayAlert.optional(),
  /** The alert left the state (acknowledged). */
  alertGone: z.boolean().optional(),
});
export type ReplayEvent = z.infer<typeof ReplayEvent>;

export const ReplaySnapshot = z.object({
  at: IsoDateTime,
  seq: z.number().int().min(0),
  reports: z.array(ReplayReport),
  units: z.array(ReplayUnit),
  alerts: z.array(ReplayAlert),
  positions: z.array(ReplayFix),
});
export type ReplaySnapshot = z.infer<typeof ReplaySnapshot>;

/**
 * The position fixes of a window, by column (one entry per fix, in time order): `unit` indexes `units`, `t` is
 * milliseconds after the window's `from`. A window of 500 units is tens of thousands of fixes; columns keep it small.
 */
export const ReplayFixColumns = z.object({
  units: z.array(z.string()),
  unit: z.array(z.number().int().min(0)),
  t: z.array(z.number().int().min(0)),
  lat: z.array(z.number()),
  lng: z.array(z.number()),
});
export type ReplayFixColumns = z.infer<typeof ReplayFixColumns>;

export const ReplayRange = z.object({
  /** The earliest instant replay reaches (the hub clock less 12 hours) and the hub clock now. */
  from: IsoDateTime,
  until: IsoDateTime,
});

/** A replay report's fields in the order of its wire tuple (ReplayReportTuple); every one is a queue row field too. */
export const REPLAY_REPORT_FIELDS = ['id', 'number', 'category', 'lat', 'lng', 'address', 'priority', 'status', 'slaDeadline', 'createdAt'] as const satisfies readonly (keyof ReplayReport)[];
export type ReplayReportField = (typeof REPLAY_REPORT_FIELDS)[number];

type ReportShape = typeof ReplayReport.shape;
type TupleSchema<F extends readonly ReplayReportField[]> = { -readonly [K in keyof F]: F[K] extends ReplayReportField ? ReportShape[F[K]] : never };

/** A replay report on the wire: its values in the order of REPLAY_REPORT_FIELDS (a city's open queue repeats every key 20,000 times). */
export const ReplayReportTuple = z.tuple(REPLAY_REPORT_FIELDS.map((field) => ReplayReport.shape[field]) as unknown as TupleSchema<typeof REPLAY_REPORT_FIELDS>);
export type ReplayReportTuple = z.infer<typeof ReplayReportTuple>;

/**
 * The snapshot as the hub sends it: the reports as tuples, in no particular order (domain/replay.ts
 * snapshotFromWire makes it a ReplaySnapshot, sorted as toSnapshot sorts).
 */
export const ReplaySnapshotWire = ReplaySnapshot.extend({ reports: z.array(ReplayReportTuple) });
export type ReplaySnapshotWire = z.infer<typeof ReplaySnapshotWire>;

export const ReplaySnapshotQuery = z.object({ at: IsoDateTime });
export const ReplaySnapshotAnswer = z.object({ range: ReplayRange, snapshot: ReplaySnapshotWire });
export type ReplaySnapshotAnswer = z.infer<typeof ReplaySnapshotAnswer>;

export const ReplayWindowQuery = z.object({
  /** The window is (from, from + minutes]. */
  from: IsoDateTime,
  minutes: z.coerce.number().int().min(1).max(30).default(5),
});
export const ReplayWindow = z.object({
  from: IsoDateTime,
  until: IsoDateTime,
  events: z.array(ReplayEvent),
  fixes: ReplayFixColumns,
});
export type ReplayWindow = z.infer<typeof ReplayWindow>;
