import { QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReportsSnapshot } from '../../../server/protocol/api';
import type { HubEvent } from '../../../server/protocol/events';
import type { CreateReportInput, Report } from '../../../server/protocol/report';
import { ApiRequestError, api } from './client';
import { applyEventToSnapshot, upsertOpenReport } from './reportsCache';

export const queryKeys = {
  config: ['config'] as const,
  me: ['me'] as const,
  openReports: ['reports', 'open'] as const,
  categories: ['categories'] as const,
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
  return useQuery({
    queryKey: queryKeys.openReports,
    queryFn: api.openReports,
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
  queryClient.setQueryData<ReportsSnapshot>(queryKeys.openReports, (old) => applyEventToSnapshot(old, event));
}

export function upsertReportInCache(queryClient: QueryClient, report: Report): void {
  queryClient.setQueryData<ReportsSnapshot>(queryKeys.openReports, (old) =>
    old ? { reports: upsertOpenReport(old.reports, report), seq: old.seq } : old,
  );
}

export function useCreateReport() {
  const queryClient = useQueryClient();
  return useMutation<Report, ApiRequestError, CreateReportInput>({
    mutationFn: (input) => api.createReport(input),
    // The hub's event will carry the same version; upserting now shows it without waiting for the socket.
    onSuccess: (report) => upsertReportInCache(queryClient, report),
  });
}
