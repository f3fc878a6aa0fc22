import type { ReportDetail } from '../../../server/protocol/detail';
import { useCan } from '../../shared/auth/useCan';
import { localDate } from '../../shared/time/calendar';
import { formatDateTime, formatLongDate, useI18n } from '../i18n';
import { followUpDue } from '../ui/followUp';
import { locationText } from '../ui/locationText';
import { SlaBadge } from '../ui/SlaBadge';
import { type ContactsReveal, ReporterContacts } from './ReporterContacts';

/** A report's badges and facts: priority, status, SLA, where, what, when, who reported it, delivery. */
export function ReportFacts({ detail, categoryLabel, now, contacts }: { detail: ReportDetail; categoryLabel: string; now: number; contacts: ContactsReveal }) {
  const { t, locale } = useI18n();
  const seesContacts = useCan('contacts.read');
  const { report } = detail;
  const due = followUpDue(report, localDate(now));
  return (
    <>
      <div className="detail-badges">
        <span className={`prio-badge prio-${report.priority}`}>{t(`priority.${report.priority}`)}</span>
        <span className={`status-pill status-${report.status}`} data-testid="detail-status">
          {t(`status.${report.status}`)}
        </span>
        {report.outcome && (
          <span className="outcome-pill" data-testid="detail-outcome">
            {t(`outcome.${report.outcome}`)}
          </span>
        )}
        <SlaBadge report={report} now={now} />
        {due && (
          <span className="follow-up-due" data-testid="detail-follow-up-due">
            {t('queue.followUpDue')}
          </span>
        )}
      </div>

      <dl className="facts">
        <dt>{t('detail.category')}</dt>
        <dd data-testid="detail-category">{categoryLabel}</dd>
        <dt>{t('detail.address')}</dt>
        <dd data-testid="detail-address">{locationText(report)}</dd>
        <dt>{t('detail.description')}</dt>
        <dd className="facts-description" data-testid="detail-description">
          {report.description}
        </dd>
        <dt>{t('detail.reportedAt')}</dt>
        <dd>
          {formatDateTime(report.createdAt, locale)} · {t(`source.${report.source}`)}
        </dd>
        <dt>{t('detail.sla')}</dt>
        <dd data-testid="detail-sla">
          {report.slaDeadline ? t('detail.slaUntil', { time: formatDateTime(report.slaDeadline, locale) }) : '—'}
        </dd>
        {report.followUpDate && (
          <>
            <dt>{t('detail.followUp')}</dt>
            <dd data-testid="detail-follow-up">{formatLongDate(report.followUpDate, locale)}</dd>
          </>
        )}
        <dt>{t('detail.reporters')}</dt>
        <dd data-testid="detail-reporters" data-count={report.reporterCount}>
          {report.reporterCount > 0 ? t('detail.reporterCount', { n: report.reporterCount }) : t('detail.noContact')}
          {seesContacts ? (
            <ReporterContacts detail={detail} contacts={contacts} />
          ) : (
            <span className="muted small"> ({t('detail.contactHidden')})</span>
          )}
        </dd>
        {detail.citizenCode && (
          <>
            <dt>{t('detail.citizenCode')}</dt>
            <dd className="mono" data-testid="detail-citizen-code">
              {detail.citizenCode}
            </dd>
          </>
        )}
        <dt>{t('detail.delivery')}</dt>
        <dd>
          <span className={`delivery-pill delivery-${report.delivery}`} data-testid="detail-delivery" data-delivery={report.delivery}>
            {t(`delivery.${report.delivery}`)}
          </span>
        </dd>
      </dl>
    </>
  );
}
