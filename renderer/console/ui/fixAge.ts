import type { PositionFix } from '../../../server/protocol/dispatch';

/** A fix older than this is greyed on the board and the map (and ranked lower by the hub). */
export const STALE_FIX_MS = 2 * 60 * 1000;

/** How old a unit's last fix is (ms), or null without one. */
export function fixAgeMs(fix: PositionFix | null, now: number): number | null {
  if (!fix) return null;
  const at = Date.parse(fix.at);
  return Number.isNaN(at) ? null : Math.max(0, now - at);
}

/** No fix, or one older than STALE_FIX_MS: the unit may have moved. */
export function isStale(fix: PositionFix | null, now: number): boolean {
  const age = fixAgeMs(fix, now);
  return age === null || age > STALE_FIX_MS;
}
