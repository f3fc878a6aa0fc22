import { figureDuration } from '../../../server/domain/figure-duration';
import type { MessageKey } from '../i18n/messages';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * A duration in the shift lead's figures (overview and wallboard, KPIs, shift report), written alike everywhere:
 * "< 1 min" under a minute (a rounded "0 min" read as nothing), then whole minutes, "1 u 5 min", "2 d 3 u"
 * (server/domain/figure-duration.ts, which the PDF uses too).
 */
export function formatFigureDuration(t: Translate, ms: number): string {
  const { unit, ...params } = figureDuration(ms);
  return t(`kpi.${unit}`, params);
}
