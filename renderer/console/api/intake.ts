/**
 * The console's HTTP calls for intake: nearby open reports ("dit is al gemeld"), linking a caller,
 * merging duplicates, survey CSV import, the signals layer and hotspots. Answers are checked against
 * server/protocol/intake; the query hooks keep them in TanStack Query, refreshed by hub events.
 */
import { type QueryClient, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { HubEvent } from '../../../server/protocol/events';
import {
  type Hotspot,
  type HotspotsBy,
  HotspotsResponse,
  type LinkReporterBody,
  type MergeBody,
  type NearbyResponse,
  NeighbourhoodHotspotsResponse,
  type SignalImportBody,
  SignalImportResult,
} from '../../../server/protocol/intake';
import { hubOrigin } from '../../shared/bridge';
import { call, urlFor } from '../../shared/api/call';
import { ApiRequestError, getSession, readAnswer, request } from '../../shared/api/client';

export const intakeKeys = {
  nearbyAll: ['nearby'] as const,
  nearby: (category: string, lat: number, lng: number) => ['nearby', category, lat, lng] as const,
  signalsAll: ['signals'] as const,
  signals: (days: number) => ['signals', days] as const,
  hotspotsAll: ['hotspots'] as const,
  hotspots: (days: number, resolution: number, by: HotspotsBy = 'h3') =>
    ['hotspots', days, by === 'h3' ? resolution : 'neighbourhood'] as const,
};

/** Where the import is: sending the file (with its share sent), then the hub checking and storing it. */
export type ImportProgress = { phase: 'upload'; loaded: number; total: number } | { phase: 'processing' };

export const intakeApi = {
  nearby: (category: string, lat: number, lng: number, signal?: AbortSignal) =>
    call('reports.nearby', { category, lat, lng }, undefined, signal ? { signal } : {}),
  linkReporter: (reportId: string, body: LinkReporterBody) =>
    call('reports.linkReporter', { id: reportId }, body),
  merge: (duplicateId: string, body: MergeBody) =>
    call('reports.merge', { id: duplicateId }, body),
  previewSignals: (body: SignalImportBody, signal?: AbortSignal) =>
    call('signals.preview', {}, body, signal ? { signal } : {}),
  importSignals: (body: SignalImportBody, onProgress: (p: ImportProgress) => void) =>
    postWithProgress(urlFor('signals.import', {}), body, SignalImportResult, onProgress),
  signals: (days: number) => call('signals.list', { days }),
  hotspots: async (days: number, resolution: number, by: HotspotsBy = 'h3'): Promise<HotspotsView> => {
    if (by === 'h3') {
      const res = await request(urlFor('hotspots.get', { days, resolution }), { schema: HotspotsResponse });
      return { by, neighbourhoods: res.neighbourhoods ?? false, cells: res.cells, window: res.window, totals: res.totals, outside: null };
    }
    const res = await request(urlFor('hotspots.get', { days, by: 'neighbourhood' }), { schema: NeighbourhoodHotspotsResponse });
    if (!res.configured) return { by, neighbourhoods: false, cells: [], window: null, totals: null, outside: null };
    const { outside, ...totals } = res.totals;
    return { by, neighbourhoods: true, cells: res.cells, window: res.window, totals, outside };
  },
};

/** Hotspots per H3 cell or per neighbourhood, in one shape for the list and the map layer. */
export interface HotspotsView {
  by: HotspotsBy;
  /** Whether the hub has neighbourhood boundaries (the "per wijk" choice). */
  neighbourhoods: boolean;
  cells: Hotspot[];
  /** Null: per neighbourhood asked, but none configured. */
  window: HotspotsResponse['window'] | null;
  totals: HotspotsResponse['totals'] | null;
  /** Per neighbourhood: items outside every neighbourhood ("buiten de wijken"), not in `cells`. */
  outside: { count: number; previousCount: number } | null;
}

/**
 * A JSON POST over XMLHttpRequest, for its upload progress (fetch has none): a survey file can be
 * megabytes. Errors are the same ApiRequestError as `request` gives.
 */
function postWithProgress<S extends z.ZodType>(
  path: string,
  body: unknown,
  schema: S,
  onProgress: (p: ImportProgress) => void,
): Promise<z.output<S>> {
  const sent = getSession();
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', hubOrigin() + path);
    xhr.setRequestHeader('Content-Type', 'application/json');
    xhr.setRequestHeader('Accept', 'application/json');
    if (sent) xhr.setRequestHeader('Authorization', `Bearer ${sent.token}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress({ phase: 'upload', loaded: e.loaded, total: e.total });
    };
    xhr.upload.onload = () => onProgress({ phase: 'processing' });
    xhr.onerror = () => reject(new ApiRequestError(0, { code: 'network', message: 'network error' }));
    xhr.onload = () => {
      try {
        resolve(readAnswer(path, { status: xhr.status, statusText: xhr.statusText, text: xhr.responseText }, sent, schema));
      } catch (err) {
        reject(err);
      }
    };
    xhr.send(JSON.stringify(body));
  });
}

/** Open reports of this category near this spot; off until both are known. */
export function useNearbyReports(category: string, at: { lat: number; lng: number } | null, excludeId?: string) {
  const enabled = category !== '' && at !== null;
  return useQuery({
    queryKey: intakeKeys.nearby(category, at?.lat ?? 0, at?.lng ?? 0),
    queryFn: ({ signal }) => intakeApi.nearby(category, at?.lat ?? 0, at?.lng ?? 0, signal),
    enabled,
    // Report events invalidate these (see applyIntakeEvent); a short staleTime keeps typing cheap.
    staleTime: 30_000,
    // While the spot moves, keep showing the last answer for the same category (never another category's).
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === category ? previous : undefined),
    select: excludeId
      ? (data: NearbyResponse) => ({ ...data, reports: data.reports.filter((r) => r.report.id !== excludeId) })
      : undefined,
  });
}

export function useSignals(days: number, enabled: boolean) {
  return useQuery({
    queryKey: intakeKeys.signals(days),
    queryFn: () => intakeApi.signals(days),
    enabled,
    staleTime: Infinity,
    placeholderData: (previous) => previous,
  });
}

export function useHotspots(days: number, resolution: number, by: HotspotsBy, enabled: boolean) {
  return useQuery({
    queryKey: intakeKeys.hotspots(days, resolution, by),
    queryFn: () => intakeApi.hotspots(days, resolution, by),
    enabled,
    // Aggregates: refetched when signals change or reports arrive, and once a minute as windows slide.
    staleTime: 60_000,
    refetchInterval: 60_000,
    placeholderData: (previous) => previous,
  });
}

/** Hub events → the intake caches (aggregates: invalidated, never patched). */
export function applyIntakeEvent(queryClient: QueryClient, event: HubEvent): void {
  switch (event.type) {
    case 'signals.changed':
      void queryClient.invalidateQueries({ queryKey: intakeKeys.signalsAll });
      void queryClient.invalidateQueries({ queryKey: intakeKeys.hotspotsAll });
      break;
    case 'report.created':
      void queryClient.invalidateQueries({ queryKey: intakeKeys.nearbyAll });
      void queryClient.invalidateQueries({ queryKey: intakeKeys.hotspotsAll });
      break;
    case 'report.updated':
    case 'report.transitioned':
      // Status, follow-up date or reporter count of a listed report may have changed.
      void queryClient.invalidateQueries({ queryKey: intakeKeys.nearbyAll });
      break;
    default:
      break;
  }
}
