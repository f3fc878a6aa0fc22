import { z } from 'zod';
import { IsoDateTime } from './common';

/** What the retention job erases or deletes (server/domain/retention.ts). */
export const RetentionKind = z.enum(['contacts', 'messages', 'comments', 'photos', 'positions', 'sessions', 'commandLog', 'reports']);
export type RetentionKind = z.infer<typeof RetentionKind>;

const ReportRef = z.object({ id: z.string(), number: z.string() });

export const RetentionLogEntry = z.object({
  id: z.string(),
  at: IsoDateTime,
  kind: RetentionKind,
  count: z.number().int().min(0),
  /** The reports concerned (for the kinds erased per report, and the reports deleted). */
  reports: z.array(ReportRef),
  /** The `retention.applied` event of this batch. */
  eventSeq: z.number().int().nullable(),
});
export type RetentionLogEntry = z.infer<typeof RetentionLogEntry>;

export const RetentionLogQuery = z.object({
  kind: RetentionKind.optional(),
  before: IsoDateTime.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const RetentionLogResponse = z.object({ entries: z.array(RetentionLogEntry) });
export type RetentionLogResponse = z.infer<typeof RetentionLogResponse>;

/** One batch of the retention job: counts and report ids only, never the data itself. */
export const RetentionAppliedFields = {
  type: z.literal('retention.applied'),
  kind: RetentionKind,
  count: z.number().int().min(0),
  /** Reports whose data was erased (or that were deleted): consoles reload or drop them. */
  reportIds: z.array(z.string()),
};
