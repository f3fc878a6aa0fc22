import { localDateTime } from './zoned-time';

/**
 * Shifts (diensten) as settings: vroeg, laat and nacht each start at a wall-clock time in the control room's
 * time zone and last until the next one starts (defaults vroeg 07:00–15:00, laat 15:00–23:00, nacht 23:00–07:00,
 * Europe/Amsterdam). A night shift that starts before midnight belongs to the date it started on: at 02:00 on
 * the 5th the night shift of the 4th is on. Pure: the caller passes the hub clock's instant.
 */

export const SHIFT_NAMES = ['vroeg', 'laat', 'nacht'] as const;
export type ShiftName = (typeof SHIFT_NAMES)[number];

export interface ShiftSettings {
  /** Start times, `HH:MM`, 24-hour, in `timeZone`. */
  starts: Record<ShiftName, string>;
  timeZone: string;
}

export const DEFAULT_SHIFTS: ShiftSettings = {
  starts: { vroeg: '07:00', laat: '15:00', nacht: '23:00' },
  timeZone: 'Europe/Amsterdam',
};

export const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export function minutesOfDay(hhmm: string): number {
  if (!HHMM.test(hhmm)) throw new Error(`not a time of day (HH:MM): ${hhmm}`);
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** The three starts must differ: otherwise a shift would last no time at all. */
export function shiftSettingsProblem(starts: Record<ShiftName, string>): string | undefined {
  const minutes = SHIFT_NAMES.map((name) => (HHMM.test(starts[name]) ? minutesOfDay(starts[name]) : Number.NaN));
  if (minutes.some(Number.isNaN)) return 'shift start times must be HH:MM';
  if (new Set(minutes).size !== 3) return 'the shifts must start at three different times';
  return undefined;
}

/** The shift on at a wall-clock minute of the day: the one whose start came last (wrapping past midnight). */
export function shiftAtMinute(minute: number, starts: Record<ShiftName, string>): ShiftName {
  let best: ShiftName = 'nacht';
  let bestAgo = Number.POSITIVE_INFINITY;
  for (const name of SHIFT_NAMES) {
    const ago = (minute - minutesOfDay(starts[name]) + 24 * 60) % (24 * 60);
    if (ago < bestAgo) {
      bestAgo = ago;
      best = name;
    }
  }
  return best;
}

/** The shift on at `instant`, and the date (YYYY-MM-DD) it started on. */
export function shiftAt(instant: Date, settings: ShiftSettings = DEFAULT_SHIFTS): { shift: ShiftName; date: string } {
  const local = localDateTime(instant, settings.timeZone);
  const minute = local.hour * 60 + local.minute;
  const shift = shiftAtMinute(minute, settings.starts);
  const startedYesterday = minute < minutesOfDay(settings.starts[shift]);
  const day = new Date(Date.UTC(local.year, local.month - 1, local.day - (startedYesterday ? 1 : 0)));
  return { shift, date: day.toISOString().slice(0, 10) };
}

/** How long a shift lasts, in minutes (until the next shift starts). */
export function shiftLengthMinutes(shift: ShiftName, starts: Record<ShiftName, string>): number {
  const start = minutesOfDay(starts[shift]);
  const later = SHIFT_NAMES.map((n) => (minutesOfDay(starts[n]) - start + 24 * 60) % (24 * 60)).filter((d) => d > 0);
  return Math.min(...later);
}
