/** The queue's order (newest first) and its free-text and category filter. Pure. */
import type { Category, Report } from '../../../server/protocol/report';
import { matchesStatusFilter, type QueueStatusFilter } from './statusFilters';

export interface QueueFilter {
  text: string;
  category: string;
  status: QueueStatusFilter;
}

/** Newest first; the same minute by number, so the order never flickers. */
export function newestFirst(reports: readonly Report[]): Report[] {
  return reports
    .map((r) => ({ r, at: Date.parse(r.createdAt) }))
    .sort((a, b) => b.at - a.at || b.r.number.localeCompare(a.r.number))
    .map((x) => x.r);
}

/**
 * The reports the filter lets through, in their order. The text matches (case-insensitive) the number,
 * description, address, category code and names, and the status and priority as shown (`label`).
 */
export function filterReports(
  reports: readonly Report[],
  filter: QueueFilter,
  context: { today: string; categories: ReadonlyMap<string, Category>; label: (report: Report) => string },
): readonly Report[] {
  const needle = filter.text.trim().toLowerCase();
  if (!needle && !filter.category && filter.status === 'all') return reports;
  return reports.filter((r) => {
    if (!matchesStatusFilter(r, filter.status, context.today)) return false;
    if (filter.category && r.category !== filter.category) return false;
    if (!needle) return true;
    const category = context.categories.get(r.category);
    const haystack = [r.number, r.description, r.address ?? '', r.category, category?.nameNl ?? '', category?.nameEn ?? '', context.label(r)]
      .join(' ')
      .toLowerCase();
    return haystack.includes(needle);
  });
}
