/**
 * Wall-clock time in an IANA time zone, from Intl alone (pure, no I/O): the one place that converts
 * between instants and the city's local dates and times (SLA deadlines, "today", Open311 offsets).
 */

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export function formatCivilDate({ year, month, day }: CivilDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function parseCivilDate(value: string): CivilDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${value}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

export interface LocalDateTime extends CivilDate {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const HOUR_MS = 3_600_000;
/** The fast path covers 1970 to 2100 (years of four digits, no era to read). */
const CACHED_UNTIL = Date.UTC(2100, 0, 1);
const MAX_CACHED_HOURS = 20_000;
/** Per time zone: UTC hour (ms since epoch / 1 h) → the zone's offset throughout that hour, in ms. */
const hourOffsets = new Map<string, Map<number, number>>();

/**
 * The local date and time as `Intl` formats it. Each call costs several microseconds (formatToParts), and one SLA
 * deadline takes dozens of them (domain/sla.ts walks day by day), about a tenth of a report's creation in CPU
 * (docs/BENCHMARKS.md): `localDateTime` reads the offset once per zone and UTC hour instead and adds it.
 */
export function localDateTime(instant: Date, timeZone: string): LocalDateTime {
  const t = instant.getTime();
  const offset = t >= 0 && t < CACHED_UNTIL ? hourOffset(Math.floor(t / HOUR_MS), timeZone) : undefined;
  if (offset === undefined) return formattedDateTime(instant, timeZone);
  const local = new Date(t + offset);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    millisecond: local.getUTCMilliseconds(),
  };
}

/**
 * The zone's offset during a whole UTC hour, or undefined when it changes within that hour (a DST switch: read
 * each instant itself) or is no whole number of seconds (then adding it is not what Intl shows). Equal offsets at
 * the hour's first and last millisecond mean none changed between: no zone switches twice within an hour.
 */
function hourOffset(hour: number, timeZone: string): number | undefined {
  let zone = hourOffsets.get(timeZone);
  if (!zone) {
    zone = new Map();
    hourOffsets.set(timeZone, zone);
  }
  const cached = zone.get(hour);
  if (cached !== undefined) return cached;
  const start = hour * HOUR_MS;
  const end = start + HOUR_MS - 1;
  const first = asUtc(formattedDateTime(new Date(start), timeZone)) - start;
  const last = asUtc(formattedDateTime(new Date(end), timeZone)) - end;
  if (first !== last || first % 1000 !== 0) return undefined;
  if (zone.size >= MAX_CACHED_HOURS) zone.clear();
  zone.set(hour, first);
  return first;
}

function formattedDateTime(instant: Date, timeZone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
    millisecond: instant.getUTCMilliseconds(),
  };
}

/** Offset of `timeZone` from UTC at `instant` (ms since epoch), in ms (east positive). */
export function offsetAt(instant: number, timeZone: string): number {
  const local = localDateTime(new Date(instant), timeZone);
  return asUtc(local) - instant;
}

export function asUtc(t: LocalDateTime): number {
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second, t.millisecond);
}

/** Local wall-clock time in `timeZone` -> instant. In a DST gap the time moves forward by the gap. */
export function zonedToInstant(local: LocalDateTime, timeZone: string): Date {
  const wall = asUtc(local);
  const firstGuess = wall - offsetAt(wall, timeZone);
  const offset = offsetAt(firstGuess, timeZone);
  return new Date(wall - offset);
}
