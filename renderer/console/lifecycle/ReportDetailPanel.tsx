import { type ReactNode, useCallback, useRef } from 'react';
import type { ReportDetail } from '../../../server/protocol/detail';
import type { Category, Report } from '../../../server/protocol/report';
import { useCan } from '../../shared/auth/useCan';
import { useReportDetail } from '../api/queries';
import { useI18n } from '../i18n';
import { categoryName } from '../ui/categoryName';
import { Loading } from '../ui/Loading';
import { MessageList } from './MessageList';
import { PhotoList } from './PhotoList';
import { ExternalReferralPanel } from './ExternalReferralPanel';
import { type ExtraAction, ReportActions } from './ReportActions';
import { ReportFacts } from './ReportFacts';
import { Timeline } from './Timeline';
import { useContactsReveal } from './useContactsReveal';
import { ContextPanel } from './ContextPanel';
import { SubReportsPanel } from './SubReportsPanel';
import { ReporterQuestionPanel } from './ReporterQuestionPanel';

interface ReportDetailPanelProps {
  reportId: string;
  categories: ReadonlyMap<string, Category>;
  /** The console's clock (SLA badge, "vervolg vandaag"). */
  now: number;
  onClose: () => void;
  /** A step from another feature under the lifecycle's own (the shell wires merging as a duplicate). */
  extraAction?: ExtraAction;
  /** A section between the steps and the timeline (the shell wires dispatch). */
  extraSection?: (report: Report) => ReactNode;
  /** Opens another report (a nearby one in the context panel). */
  onOpenReport?: (id: string) => void;
}

/** Everything about one report: facts, SLA, the allowed steps with their forms, timeline and messages. */
export function ReportDetailPanel({ reportId, categories, now, onClose, extraAction, extraSection, onOpenReport }: ReportDetailPanelProps) {
  const { t, locale } = useI18n();
  const query = useReportDetail(reportId);
  const detail = query.data;

  return (
    <aside
      className="detail-panel"
      aria-label={detail ? t('detail.title', { number: detail.report.number }) : t('detail.loading')}
      data-testid="report-detail"
      data-report-id={reportId}
      data-status={detail?.report.status ?? ''}
    >
      <div className="detail-head">
        <h2 data-testid="detail-number">{detail ? t('detail.title', { number: detail.report.number }) : t('detail.loading')}</h2>
        <button type="button" className="btn btn-ghost btn-small" onClick={onClose} title={t('detail.closeHint')} data-testid="detail-close">
          {t('detail.close')} <kbd>Esc</kbd>
        </button>
      </div>
      {query.isPending ? (
        <div className="detail-body">
          <Loading label={t('detail.loading')} />
        </div>
      ) : query.isError && !detail ? (
        <div className="detail-body" role="alert">
          <p className="form-error">{t('detail.error', { message: query.error.message })}</p>
          <button type="button" className="btn" onClick={() => void query.refetch()}>
            {t('app.retry')}
          </button>
        </div>
      ) : detail ? (
        <DetailBody
          detail={detail}
          now={now}
          categoryLabel={categoryName(categories, detail.report.category, locale)}
          extraAction={extraAction}
          extraSection={extraSection}
          context={<><ContextPanel report={detail.report} categories={categories} onOpenReport={onOpenReport} /><SubReportsPanel report={detail.report} categories={categories} onOpenReport={onOpenReport} /></>}
        />
      ) : null}
    </aside>
  );
}

interface DetailBodyProps {
  detail: ReportDetail;
  now: number;
  categoryLabel: string;
  extraAction?: ExtraAction;
  extraSection?: (report: Report) => ReactNode;
  context?: ReactNode;
}

function DetailBody({ detail, now, categoryLabel, extraAction, extraSection, context }: DetailBodyProps) {
  const { t } = useI18n();
  const canRetry = useCan('outbox.retry');
  // Contact details are masked until asked for; the click is logged by the hub.
  const contacts = useContactsReveal(detail.report.id);
  const bodyRef = useRef<HTMLDivElement>(null);
  // Back to the top after a step: the new status, badges and what can be done next.
  const scrollToTop = useCallback(() => bodyRef.current?.scrollTo({ top: 0 }), []);

  return (
    <div className="detail-body" ref={bodyRef}>
      <ReportFacts detail={detail} categoryLabel={categoryLabel} now={now} contacts={contacts} />
      <ReportActions detail={detail} extraAction={extraAction} onStepDone={scrollToTop} />
      {extraSection?.(detail.report)}
      {context}
      <ReporterQuestionPanel report={detail.report} />
      <PhotoList reportId={detail.report.id} />
      <ExternalReferralPanel report={detail.report} />

      <section className="detail-section" aria-label={t('detail.timeline')}>
        <h3>{t('detail.timeline')}</h3>
        <Timeline detail={detail} />
      </section>

      <section className="detail-section" aria-label={t('detail.messages')}>
        <h3>{t('detail.messages')}</h3>
        <MessageList messages={detail.messages} canRetry={canRetry} recipients={contacts.recipients} />
      </section>
    </div>
  );
}
