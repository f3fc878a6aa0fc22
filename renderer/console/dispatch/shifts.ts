import { DEFAULT_SHIFTS, SHIFT_NAMES, type ShiftName, type ShiftSettings, shiftAt, shiftLengthMinutes } from '../../../server/domain/shifts';
import { useClientConfig } from '../api/queries';

/** The shifts are the hub's settings (server/config.ts: shiftVroeg/-Laat/-Nacht, shiftTimeZone; README). */
export const SHIFTS: readonly ShiftName[] = SHIFT_NAMES;
/** The default shift length, for forms that propose a period before the hub's settings are known. */
export const SHIFT_HOURS = 8;

/** The hub's shift times, from the client config (the defaults until it has loaded). */
export function useShiftSettings(): ShiftSettings {
  const shifts = useClientConfig().data?.safety?.shifts;
  return shifts ? { starts: { vroeg: shifts.vroeg, laat: shifts.laat, nacht: shifts.nacht }, timeZone: shifts.timeZone } : DEFAULT_SHIFTS;
}

/** The shift that is on now, by the hub's shift times (default: vroeg 07–15, laat 15–23, nacht 23–07). */
export function currentShift(date = new Date(), settings: ShiftSettings = DEFAULT_SHIFTS): ShiftName {
  return shiftAt(date, settings).shift;
}

/** How long a shift lasts, in hours. */
export function shiftHours(shift: ShiftName, settings: ShiftSettings = DEFAULT_SHIFTS): number {
  return shiftLengthMinutes(shift, settings.starts) / 60;
}

/** `YYYY-MM-DDTHH:mm` in local time, for datetime-local inputs. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
