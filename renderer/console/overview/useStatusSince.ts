import { useMemo } from 'react';
import type { OverviewFeed } from '../../shared/overview/overviewFeed';
import type { StatusSince } from '../queue/statusFilters';

/**
 * When each open reopen request took its status, from the live overview (the queue's rows do not say): the queue's
 * "heropenverzoek > 2 weken" filter then holds exactly what the overview's figure counts. Undefined until the
 * overview's first snapshot (or without the overview).
 */
export function useReopenSince(feed: OverviewFeed | null, version: number): StatusSince | undefined {
  // biome-ignore lint/correctness/useExhaustiveDependencies: version is the feed's change counter (its state changes in place)
  return useMemo(() => {
    const state = feed?.state;
    if (!state) return undefined;
    const since = new Map<string, string | null>();
    for (const report of state.reports.values()) if (report.status === 'reopen_requested') since.set(report.id, report.statusSince);
    return since;
  }, [feed, version]);
}
