import { type ShiftSettings, minutesOfDay, shiftAt } from './shifts';
import { asUtc, formatCivilDate, localDateTime, parseCivilDate, zonedToInstant } from './zoned-time';

/**
 * The periods KPIs are asked for (issue 14 point 2): a shift (shift times as set for the safety timers,
 * domain/shifts.ts), a day, a week (Monday to Monday) or a month, in the control room's time zone; and the
 * periods before one, for the trend line. Pure; the console and the hub use the same rules.
 */

export const PERIOD_KINDS = ['shift', 'day', 'week', 'month'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  /** ISO instants, [from, to). */
  from: string;
  to: string;
}

function midnight(date: string, timeZone: string): Date {
  const d = parseCivilDate(date);
  return zonedToInstant({ ...d, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone);
}

function addDays(date: string, days: number): string {
  const d = parseCivilDate(date);
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return t.toISOString().slice(0, 10);
}

function at(date: string, hhmm: string, timeZone: string): Date {
  const d = parseCivilDate(date);
  const minutes = minutesOfDay(hhmm);
  return zonedToInstant({ ...d, hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0, millisecond: 0 }, timeZone);
}

/** The period of `kind` that holds `instant`. */
export function periodAt(kind: PeriodKind, instant: Date, shifts: ShiftSettings): Period {
  const { timeZone } = shifts;
  const local = localDateTime(instant, timeZone);
  const today = formatCivilDate(local);
  if (kind === 'shift') {
    const { shift, date } = shiftAt(instant, shifts);
    const start = at(date, shifts.starts[shift], timeZone);
    // The shift ends when the next shift starts: the earliest start after this one.
    const candidates = [date, addDays(date, 1)].flatMap((d) => Object.values(shifts.starts).map((s) => at(d, s, timeZone)));
    const end = candidates.filter((c) => c.getTime() > start.getTime()).sort((a, b) => a.getTime() - b.getTime())[0];
    return { from: start.toISOString(), to: (end ?? new Date(start.getTime() + 8 * 3_600_000)).toISOString() };
  }
  if (kind === 'day') return { from: midnight(today, timeZone).toISOString(), to: midnight(addDays(today, 1), timeZone).toISOString() };
  if (kind === 'week') {
    const weekday = (new Date(Date.UTC(local.year, local.month - 1, local.day)).getUTCDay() + 6) % 7; // Monday 0
    const monday = addDays(today, -weekday);
    return { from: midnight(monday, timeZone).toISOString(), to: midnight(addDays(monday, 7), timeZone).toISOString() };
  }
  const first = formatCivilDate({ year: local.year, month: local.month, day: 1 });
  const next = formatCivilDate(local.month === 12 ? { year: local.year + 1, month: 1, day: 1 } : { year: local.year, month: local.month + 1, day: 1 });
  return { from: midnight(first, timeZone).toISOString(), to: midnight(next, timeZone).toISOString() };
}

/** Is [from, to) exactly one calendar month in `timeZone`? */
function isCalendarMonth(period: Period, timeZone: string): boolean {
  const from = new Date(period.from);
  const month = periodAt('month', from, { starts: { vroeg: '07:00', laat: '15:00', nacht: '23:00' }, timeZone });
  return month.from === period.from && month.to === period.to;
}

/**
 * The `count` periods before `period`, oldest first: calendar months when the period is one, else periods of the
 * same length on the local clock laid back to back, so a day or week still starts at local midnight and a shift at
 * its start time across a clock change (the day of the change then has 23 or 25 hours, as it had).
 */
export function previousPeriods(period: Period, count: number, timeZone: string): Period[] {
  const out: Period[] = [];
  if (isCalendarMonth(period, timeZone)) {
    let from = new Date(period.from);
    for (let i = 0; i < count; i++) {
      const before = periodAt('month', new Date(from.getTime() - 1), { starts: { vroeg: '07:00', laat: '15:00', nacht: '23:00' }, timeZone });
      out.unshift(before);
      from = new Date(before.from);
    }
    return out;
  }
  const wallFrom = asUtc(localDateTime(new Date(period.from), timeZone));
  const wallTo = asUtc(localDateTime(new Date(period.to), timeZone));
  const length = wallTo - wallFrom;
  const instant = (wall: number) => {
    const w = new Date(wall);
    const local = { year: w.getUTCFullYear(), month: w.getUTCMonth() + 1, day: w.getUTCDate(), hour: w.getUTCHours(), minute: w.getUTCMinutes() };
    return zonedToInstant({ ...local, second: w.getUTCSeconds(), millisecond: w.getUTCMilliseconds() }, timeZone).toISOString();
  };
  for (let i = count; i >= 1; i--) {
    out.push({ from: instant(wallFrom - i * length), to: i === 1 ? period.from : instant(wallTo - i * length) });
  }
  return out;
}

/** The local dates (YYYY-MM-DD) the period touches, first and last, for follow-up dates. */
export function periodDays(period: Period, timeZone: string): { first: string; last: string } {
  return {
    first: formatCivilDate(localDateTime(new Date(period.from), timeZone)),
    last: formatCivilDate(localDateTime(new Date(Date.parse(period.to) - 1), timeZone)),
  };
}

/** The local date of an instant. */
export function localDay(instant: string, timeZone: string): string {
  return formatCivilDate(localDateTime(new Date(instant), timeZone));
}
