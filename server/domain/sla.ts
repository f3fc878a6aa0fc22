import Holidays from 'date-holidays';
import { type CivilDate, formatCivilDate, localDateTime, parseCivilDate, zonedToInstant } from './zoned-time';

export type { CivilDate };
export { formatCivilDate, parseCivilDate };

/**
 * Handling times in working days.
 *
 * Non-working days: Saturday, Sunday, and the Dutch holidays the date-holidays
 * library types as `public` (Nieuwjaarsdag, Eerste en Tweede Paasdag, Koningsdag,
 * Hemelvaartsdag, Eerste en Tweede Pinksterdag, Eerste en Tweede Kerstdag), plus
 * Bevrijdingsdag (5 May) EVERY year. The library types 5 May as `school` because
 * many employers only give it off in lustrum years (2025, 2030), but the Algemene
 * termijnenwet (art. 3 lid 1) names "de vijfde mei" as an algemeen erkende feestdag
 * every year, so a municipality's handling time does not run on it.
 * Goede Vrijdag counts as a working day: it is only *equated* with a holiday for
 * legal deadlines (Atw art. 3 lid 2) and municipal services are open; the library
 * types it `school`. Both choices are switches in `WorkingDayPolicy`.
 */

export const DEFAULT_TIME_ZONE = 'Europe/Amsterdam';

export interface WorkingDayPolicy {
  liberationDay: 'yearly' | 'lustrum' | 'never';
  goodFriday: boolean;
}

export const DEFAULT_POLICY: WorkingDayPolicy = { liberationDay: 'yearly', goodFriday: false };

const holidayCalendar = new Holidays('NL');
const holidayCache = new Map<string, ReadonlyMap<string, string>>();

/** The non-working holidays of a year under a policy: YYYY-MM-DD -> Dutch name. */
export function dutchHolidays(year: number, policy: WorkingDayPolicy = DEFAULT_POLICY): ReadonlyMap<string, string> {
  const key = `${year}:${policy.liberationDay}:${policy.goodFriday}`;
  const cached = holidayCache.get(key);
  if (cached) return cached;

  const days = new Map<string, string>();
  for (const holiday of holidayCalendar.getHolidays(year)) {
    const date = holiday.date.slice(0, 10);
    const isGoodFriday = holiday.rule === 'easter -2';
    if (holiday.type === 'public' || (isGoodFriday && policy.goodFriday)) days.set(date, holiday.name);
  }
  const liberation = policy.liberationDay === 'yearly' || (policy.liberationDay === 'lustrum' && year % 5 === 0);
  if (liberation) days.set(`${year}-05-05`, 'Bevrijdingsdag');

  holidayCache.set(key, days);
  return days;
}

/** Whether a date (an instant, read in `timeZone`, or a YYYY-MM-DD calendar date) is a working day. */
export function isWorkingDay(
  date: Date | string,
  timeZone: string = DEFAULT_TIME_ZONE,
  policy: WorkingDayPolicy = DEFAULT_POLICY,
): boolean {
  const civil = typeof date === 'string' ? parseCivilDate(date) : localDateTime(date, timeZone);
  return isWorkingCivilDate(civil, policy);
}

/**
 * The same local wall-clock time `days` working days after `start`. Counting starts
 * the day after `start`, so a report received on Friday or Saturday with 1 working
 * day is due on Monday at the same local time (DST-safe). `days` = 0 returns `start`.
 */
export function addWorkingDays(
  start: Date,
  days: number,
  timeZone: string = DEFAULT_TIME_ZONE,
  policy: WorkingDayPolicy = DEFAULT_POLICY,
): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a non-negative integer, got ${days}`);
  if (days === 0) return new Date(start.getTime());

  const local = localDateTime(start, timeZone);
  let date: CivilDate = local;
  let remaining = days;
  while (remaining > 0) {
    date = nextDay(date);
    if (isWorkingCivilDate(date, policy)) remaining -= 1;
  }
  return zonedToInstant({ ...local, ...date }, timeZone);
}

export type SlaState = 'on_time' | 'at_risk' | 'overdue';

/**
 * When a report counts as at risk: a fixed number of hours before the deadline, or a
 * fraction of the whole handling time (needs the start). Default: 24 hours.
 */
export type AtRiskThreshold = { hours: number } | { start: Date; fraction: number };

/**
 * overdue: now is after the deadline (at the deadline itself it is still due, not late);
 * at_risk: at most the threshold remains; on_time otherwise.
 */
export function slaState(deadline: Date, now: Date, threshold: AtRiskThreshold = { hours: 24 }): SlaState {
  const remaining = deadline.getTime() - now.getTime();
  if (remaining < 0) return 'overdue';
  const atRiskMs =
    'hours' in threshold
      ? threshold.hours * 3_600_000
      : (deadline.getTime() - threshold.start.getTime()) * threshold.fraction;
  return remaining <= atRiskMs ? 'at_risk' : 'on_time';
}

/** Today's calendar date in `timeZone`, YYYY-MM-DD (for follow-up dates and "vervolg vandaag"). */
export function localDateString(date: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  return formatCivilDate(localDateTime(date, timeZone));
}

function isWorkingCivilDate(date: CivilDate, policy: WorkingDayPolicy): boolean {
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !dutchHolidays(date.year, policy).has(formatCivilDate(date));
}

function nextDay({ year, month, day }: CivilDate): CivilDate {
  const next = new Date(Date.UTC(year, month - 1, day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}
