import type { KpiRow } from '../../../server/protocol/stats';
import type { MessageKey } from '../i18n/messages';
import { formatFigureDuration } from '../ui/figureDuration';

/**
 * The KPI screen's rows: which figure of a KpiRow each line shows, how it is written, and its target (a share
 * setting) if it has one. Pure; definitions in server/domain/kpi.ts.
 */
export type KpiFormat = 'count' | 'duration' | 'share';

export interface KpiLine {
  key: string;
  label: MessageKey;
  format: KpiFormat;
  value: (k: KpiRow) => number | null;
  /** The p90 of a duration. */
  p90?: (k: KpiRow) => number | null;
  /** How many the figure is taken over. */
  count: (k: KpiRow) => number;
  target?: 'withinTerm' | 'satisfied';
}

export const KPI_LINES: readonly KpiLine[] = [
  { key: 'received', label: 'kpi.received', format: 'count', value: (k) => k.received, count: (k) => k.received },
  { key: 'queue', label: 'kpi.queue', format: 'duration', value: (k) => k.queue.medianMs, p90: (k) => k.queue.p90Ms, count: (k) => k.queue.count },
  { key: 'dispatch', label: 'kpi.dispatch', format: 'duration', value: (k) => k.dispatch.medianMs, p90: (k) => k.dispatch.p90Ms, count: (k) => k.dispatch.count },
  { key: 'travel', label: 'kpi.travel', format: 'duration', value: (k) => k.travel.medianMs, p90: (k) => k.travel.p90Ms, count: (k) => k.travel.count },
  { key: 'onScene', label: 'kpi.onScene', format: 'duration', value: (k) => k.onScene.medianMs, p90: (k) => k.onScene.p90Ms, count: (k) => k.onScene.count },
  { key: 'close', label: 'kpi.close.time', format: 'duration', value: (k) => k.close.medianMs, p90: (k) => k.close.p90Ms, count: (k) => k.close.count },
  { key: 'withinTerm', label: 'kpi.withinTerm', format: 'share', value: (k) => k.withinTermShare, count: (k) => k.withTerm, target: 'withinTerm' },
  { key: 'followUps', label: 'kpi.followUps', format: 'share', value: (k) => k.followUpsDoneShare, count: (k) => k.followUpsDue },
  { key: 'satisfied', label: 'kpi.satisfied', format: 'share', value: (k) => k.satisfiedShare, count: (k) => k.answered, target: 'satisfied' },
  { key: 'responseRate', label: 'kpi.responseRate', format: 'share', value: (k) => k.responseRate, count: (k) => k.asked },
  { key: 'reopenRate', label: 'kpi.reopenRate', format: 'share', value: (k) => k.reopenRate, count: (k) => k.reopenRequests },
  { key: 'edited', label: 'kpi.edited', format: 'share', value: (k) => k.editedShare, count: (k) => k.closedWithMessage },
  { key: 'deliveriesFailed', label: 'kpi.deliveriesFailed', format: 'count', value: (k) => k.deliveriesFailed, count: (k) => k.deliveriesFailed },
];

/** The figures of the group table (a subset, to stay dense). */
export const GROUP_LINES = KPI_LINES.filter((l) => ['received', 'queue', 'travel', 'close', 'withinTerm', 'satisfied', 'reopenRate', 'deliveriesFailed'].includes(l.key));

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A figure as the screen writes it: "< 1 min", "12 min", "1 u 5 min", "91,5 %", "3"; a dash for none. */
export function formatKpi(t: Translate, locale: string, format: KpiFormat, value: number | null): string {
  if (value === null) return t('kpi.noFigure');
  if (format === 'count') return value.toLocaleString(locale);
  if (format === 'share') return `${(value * 100).toLocaleString(locale, { maximumFractionDigits: 1 })} %`;
  return formatFigureDuration(t, value);
}
