import { useQuery } from '@tanstack/react-query';
import type { StatsAnswer, StatsGrouping } from '../../../server/protocol/stats';
import { hubOrigin } from '../../shared/bridge';
import { call, urlFor } from '../../shared/api/call';
import { getSession } from '../../shared/api/client';

/** GET /api/stats for the KPI screen: the period's figures (per group, named in the console's language) and, in a second request, the trend. */
export function useStats(period: { from: string; to: string }, by: StatsGrouping | null, trend: number, lang: 'nl' | 'en') {
  return useQuery({
    queryKey: ['stats', period.from, period.to, by, trend, lang],
    queryFn: ({ signal }) =>
      call('stats.get', { from: period.from, to: period.to, trend, format: 'json', lang, ...(by ? { by } : {}) }, undefined, { signal }) as Promise<StatsAnswer>,
    // Opened again, the screen asks again (a closing a moment ago counts: the hub derives its KPI facts before it
    // answers) instead of showing what it read a minute ago; periods looked at again count as new after a few seconds.
    staleTime: 5_000,
    refetchOnMount: 'always',
  });
}

/** Downloads the export (CSV or XLSX, headers in the console's language) with the session's token and hands it to the browser as a file. */
export async function downloadStats(
  period: { from: string; to: string },
  by: StatsGrouping | null,
  format: 'csv' | 'xlsx',
  lang: 'nl' | 'en',
): Promise<void> {
  const session = getSession();
  const url = urlFor('stats.get', { from: period.from, to: period.to, trend: 0, format, lang, ...(by ? { by } : {}) });
  const res = await fetch(hubOrigin() + url, { headers: session ? { Authorization: `Bearer ${session.token}` } : {} });
  if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `kpi.${format}`;
  const href = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
