import { DEFAULT_SAFETY, positionMissing } from '../../../server/domain/safety-timers';
import type { Unit } from '../../../server/protocol/dispatch';
import { useClientConfig } from '../api/queries';

/** The hub's "geen positie" limit (server/config.ts noFixMinutes), the default until the config has loaded. */
export function useNoFixMinutes(): number {
  return useClientConfig().data?.safety?.noFixMinutes ?? DEFAULT_SAFETY.noFixMinutes;
}

/** "Geen positie": on duty, not on a break, and no fix for longer than the limit (domain/safety-timers.ts, rule 4). */
export function showsNoPosition(unit: Unit, now: number, noFixMinutes: number): boolean {
  return positionMissing(unit, new Date(now), { noFixMinutes });
}
