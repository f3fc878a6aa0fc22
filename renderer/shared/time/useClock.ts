import { useCallback, useEffect, useState } from 'react';

/**
 * The current time for what depends on it (ages in the queue, countdowns, "vervolg vandaag", SLA badges):
 * refreshed every `intervalMs`, when the window becomes visible again or gets focus, and on demand (`refresh`,
 * e.g. when a filter changes). Always read from `Date.now()`, so a test clock (Playwright `page.clock`) controls it.
 */
export function useClock(intervalMs = 30_000): { now: number; refresh: () => void } {
  const [now, setNow] = useState(() => Date.now());
  const refresh = useCallback(() => setNow(Date.now()), []);
  useEffect(() => {
    const timer = setInterval(refresh, intervalMs);
    const onVisible = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('focus', refresh);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('focus', refresh);
    };
  }, [intervalMs, refresh]);
  return { now, refresh };
}
