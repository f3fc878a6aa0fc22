/** The queue's order (newest first) and its free-text and category filter. Pure. */
import type { Category } from '../../../server/protocol/report';
import type { QueueRow } from '../../../server/protocol/report-queue';
import { compareDueFirst } from '../ui/sla';
import { matchesStatusFilter, type QueueStatusFilter, type StatusSince } from './statusFilters';

export interface QueueFilter {
  text: string;
  category: string;
  status: QueueStatusFilter;
}

/** Newest first; the same minute by number, so the order never flickers. */
export function newestFirst(reports: readonly QueueRow[]): QueueRow[] {
  return reports
    .map((r) => ({ r, at: Date.parse(r.createdAt) }))
    .sort((a, b) => b.at - a.at || b.r.number.localeCompare(a.r.number))
    .map((x) => x.r);
}

/** The queue's orders: newest first (the default) or due first (soonest running deadline first; ui/sla.ts). */
export const QUEUE_ORDERS = ['newest', 'due'] as const;
export type QueueOrder = (typeof QUEUE_ORDERS)[number];

/** `reports` (newest first) in the chosen order; newest first is the order they come in. */
export function inQueueOrder(reports: readonly QueueRow[], order: QueueOrder): readonly QueueRow[] {
  return order === 'due' ? [...reports].sort(compareDueFirst) : reports;
}

/**
 * The reports the filter lets through, in their order. The text matches (case-insensitive) what a queue row
 * shows: the number, address, category code and names, and the status and priority as shown (`label`). Not the
 * description: the queue holds slim rows (QueueRow); words in descriptions, also of closed reports, are found by
 * the report search (Ctrl+K, `reports.search`).
 */
export function filterReports(
  reports: readonly QueueRow[],
  filter: QueueFilter,
  context: { today: string; now?: number; statusSince?: StatusSince; categories: ReadonlyMap<string, Category>; label: (report: QueueRow) => string },
): readonly QueueRow[] {
  const needle = filter.text.trim().toLowerCase();
  if (!needle && !filter.category && filter.status === 'all') return reports;
  return reports.filter((r) => {
    if (!matchesStatusFilter(r, filter.status, context.today, context.now, context.statusSince)) return false;
    if (filter.category && r.category !== filter.category) return false;
    if (!needle) return true;
    const category = context.categories.get(r.category);
    const haystack = [r.number, r.address ?? '', r.category, category?.nameNl ?? '', category?.nameEn ?? '', context.label(r)]
      .join(' ')
      .toLowerCase();
    return haystack.includes(needle);
  });
}
