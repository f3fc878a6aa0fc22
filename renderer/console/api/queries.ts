import { reportOf } from '../../../server/protocol/events';
import { QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OutboxMessageView } from '../../../server/protocol/detail';
import type { HubEvent } from '../../../server/protocol/events';
import type { TransitionRequestBody } from '../../../server/protocol/lifecycle-api';
import type { CreateReportInput, Report } from '../../../server/protocol/report';
import { ApiRequestError, api } from '../../shared/api/client';
import { applyDispatchEvent } from './dispatchQueries';
import { applyIntakeEvent } from './intake';
import { loadOpenQueue } from './queueLoader';
import { applyEventToSnapshot, type OpenQueue, upsertInQueue } from './reportsCache';
import { applyThrottleEvent } from './throttles';
import { applySubReportEvent } from '../lifecycle/subReportEvents';

export const queryKeys = {
  config: ['config'] as const,
  me: ['me'] as const,
  openReports: ['reports', 'open'] as const,
  categories: ['categories'] as const,
  /** Detail of one report (timeline, resolution, messages, allowed transitions). */
  reportDetail: (id: string) => ['report', id] as const,
  reportDetails: ['report'] as const,
  failedMessages: ['outbox', 'failed'] as const,
};

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // 4xx answers do not get better by asking again.
        retry: (count, error) =>
          !(error instanceof ApiRequestError && error.status >= 400 && error.status < 500) && count < 3,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}

export function useClientConfig() {
  return useQuery({
    queryKey: queryKeys.config,
    queryFn: api.config,
    staleTime: Infinity,
    retry: true,
    retryDelay: 2000,
  });
}

/**
 * The open reports. The hub pushes every change, so this never goes stale by itself: events are applied
 * with setQueryData (see applyHubEvent) and reconnects catch up through the event log, not by refetching.
 */
export function useOpenReports(enabled: boolean) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: queryKeys.openReports,
    // The first page; the rest arrives in the background with `progress` (api/queueLoader.ts).
    queryFn: ({ signal }) => loadOpenQueue(queryClient, queryKeys.openReports, signal),
    enabled,
    staleTime: Infinity,
    gcTime: Infinity,
    refetchOnReconnect: false,
    refetchOnWindowFocus: false,
  });
}

export function useCategories(enabled: boolean) {
  return useQuery({ queryKey: queryKeys.categories, queryFn: api.categories, enabled, staleTime: Infinity });
}

export function applyHubEvent(queryClient: QueryClient, event: HubEvent): void {
  queryClient.setQueryData<OpenQueue>(queryKeys.openReports, (old) => applyEventToSnapshot(old, event));
  // Aggregates are refetched, not patched: an open detail panel reloads its timeline and messages.
  const report = reportOf(event);
  if (report) void queryClient.invalidateQueries({ queryKey: queryKeys.reportDetail(report.id) });
  if (event.type === 'report.delivery') void queryClient.invalidateQueries({ queryKey: queryKeys.failedMessages });
  // The retention job erased data of (or deleted) these reports: an open detail reloads.
  if (event.type === 'retention.applied') for (const id of event.reportIds) void queryClient.invalidateQueries({ queryKey: queryKeys.reportDetail(id) });
  // Units, assignments, alerts and tasking travel in the same ordered stream.
  applyDispatchEvent(queryClient, event);
  // Nearby duplicates, signals and hotspots are aggregates: invalidated.
  applyIntakeEvent(queryClient, event);
  applyThrottleEvent(queryClient, event);
  applySubReportEvent(queryClient, event);
}

/** A report's detail; refetched whenever a hub event for it arrives (see applyHubEvent). */
export function useReportDetail(id: string | null) {
  return useQuery({
    queryKey: queryKeys.reportDetail(id ?? ''),
    queryFn: ({ signal }) => api.reportDetail(id ?? '', signal),
    enabled: id !== null,
    staleTime: Infinity,
    gcTime: 60_000,
  });
}

/** Failed citizen messages, for the shift lead's outbox view and the header counter. */
export function useFailedMessages(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.failedMessages,
    queryFn: api.failedMessages,
    enabled,
    staleTime: Infinity,
  });
}

export interface TransitionVariables {
  id: string;
  body: TransitionRequestBody;
}

export function useTransition() {
  const queryClient = useQueryClient();
  return useMutation<Report, ApiRequestError, TransitionVariables>({
    mutationFn: ({ id, body }) => api.transition(id, body),
    onSuccess: (report) => {
      upsertReportInCache(queryClient, report);
      void queryClient.invalidateQueries({ queryKey: queryKeys.reportDetail(report.id) });
    },
  });
}

export function useRetryMessage() {
  const queryClient = useQueryClient();
  return useMutation<OutboxMessageView, ApiRequestError, string>({
    mutationFn: (id) => api.retryMessage(id),
    onSettled: (message) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.failedMessages });
      if (message) void queryClient.invalidateQueries({ queryKey: queryKeys.reportDetail(message.reportId) });
    },
  });
}

export function upsertReportInCache(queryClient: QueryClient, report: Report): void {
  queryClient.setQueryData<OpenQueue>(queryKeys.openReports, (old) => (old ? upsertInQueue(old, report) : old));
}

export function useCreateReport() {
  const queryClient = useQueryClient();
  return useMutation<Report, ApiRequestError, CreateReportInput>({
    mutationFn: (input) => api.createReport(input),
    // The hub's event will carry the same version; upserting now shows it without waiting for the socket.
    onSuccess: (report) => upsertReportInCache(queryClient, report),
  });
}
