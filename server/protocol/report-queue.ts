import { z } from 'zod';
import { Report } from './report';

/** Largest page of `reports.queue`; the console asks 200 first (shown at once), then pages of this size. */
export const QUEUE_PAGE_MAX = 5000;

export const QueueQuery = z.object({
  /** The `next` of the previous page; absent for the first page. Opaque to clients. */
  after: z.string().max(200).regex(/^[^|]+\|[^|]+$/).optional(),
  limit: z.coerce.number().int().min(1).max(QUEUE_PAGE_MAX).default(200),
});
export type QueueQuery = z.input<typeof QueueQuery>;

/**
 * One page of the open queue, newest first. `seq` is the last event this page includes: a client keeps the
 * first page's seq and applies the events after it; later pages are merged by each report's `version`.
 */
export const QueuePage = z.object({
  reports: z.array(Report),
  /** Pass as `after` for the next page; null when this was the last. */
  next: z.string().nullable(),
  /** How many reports are open at this page's snapshot (all pages together hold them, none is cut off). */
  total: z.number().int().min(0),
  seq: z.number().int().min(0),
});
export type QueuePage = z.infer<typeof QueuePage>;

/** The cursor as the hub writes it: the last report's created_at and id. */
export function encodeQueueCursor(cursor: { createdAt: string; id: string }): string {
  return `${cursor.createdAt}|${cursor.id}`;
}

/** Reads a cursor that passed QueueQuery's pattern. */
export function decodeQueueCursor(after: string): { createdAt: string; id: string } {
  const bar = after.indexOf('|');
  return { createdAt: after.slice(0, bar), id: after.slice(bar + 1) };
}
