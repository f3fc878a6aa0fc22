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

/**
 * Terms per priority and "bijna te laat" (the rules, pure):
 * - normal and low reports: the category's term in working days (addWorkingDays above);
 * - urgent and high reports: their own term per category in clock hours, 24/7 (null: DEFAULT_PRIORITY_HOURS),
 *   when that is sooner than the working-day term: priority only ever shortens the deadline. An overlast report
 *   with priority high on Friday night is due on Saturday, not on Monday;
 * - "bijna te laat" (at_risk) is the last AT_RISK_FRACTION (20 %) of the term, counted in the term's own units:
 *   clock time for an hours term, working time (the hours of working days only) for a working-day term. A one-day
 *   report is at risk in the last 4.8 working hours before its deadline, not from its first minute.
 */
export const AT_RISK_FRACTION = 0.2;
export const DEFAULT_PRIORITY_HOURS = { urgent: 4, high: 24 } as const;

export type SlaTerm = { unit: 'working_days'; amount: number } | { unit: 'hours'; amount: number };

export interface CategoryTerms {
  slaWorkingDays: number;
  slaUrgentHours?: number | null | undefined;
  slaHighHours?: number | null | undefined;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The term that applies to a report of this category and priority received at `start`, with its deadline. */
export function slaTermFor(
  category: CategoryTerms,
  priority: string,
  start: Date,
  timeZone: string = DEFAULT_TIME_ZONE,
  policy: WorkingDayPolicy = DEFAULT_POLICY,
): { term: SlaTerm; deadline: Date } {
  const days: SlaTerm = { unit: 'working_days', amount: category.slaWorkingDays };
  const byDays = addWorkingDays(start, category.slaWorkingDays, timeZone, policy);
  const hours =
    priority === 'urgent'
      ? (category.slaUrgentHours ?? DEFAULT_PRIORITY_HOURS.urgent)
      : priority === 'high'
        ? (category.slaHighHours ?? DEFAULT_PRIORITY_HOURS.high)
        : null;
  if (hours === null) return { term: days, deadline: byDays };
  const byHours = new Date(start.getTime() + hours * HOUR_MS);
  return byHours.getTime() < byDays.getTime() ? { term: { unit: 'hours', amount: hours }, deadline: byHours } : { term: days, deadline: byDays };
}

/** Milliseconds between two instants that fall on working days (local calendar days in `timeZone`). */
export function workingMsBetween(from: Date, to: Date, timeZone: string = DEFAULT_TIME_ZONE, policy: WorkingDayPolicy = DEFAULT_POLICY): number {
  let total = 0;
  let cursor = from.getTime();
  const end = to.getTime();
  while (cursor < end) {
    const local = localDateTime(new Date(cursor), timeZone);
    const nextMidnight = zonedToInstant({ ...nextDay(local), hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone).getTime();
    const stop = Math.min(end, nextMidnight);
    if (isWorkingCivilDate(local, policy)) total += stop - cursor;
    cursor = stop;
  }
  return total;
}

/** When the report becomes "bijna te laat": the start of the last 20 % of its term, in the term's units. */
export function atRiskFrom(term: SlaTerm, deadline: Date, timeZone: string = DEFAULT_TIME_ZONE, policy: WorkingDayPolicy = DEFAULT_POLICY): Date {
  if (term.unit === 'hours') return new Date(deadline.getTime() - term.amount * HOUR_MS * AT_RISK_FRACTION);
  let need = term.amount * DAY_MS * AT_RISK_FRACTION;
  let cursor = deadline.getTime();
  // Walk back from the deadline over whole local days, counting only working days' time.
  for (let guard = 0; need > 0 && guard < 400; guard++) {
    const local = localDateTime(new Date(cursor - 1), timeZone);
    const midnight = zonedToInstant({ year: local.year, month: local.month, day: local.day, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone).getTime();
    if (isWorkingCivilDate(local, policy)) {
      const available = cursor - midnight;
      if (available >= need) return new Date(cursor - need);
      need -= available;
    }
    cursor = midnight;
  }
  return new Date(cursor);
}

/** on_time, at_risk (from atRiskFrom on) or overdue (after the deadline) under the term's own rule. */
export function slaStateFor(term: SlaTerm, deadline: Date, now: Date, timeZone: string = DEFAULT_TIME_ZONE, policy: WorkingDayPolicy = DEFAULT_POLICY): SlaState {
  if (now.getTime() > deadline.getTime()) return 'overdue';
  return now.getTime() >= atRiskFrom(term, deadline, timeZone, policy).getTime() ? 'at_risk' : 'on_time';
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
