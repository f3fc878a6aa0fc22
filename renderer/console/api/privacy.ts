/**
 * Personal data on request: a report's contact details ("toon contactgegevens"), the outbox with its
 * recipients, the access log, and a citizen's rights (inzage, export, erasure). Every call that shows
 * contact details is written to the hub's access log, so none of them is fetched without a click.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import type { AccessLogResponse, PrivacyErased, PrivacyExport, PrivacyFindings, PrivacyRequest, ReportContacts } from '../../../server/protocol/privacy';
import type { OutboxList } from '../../../server/protocol/lifecycle-api';
import type { ApiRequestError } from '../../shared/api/client';
import { call } from '../../shared/api/call';

/** "toon contactgegevens": one logged read per click (a mutation, never refetched by itself). */
export function useRevealContacts() {
  return useMutation<ReportContacts, ApiRequestError, string>({ mutationFn: (id) => call('reports.contacts', { id }) });
}

/** The failed messages with their recipients whole (logged per report). */
export function useRevealRecipients() {
  return useMutation<OutboxList, ApiRequestError, void>({ mutationFn: () => call('outbox.list', { status: 'failed', contacts: '1' }) });
}

export interface AccessLogFilter {
  reportId?: string | undefined;
  userId?: string | undefined;
  /** ISO instants. */
  from?: string | undefined;
  to?: string | undefined;
}

export function useAccessLog(filter: AccessLogFilter, enabled = true) {
  return useQuery<AccessLogResponse, ApiRequestError>({
    queryKey: ['access-log', filter],
    queryFn: () => call('accessLog.list', Object.fromEntries(Object.entries(filter).filter(([, v]) => v)) as AccessLogFilter),
    enabled,
    staleTime: 0,
  });
}

export function usePrivacySearch() {
  return useMutation<PrivacyFindings, ApiRequestError, PrivacyRequest>({ mutationFn: (body) => call('privacy.search', {}, body) });
}

export function usePrivacyExport() {
  return useMutation<PrivacyExport, ApiRequestError, PrivacyRequest>({ mutationFn: (body) => call('privacy.export', {}, body) });
}

export function usePrivacyErase() {
  return useMutation<PrivacyErased, ApiRequestError, PrivacyRequest>({ mutationFn: (body) => call('privacy.erase', {}, body) });
}
