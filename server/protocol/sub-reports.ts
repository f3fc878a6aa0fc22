import { z } from 'zod';
import { EntityId, IsoDateTime } from './common';
import { Outcome, Priority, Report, ReportStatus } from './report';
import { Resolution } from './resolution';

/** One part to split off (domain/sub-reports.ts): what this team must do, for which category and team. */
export const NewPart = z.object({
  /** The part's category; absent: the main report's. */
  category: z.string().trim().min(1).max(64).optional(),
  /** One of the teams the categories name (their department); absent: the category's. */
  team: z.string().trim().min(1).max(100).optional(),
  /** What this team must do, for the team (the citizen never reads it). */
  description: z.string().trim().min(3, 'Beschrijving is te kort').max(4000),
  /** Absent: the main report's priority. */
  priority: Priority.optional(),
});
export type NewPart = z.infer<typeof NewPart>;

export const SplitReportBody = z.object({
  parts: z.array(NewPart).min(1, 'Geef minstens één deel').max(10),
  /** The main report's version as the caller saw it: a split of a changed report is refused (409). */
  expectedVersion: z.number().int().optional(),
});
export type SplitReportBody = z.infer<typeof SplitReportBody>;

export const SplitReportCommand = SplitReportBody.extend({ reportId: EntityId });

/** A part as the main report's detail lists it. */
export const SubReportPart = z.object({
  id: z.string(),
  number: z.string(),
  category: z.string(),
  description: z.string(),
  team: z.string(),
  status: ReportStatus,
  outcome: Outcome.nullable(),
  priority: Priority,
  createdAt: IsoDateTime,
  /** The part's newest resolution (a unit's proposal or the confirmed one). */
  resolution: z.object({ state: z.enum(['proposed', 'confirmed']), body: Resolution }).nullable(),
});
export type SubReportPart = z.infer<typeof SubReportPart>;

/** A report's place among parts, in its detail: its main report when it is a part, its parts when it was split. */
export const SubReportsDetail = z.object({
  partOf: z.object({ id: z.string(), number: z.string(), team: z.string() }).nullable(),
  parts: z.array(SubReportPart),
});
export type SubReportsDetail = z.infer<typeof SubReportsDetail>;

export const SplitReportResponse = z.object({ report: Report, parts: z.array(Report) });
export type SplitReportResponse = z.infer<typeof SplitReportResponse>;


