/**
 * Loads the open queue the way a big city needs it: the first 200 rows answer fast and are shown at once (the
 * live stream starts from their seq), then the rest comes in pages of 5,000 in the background, merged into the
 * cache as they arrive, with the progress in the cache for the queue to show. Nothing is cut off: paging goes on
 * until the hub says there is no next page. The pages hold slim rows (protocol/report-queue.ts, QueueRow); the
 * detail panel fetches the whole report when one is opened.
 */
import type { QueryClient } from '@tanstack/react-query';
import { decodeQueueRows, QUEUE_PAGE_MAX, type QueuePage } from '../../../server/protocol/report-queue';
import { call } from '../../shared/api/call';
import { mergeQueuePage, type OpenQueue, openQueueFromFirstPage, type QueueRowsPage } from './reportsCache';

export const FIRST_PAGE = 200;

const loads = new WeakMap<QueryClient, number>();

/** A page as the cache takes it: its tuples made rows. */
export function pageRows(page: QueuePage): QueueRowsPage {
  return { rows: decodeQueueRows(page.fields, page.rows), seq: page.seq, total: page.total, next: page.next };
}

/** The query function of the open queue: resolves with the first page and keeps loading the others. */
export async function loadOpenQueue(queryClient: QueryClient, key: readonly unknown[], signal?: AbortSignal): Promise<OpenQueue> {
  const first = pageRows(await call('reports.queue', { limit: FIRST_PAGE }, undefined, signal ? { signal } : {}));
  const load = (loads.get(queryClient) ?? 0) + 1;
  loads.set(queryClient, load);
  if (first.next !== null) void loadRest(queryClient, key, first.next, load);
  return openQueueFromFirstPage(first);
}

async function loadRest(queryClient: QueryClient, key: readonly unknown[], start: string, load: number): Promise<void> {
  let after: string | null = start;
  let delay = 500;
  while (after !== null) {
    try {
      const page = pageRows(await call('reports.queue', { after, limit: QUEUE_PAGE_MAX }));
      // A newer load, or the cache was cleared (signed out): this one is done.
      if (loads.get(queryClient) !== load || !queryClient.getQueryData(key)) return;
      queryClient.setQueryData<OpenQueue>(key, (old) => (old ? mergeQueuePage(old, page) : old));
      after = page.next;
      delay = 500;
    } catch {
      if (loads.get(queryClient) !== load) return;
      // The hub is away or busy: the queue keeps showing its progress and asks again.
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 10_000);
    }
  }
}
