import { useEffect, useState } from 'react';
import type { SearchHit } from '../../../server/protocol/search';
import { call } from '../../shared/api/call';

export const SEARCH_MIN_LENGTH = 2;
const DEBOUNCE_MS = 150;

export type SearchState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'done'; hits: SearchHit[] }
  | { kind: 'error'; message: string };

/** Hits for what is typed, as it is typed: one request per pause, the previous one cancelled. */
export function useReportSearch(typed: string, limit = 10): SearchState {
  const q = typed.trim();
  const [state, setState] = useState<SearchState>({ kind: 'idle' });
  useEffect(() => {
    if (q.length < SEARCH_MIN_LENGTH) {
      setState({ kind: 'idle' });
      return;
    }
    const controller = new AbortController();
    setState((s) => (s.kind === 'done' ? s : { kind: 'loading' }));
    const timer = setTimeout(() => {
      call('reports.search', { q, limit }, undefined, { signal: controller.signal })
        .then((answer) => setState({ kind: 'done', hits: answer.hits }))
        .catch((err: unknown) => {
          if (controller.signal.aborted) return;
          setState({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q, limit]);
  return state;
}
