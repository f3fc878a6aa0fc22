import { useQuery } from '@tanstack/react-query';
import { call } from '../../shared/api/call';

/** Shift replay and the hotspot forecast (server/protocol/replay.ts, forecast.ts). */
export const historyApi = {
  snapshot: (at: string, signal?: AbortSignal) => call('replay.snapshot', { at }, undefined, signal ? { signal } : {}),
  window: (from: string, minutes: number, signal?: AbortSignal) => call('replay.window', { from, minutes }, undefined, signal ? { signal } : {}),
  forecast: () => call('forecast.get', { limit: 300 }),
};

/** The forecast is computed from 12 weeks of history: it changes slowly, so it is kept for 10 minutes. */
export function useForecast() {
  return useQuery({ queryKey: ['forecast'], queryFn: historyApi.forecast, staleTime: 10 * 60_000 });
}
