import type { QueryClient } from '@tanstack/react-query';
import { type HubEvent, reportOf } from '../../../server/protocol/events';

/**
 * An event about a part (deelmelding) changes its main report's list of parts: every parts list in the cache is
 * marked stale (only an open detail refetches). Events about the main report reach its list through the detail key.
 */
export function applySubReportEvent(queryClient: QueryClient, event: HubEvent): void {
  if (!reportOf(event)?.parentNumber) return;
  void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] === 'report' && query.queryKey[2] === 'parts' });
}
