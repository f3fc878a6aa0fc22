import { z } from 'zod';
import { Alert, Assignment, FocusArea, Recommendation, TaskingEntry, Unit } from './dispatch';

/** HTTP bodies and answers of the dispatch routes (units board, alerts, offers, tasking, field photos). */

/** Every unit (with its live fix) and every open assignment: the units board. */
export const UnitsResponse = z.object({ units: z.array(Unit), assignments: z.array(Assignment) });
export type UnitsResponse = z.infer<typeof UnitsResponse>;

export const AlertsResponse = z.object({ alerts: z.array(Alert) });
export type AlertsResponse = z.infer<typeof AlertsResponse>;

export const RecommendationsResponse = z.object({ recommendations: z.array(Recommendation) });
export type RecommendationsResponse = z.infer<typeof RecommendationsResponse>;

export const OffersResponse = z.object({ assignments: z.array(Assignment) });
export type OffersResponse = z.infer<typeof OffersResponse>;

/** The tasking of one day (default: today on the hub's clock); a date that exists in the calendar. */
export const TaskingQuery = z.object({ date: z.iso.date().optional() });

export const TaskingResponse = z.object({
  date: z.string(),
  tasking: z.array(z.object({ entry: TaskingEntry, area: FocusArea })),
  /** Focus areas active now. */
  areas: z.array(FocusArea),
});
export type TaskingResponse = z.infer<typeof TaskingResponse>;

export const NewFocusArea = FocusArea.omit({ id: true });
export type NewFocusArea = z.infer<typeof NewFocusArea>;

export const NewTaskingEntry = TaskingEntry.omit({ id: true });
export type NewTaskingEntry = z.infer<typeof NewTaskingEntry>;

export const PhotoUploaded = z.object({ photoId: z.string(), size: z.number().int().min(0) });
export type PhotoUploaded = z.infer<typeof PhotoUploaded>;
