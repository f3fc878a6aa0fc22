import { z } from 'zod';
import { IsoDateTime, rawBytes } from './common';
import { Priority, ReportStatus } from './report';
import { KpiRow } from './stats';

/** The shift report (dienstrapport) and its handover (overdracht): server/domain/shift-report.ts has the rules. */

export const ShiftName = z.enum(['vroeg', 'laat', 'nacht']);

/** Which shift: its start date (YYYY-MM-DD, local) and name. Both absent: the shift on now (hub clock). */
export const ShiftQuery = z
  .object({ date: z.iso.date().optional(), shift: ShiftName.optional() })
  .refine((q) => (q.date === undefined) === (q.shift === undefined), { message: 'date and shift go together', path: ['shift'] });

export const ShiftReportEvent = z.object({
  at: IsoDateTime,
  kind: z.enum([
    'emergency_started',
    'emergency_ended',
    'priority_traffic_declared',
    'priority_traffic_lifted',
    'check_in_missed',
    'check_in_escalated',
    'auto_dispatched',
    'reopen_requested',
  ]),
  /** The unit's call sign, the area's name or the alert's message. */
  subject: z.string(),
  /** The note, the spoedmelding's text, or the level an alert escalated to. */
  detail: z.string().nullable(),
  /** The report's number as the console shows it (M-000123). */
  reportNumber: z.string().nullable(),
});
export type ShiftReportEvent = z.infer<typeof ShiftReportEvent>;

export const ShiftReportOpenRow = z.object({
  id: z.string(),
  number: z.string(),
  category: z.string(),
  address: z.string().nullable(),
  status: ReportStatus,
  priority: Priority,
  createdAt: IsoDateTime,
  slaDeadline: IsoDateTime.nullable(),
  followUpDate: z.string().nullable(),
  overdue: z.boolean(),
});
export type ShiftReportOpenRow = z.infer<typeof ShiftReportOpenRow>;

export const ShiftFigures = z.object({
  /** Reports that came in during the shift. */
  received: z.number().int(),
  /** Transitions to closed, and to scheduled (ingepland), during the shift. */
  closed: z.number().int(),
  scheduled: z.number().int(),
  emergencies: z.number().int(),
  priorityTraffic: z.number().int(),
  escalations: z.number().int(),
  /** Open when the report was made, and of those past their deadline. */
  open: z.number().int(),
  overdue: z.number().int(),
});
export type ShiftFigures = z.infer<typeof ShiftFigures>;

export const ShiftReportContent = z.object({
  date: z.iso.date(),
  shift: ShiftName,
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  /** The moment the figures were read (the end of the shift, or earlier when written before it ended). */
  asOf: IsoDateTime,
  municipality: z.string(),
  figures: ShiftFigures,
  /** The KPIs of the shift (commands/stats.ts computeStats over its window) with the targets they are held to. */
  kpis: z.object({ total: KpiRow, targets: z.object({ withinTerm: z.number(), satisfied: z.number() }) }).optional(),
  notable: z.array(ShiftReportEvent),
  notableTotal: z.number().int(),
  openByStatus: z.array(z.object({ status: ReportStatus, count: z.number().int() })),
  openList: z.array(ShiftReportOpenRow),
});
export type ShiftReportContent = z.infer<typeof ShiftReportContent>;

export const ShiftReport = ShiftReportContent.extend({
  id: z.string(),
  notes: z.string(),
  writtenBy: z.string(),
  writtenByName: z.string(),
  savedAt: IsoDateTime,
});
export type ShiftReport = z.infer<typeof ShiftReport>;

/** The shift lead's free text: up to 4,000 characters (about a page with the rest). */
export const NOTES_MAX = 4000;

export const SaveShiftReportBody = z.object({
  date: z.iso.date(),
  shift: ShiftName,
  notes: z.string().max(NOTES_MAX),
});
export type SaveShiftReportBody = z.infer<typeof SaveShiftReportBody>;

export const ShiftReportSummary = z.object({
  id: z.string(),
  date: z.iso.date(),
  shift: ShiftName,
  writtenByName: z.string(),
  savedAt: IsoDateTime,
  /** Whether the caller acknowledged it as a handover. */
  acknowledged: z.boolean(),
});
export type ShiftReportSummary = z.infer<typeof ShiftReportSummary>;

export const ShiftReportsList = z.object({ reports: z.array(ShiftReportSummary) });
export type ShiftReportsList = z.infer<typeof ShiftReportsList>;

export const ShiftReportsQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(30) });

/** The handover waiting for the signed-in shift lead: the latest report by someone else they have not acknowledged. */
export const HandoverAnswer = z.object({ report: ShiftReport.nullable() });
export type HandoverAnswer = z.infer<typeof HandoverAnswer>;

/** The PDF's bytes (application/pdf). */
export const PdfBytes = rawBytes('a PDF');
