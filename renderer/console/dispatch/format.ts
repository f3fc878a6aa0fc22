import type { Unit } from '../../../server/protocol/dispatch';
import type { Translate } from '../i18n';

/** "12 s", "5 min", "2 u 5 min", "3 d": a duration that ticks in seconds for the first minute. */
export function formatDuration(t: Translate, ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return t('age.seconds', { n: seconds });
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return t('age.minutes', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const m = minutes % 60;
    return m > 0 ? t('age.hoursMinutes', { h: hours, m }) : t('age.hours', { n: hours });
  }
  return t('age.days', { n: Math.floor(hours / 24) });
}

export function sinceMs(iso: string, now: number): number {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? 0 : Math.max(0, now - at);
}

export function formatCoord(value: number): string {
  return value.toFixed(5);
}

/** Callsigns in natural order ("HH-2" before "HH-11"). */
const collator = new Intl.Collator('nl', { numeric: true, sensitivity: 'base' });
export function byCallsign(a: Unit, b: Unit): number {
  return collator.compare(a.callsign, b.callsign) || a.id.localeCompare(b.id);
}
