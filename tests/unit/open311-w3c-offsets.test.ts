import { describe, expect, it } from 'vitest';
import { localDateTime, offsetAt } from '../../server/domain/zoned-time';
import { formatW3cDateTime } from '../../server/http/open311/w3c';

/** The formatting as it was before the per-hour offsets (two Intl look-ups per time), to compare with. */
function byIntl(date: Date, timeZone: string): string {
  const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');
  const w = localDateTime(date, timeZone);
  const minutes = Math.round(offsetAt(Math.floor(date.getTime() / 1000) * 1000, timeZone) / 60_000);
  const zone = `${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${zone}`;
}

describe('Open311 W3C datetimes with offsets looked up per hour', () => {
  it('match the per-time Intl look-up around DST changes, across years and in zones with odd offsets', () => {
    const zones = ['Europe/Amsterdam', 'UTC', 'America/St_Johns', 'Asia/Kathmandu', 'Australia/Lord_Howe'];
    const instants: number[] = [];
    // Every 7 minutes 3 seconds through the days around both 2026 changes in Amsterdam and Lord Howe's half-hour change.
    for (const day of ['2026-03-28', '2026-10-24', '2026-04-04', '2026-10-03']) {
      const start = Date.parse(`${day}T00:00:00Z`);
      for (let t = start; t < start + 3 * 86_400_000; t += 423_123) instants.push(t);
    }
    // Spread over a century, including Amsterdam's pre-1937 offset of +00:19:32.
    for (let t = Date.parse('1930-01-01T00:00:00Z'); t < Date.parse('2040-01-01T00:00:00Z'); t += 86_400_000 * 37 + 3_599_999) instants.push(t);
    const differing: string[] = [];
    for (const zone of zones) {
      for (const t of instants) {
        const date = new Date(t);
        if (formatW3cDateTime(date, zone) !== byIntl(date, zone)) differing.push(`${zone} ${date.toISOString()}`);
      }
    }
    expect(instants.length).toBeGreaterThan(2000);
    expect(differing.slice(0, 5)).toEqual([]);
  });

  it('formats the autumn overlap with the offset of each occurrence', () => {
    expect(formatW3cDateTime('2026-10-25T00:30:00Z')).toBe('2026-10-25T02:30:00+02:00');
    expect(formatW3cDateTime('2026-10-25T01:30:00Z')).toBe('2026-10-25T02:30:00+01:00');
    expect(formatW3cDateTime('2026-10-25T00:59:59.999Z')).toBe('2026-10-25T02:59:59+02:00');
    expect(formatW3cDateTime('2026-10-25T01:00:00Z')).toBe('2026-10-25T02:00:00+01:00');
  });
});
