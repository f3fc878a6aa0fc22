import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef } from 'react';
import type { ReportDetail } from '../../../server/protocol/detail';
import type { TransitionRequestBody } from '../../../server/protocol/lifecycle-api';
import type { Report } from '../../../server/protocol/report';
import { ApiRequestError, api } from '../../shared/api/client';
import { queryKeys, useTransition } from '../api/queries';
import type { OpenQueue } from '../api/reportsCache';

/** Timeline entries that change what a user decides on (a delivery receipt or a "satisfied" answer does not). */
function decisiveEntries(detail: ReportDetail): number {
  return detail.timeline.filter((e) => e.type === 'report.transitioned' || e.type === 'report.updated').length;
}

/**
 * Sends a status change with the version the user saw, so a change by someone else is refused (409)
 * rather than overwritten. Message deliveries also move a report's version; when a 409 turns out to be
 * only that (same status, no new step), the step is sent again once with the fresh version.
 */
export function useTransitionRunner(detail: ReportDetail | undefined) {
  const queryClient = useQueryClient();
  const mutation = useTransition();
  const detailRef = useRef(detail);
  detailRef.current = detail;

  const run = useCallback(
    async (body: Omit<TransitionRequestBody, 'expectedVersion'>): Promise<Report> => {
      const seen = detailRef.current;
      if (!seen) throw new Error('report not loaded');
      const id = seen.report.id;
      const cached = queryClient
        .getQueryData<OpenQueue>(queryKeys.openReports)
        ?.reports.find((r) => r.id === id);
      const version = Math.max(seen.report.version, cached?.version ?? 0);
      try {
        return await mutation.mutateAsync({ id, body: { ...body, expectedVersion: version } });
      } catch (err) {
        if (!(err instanceof ApiRequestError) || err.status !== 409) throw err;
        const fresh = await queryClient.fetchQuery({
          queryKey: queryKeys.reportDetail(id),
          queryFn: () => api.reportDetail(id),
          staleTime: 0,
        });
        const onlyDeliveries =
          fresh.report.status === seen.report.status &&
          decisiveEntries(fresh) === decisiveEntries(seen) &&
          fresh.report.version !== version;
        if (!onlyDeliveries) throw err;
        return await mutation.mutateAsync({ id, body: { ...body, expectedVersion: fresh.report.version } });
      }
    },
    [queryClient, mutation.mutateAsync],
  );

  return { run, pending: mutation.isPending, pendingTo: mutation.isPending ? mutation.variables?.body.to : undefined };
}
