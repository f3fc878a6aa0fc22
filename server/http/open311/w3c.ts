/**
 * W3C datetimes (https://www.w3.org/TR/NOTE-datetime) as GeoReport v2 requires them: always with a zone.
 * We answer in the city's local time with its UTC offset (2026-11-28T21:04:05+01:00), so a client shows
 * the time the control room saw, and accept any zone (or Z) from clients.
 */

import { offsetAt, parseCivilDate, zonedToInstant } from '../../domain/zoned-time';

export const OPEN311_TIME_ZONE = 'Europe/Amsterdam';

const HOUR_MS = 3_600_000;
const MAX_CACHED_HOURS = 100_000;

/**
 * What a zone shows in one whole UTC hour. A zone changes its offset at most once in an hour, so when the hour's
 * first and last second have the same offset, the whole hour has it: the status poll formats 60,000 times of a few
 * thousand hours with one Intl look-up per hour, not two per time. With a whole-hour offset every time of the hour
 * also shares its local date and hour, so their text is kept too and a time only adds its minutes and seconds.
 */
interface ZoneHour {
  /** Undefined when the offset changes within the hour. */
  offsetMs: number | undefined;
  /** `2026-11-28T21:` and `+01:00`, when the offset is a whole number of hours. */
  text?: { prefix: string; suffix: string };
}

/** Per zone, per UTC hour (ms / HOUR_MS); a zone's map is cleared when it grows large. */
const zoneHours = new Map<string, Map<number, ZoneHour>>();

function zoneHour(hour: number, timeZone: string): ZoneHour {
  let hours = zoneHours.get(timeZone);
  if (!hours) {
    hours = new Map();
    zoneHours.set(timeZone, hours);
  }
  const known = hours.get(hour);
  if (known) return known;
  const first = offsetAt(hour * HOUR_MS, timeZone);
  let info: ZoneHour;
  if (first !== offsetAt(hour * HOUR_MS + HOUR_MS - 1000, timeZone)) info = { offsetMs: undefined };
  else if (first % HOUR_MS !== 0) info = { offsetMs: first };
  else {
    const w = new Date(hour * HOUR_MS + first);
    const prefix = `${pad(w.getUTCFullYear(), 4)}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}T${pad(w.getUTCHours())}:`;
    info = { offsetMs: first, text: { prefix, suffix: formatOffset(first / 60_000) } };
  }
  if (hours.size >= MAX_CACHED_HOURS) hours.clear();
  hours.set(hour, info);
  return info;
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');
/** '00' … '59'. */
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => pad(i));

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  return `${sign}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/** An instant as a W3C datetime in `timeZone` with its offset, to the second: 2026-11-28T21:04:05+01:00. */
export function formatW3cDateTime(instant: Date | string, timeZone: string = OPEN311_TIME_ZONE): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not a datetime: ${String(instant)}`);
  const second = Math.floor(ms / 1000) * 1000;
  const hour = Math.floor(second / HOUR_MS);
  const known = zoneHour(hour, timeZone);
  if (known.text) {
    const within = (second - hour * HOUR_MS) / 1000;
    return `${known.text.prefix}${TWO_DIGITS[Math.floor(within / 60)]}:${TWO_DIGITS[within % 60]}${known.text.suffix}`;
  }
  const offset = known.offsetMs ?? offsetAt(second, timeZone);
  // The wall-clock time is the instant moved by the offset, read in UTC.
  const w = new Date(second + offset);
  const time = `${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}:${pad(w.getUTCSeconds())}`;
  return `${pad(w.getUTCFullYear(), 4)}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}T${time}${formatOffset(Math.round(offset / 60_000))}`;
}

/** The instant a calendar day (YYYY-MM-DD) starts in `timeZone`. */
export function startOfCivilDay(date: string, timeZone: string = OPEN311_TIME_ZONE): Date {
  return zonedToInstant({ ...parseCivilDate(date), hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone);
}

/** A follow-up date (YYYY-MM-DD) as the W3C datetime of the start of that day in the city. */
export function civilDateToW3c(date: string, timeZone: string = OPEN311_TIME_ZONE): string {
  return formatW3cDateTime(startOfCivilDay(date, timeZone), timeZone);
}

const W3C_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const W3C_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export type ParsedW3c = { kind: 'instant'; at: Date } | { kind: 'date'; date: string };

/**
 * Parses a W3C datetime with a zone (`2010-01-01T00:00:00Z`, `…+01:00`, seconds and fractions optional)
 * or a complete date (`2010-01-01`). A time without a zone is ambiguous and refused (undefined).
 */
export function parseW3c(text: string): ParsedW3c | undefined {
  const value = text.trim();
  const date = W3C_DATE.exec(value);
  if (date) return validDate(Number(date[1]), Number(date[2]), Number(date[3])) ? { kind: 'date', date: value } : undefined;
  const m = W3C_DATETIME.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (!validDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  const zone = m[8] ?? 'Z';
  if (zone !== 'Z' && (Number(zone.slice(1, 3)) > 14 || Number(zone.slice(4, 6)) > 59)) return undefined;
  const at = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${pad(second)}${m[7] ?? ''}${zone}`);
  return Number.isNaN(at.getTime()) ? undefined : { kind: 'instant', at };
}

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

const LOCAL_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?$/;

/**
 * A wall-clock time without a zone (`2026-11-28T08:30`, what an HTML datetime-local field sends) read as local time in
 * `timeZone`. In the spring-forward gap the time moves forward by the gap (02:30 → 03:30); in the autumn overlap it is
 * the first occurrence (02:30 summer time). Undefined when it is not such a time.
 */
export function parseLocalDateTime(text: string, timeZone: string = OPEN311_TIME_ZONE): Date | undefined {
  const m = LOCAL_DATETIME.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (!validDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  const millisecond = m[7] ? Math.round(Number(m[7]) * 1000) : 0;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  // The offsets in force around this wall time (they differ only near a DST change).
  const before = offsetAt(wall - 3 * HOUR_MS, timeZone);
  const after = offsetAt(wall + 3 * HOUR_MS, timeZone);
  const matches = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((instant) => offsetAt(instant, timeZone) === wall - instant)
    .sort((a, b) => a - b);
  const first = matches[0];
  // No instant shows this wall time: it lies in the gap, so it moves forward by the gap (read with the offset before).
  return new Date(first ?? wall - before);
}

/** parseW3c, and a datetime without a zone as local time in the city (parseLocalDateTime). */
export function parseW3cLenient(text: string): ParsedW3c | undefined {
  const strict = parseW3c(text);
  if (strict) return strict;
  const local = parseLocalDateTime(text);
  return local ? { kind: 'instant', at: local } : undefined;
}
