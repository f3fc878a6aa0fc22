import { formatCivilDate, localDateTime } from '../../../server/domain/zoned-time';

/** The control room's time zone (the hub's default shift and SLA zone). */
export const TIME_ZONE = 'Europe/Amsterdam';

/** The calendar date (YYYY-MM-DD) in Europe/Amsterdam at `now`, as the hub computes it. */
export function localDate(now: number): string {
  return formatCivilDate(localDateTime(new Date(now), TIME_ZONE));
}

/** A date `days` calendar days after `isoDate` (YYYY-MM-DD), for the follow-up date's default and bounds. */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days));
  return date.toISOString().slice(0, 10);
}
