import type { TaskingEntry } from '../../../server/protocol/dispatch';

export const SHIFTS: readonly TaskingEntry['shift'][] = ['vroeg', 'laat', 'nacht'];
export const SHIFT_HOURS = 8;

/** The shift that is on now: vroeg until 14:00, laat until 22:00, then nacht. */
export function currentShift(date = new Date()): TaskingEntry['shift'] {
  const h = date.getHours();
  if (h >= 6 && h < 14) return 'vroeg';
  if (h >= 14 && h < 22) return 'laat';
  return 'nacht';
}

/** `YYYY-MM-DDTHH:mm` in local time, for datetime-local inputs. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
