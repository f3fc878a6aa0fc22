import type { MessageKey } from '../i18n/messages';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const MINUTE = 60_000;

/**
 * A duration in the shift lead's figures (overview and wallboard, KPIs, shift report), written alike everywhere:
 * "< 1 min" under a minute (a rounded "0 min" read as nothing), then whole minutes, "1 u 5 min", "2 d 3 u".
 */
export function formatFigureDuration(t: Translate, ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / MINUTE);
  if (minutes < 1) return t('kpi.underMinute');
  if (minutes < 60) return t('kpi.minutes', { n: minutes });
  if (minutes < 24 * 60) {
    const m = minutes % 60;
    return m > 0 ? t('kpi.hours', { h: Math.floor(minutes / 60), m }) : t('kpi.hoursOnly', { h: minutes / 60 });
  }
  return t('kpi.days', { d: Math.floor(minutes / 1440), h: Math.floor((minutes % 1440) / 60) });
}
