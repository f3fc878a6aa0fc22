import type { Report } from '../../../server/protocol/report';
import { formatDateTime, useI18n } from '../i18n';
import { reportSla } from './sla';

/** On time / at risk (from the hub's at-risk time) / overdue at `now` (ui/sla.ts); nothing when the clock has stopped. */
export function SlaBadge({
  report,
  now,
}: { report: Pick<Report, 'status' | 'slaDeadline' | 'slaAtRiskFrom'> & Partial<Pick<Report, 'awaitingReplySince'>>; now: number }) {
  const { t, locale } = useI18n();
  const state = reportSla(report, now);
  if (!state || !report.slaDeadline) return null;
  return (
    <span
      className={`sla-badge sla-${state}`}
      title={t('sla.title', { time: formatDateTime(report.slaDeadline, locale) })}
      data-testid="sla-badge"
      data-sla={state}
    >
      {t(`sla.${state}`)}
    </span>
  );
}
