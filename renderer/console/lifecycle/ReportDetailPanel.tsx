import { useCallback, useEffect, useRef, useState } from 'react';
import type { Role } from '../../../server/protocol/auth';
import type { ReportDetail } from '../../../server/protocol/detail';
import type { Category, Report, ReportStatus } from '../../../server/protocol/report';
import { ApiRequestError } from '../../shared/api/client';
import { useReportDetail } from '../api/queries';
import { Field } from '../ui/Field';
import { Loading } from '../ui/Loading';
import { categoryName } from '../queue/QueueList';
import { SlaBadge } from '../ui/SlaBadge';
import { DispatchSection } from '../dispatch/DispatchSection';
import { formatDateTime, formatLongDate, isMessageKey, type Translate, useI18n } from '../i18n';
import { canMerge, MergeSection } from '../intake/MergeSection';
import { draftFromResolution, initialDraft, type ResolutionDraftState, type ResolutionTarget } from '../../shared/resolution/draft';
import { MessageList } from './MessageList';
import { ResolutionForm } from './ResolutionForm';
import { localDate } from '../../shared/time/calendar';
import { followUpDue } from './rules';
import { Timeline } from './Timeline';
import { useTransitionRunner } from './useTransitionRunner';

/** Roles that see the reporter's contact details (the control room calls them back). */
const SEES_CONTACT: ReadonlySet<Role> = new Set(['dispatcher', 'shift_lead', 'admin']);
const CAN_RETRY: ReadonlySet<Role> = new Set(['shift_lead', 'admin']);

type Transition = ReportDetail['transitions'][number];

export function transitionLabel(t: Translate, from: ReportStatus, transition: Transition): string {
  const key = `action.${from}.${transition.to}`;
  return isMessageKey(key) ? t(key) : transition.label;
}

function isFormTransition(tr: Transition): tr is Transition & { to: ResolutionTarget } {
  return tr.requires === 'proposal' || tr.requires === 'closing' || tr.requires === 'schedule';
}

/** A field proposal waiting for review opens the matching form right away, pre-filled. */
function defaultTarget(detail: ReportDetail): ResolutionTarget | null {
  const proposal = detail.resolution;
  if (detail.report.status !== 'awaiting_review' || proposal?.state !== 'proposed') return null;
  const to: ResolutionTarget = proposal.body.kind === 'schedule' ? 'scheduled' : 'closed';
  return detail.transitions.some((tr) => tr.to === to && isFormTransition(tr)) ? to : null;
}

interface ReportDetailPanelProps {
  reportId: string;
  role: Role;
  categories: ReadonlyMap<string, Category>;
  /** The console's clock (SLA badge, "vervolg vandaag"). */
  now: number;
  onClose: () => void;
  /** Open another report (after a merge: the original). */
  onOpenReport?: (id: string) => void;
}

/** Everything about one report: facts, SLA, the allowed steps with their forms, timeline and messages. */
export function ReportDetailPanel({ reportId, role, categories, now, onClose, onOpenReport }: ReportDetailPanelProps) {
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
        <h2 data-testid="detail-number">
          {detail ? t('detail.title', { number: detail.report.number }) : t('detail.loading')}
        </h2>
        <button
          type="button"
          className="btn btn-ghost btn-small"
          onClick={onClose}
          title={t('detail.closeHint')}
          data-testid="detail-close"
        >
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
          role={role}
          now={now}
          categoryLabel={categoryName(categories, detail.report.category, locale)}
          onOpenReport={onOpenReport}
        />
      ) : null}
    </aside>
  );
}

interface DetailBodyProps {
  detail: ReportDetail;
  role: Role;
  now: number;
  categoryLabel: string;
  onOpenReport?: (id: string) => void;
}

function DetailBody({ detail, role, now, categoryLabel, onOpenReport }: DetailBodyProps) {
  const { t, locale } = useI18n();
  const { report } = detail;
  const { run, pending, pendingTo } = useTransitionRunner(detail);

  // ---- the open form (resolution) and its draft, reset when the status changes ----
  const [formTarget, setFormTarget] = useState<ResolutionTarget | null>(() => defaultTarget(detail));
  const [draft, setDraft] = useState<ResolutionDraftState>(() => initialDraft(detail));
  const detailRef = useRef(detail);
  detailRef.current = detail;
  const statusSeen = useRef(report.status);
  useEffect(() => {
    if (statusSeen.current === report.status) return;
    statusSeen.current = report.status;
    setFormTarget(defaultTarget(detailRef.current));
    setDraft(initialDraft(detailRef.current));
  }, [report.status]);

  /** "Melding …: ingepland." after the user's own step; only while the report still has that status. */
  const [notice, setNotice] = useState<{ text: string; status: ReportStatus } | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 6000);
    return () => clearTimeout(timer);
  }, [notice]);

  const bodyRef = useRef<HTMLDivElement>(null);
  const onDone = useCallback(
    (updated: Report) => {
      setFormTarget(null);
      setActionError(null);
      setNotice({
        text: t('detail.done', { number: updated.number, status: t(`status.${updated.status}`) }),
        status: updated.status,
      });
      // Back to the top: the new status, badges and what can be done next.
      bodyRef.current?.scrollTo({ top: 0 });
    },
    [t],
  );

  const startTransition = async (tr: Transition) => {
    setActionError(null);
    if (isFormTransition(tr)) {
      if (formTarget === tr.to) return;
      setFormTarget(tr.to);
      const confirmed = detail.resolution?.state === 'confirmed' ? detail.resolution.body : null;
      if (tr.to === 'scheduled' && report.status === 'scheduled' && confirmed?.kind === 'schedule') {
        // Moving the follow-up date: start from the plan as it stands.
        setDraft(draftFromResolution(confirmed));
      } else if (tr.to === 'scheduled') {
        setDraft((d) => ({ ...d, kind: 'schedule' }));
      } else if (tr.to === 'closed') {
        setDraft((d) => ({ ...d, kind: 'close' }));
      }
      return;
    }
    try {
      onDone(await run({ to: tr.to }));
    } catch (e) {
      setActionError(
        e instanceof ApiRequestError && e.status === 409
          ? t('detail.conflict')
          : t('detail.stepFailed', { message: (e as Error).message }),
      );
    }
  };

  const buttons = detail.transitions.filter((tr) => tr.requires !== 'reply');
  const replyTransitions = detail.transitions.filter((tr) => tr.requires === 'reply');
  const today = localDate(now);
  const due = followUpDue(report, today);

  return (
    <div className="detail-body" ref={bodyRef}>
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
        <dd data-testid="detail-address">{report.address ?? `${report.lat.toFixed(5)}, ${report.lng.toFixed(5)}`}</dd>
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
          {SEES_CONTACT.has(role) ? (
            detail.reporters.length > 0 && (
              <ul className="contacts">
                {detail.reporters.map((r, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: reporters have no id in the view; order is stable
                  <li key={i} data-testid="detail-reporter">
                    {[r.name, r.email, r.phone].filter(Boolean).join(' · ') || t('detail.noContact')}
                  </li>
                ))}
              </ul>
            )
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

      <section className="detail-section" aria-label={t('detail.actions')}>
        <h3>{t('detail.actions')}</h3>
        {buttons.length === 0 && replyTransitions.length === 0 && !canMerge(detail, role) ? (
          <p className="muted small">{t('detail.noActions')}</p>
        ) : (
          <div className="transition-buttons">
            {buttons.map((tr) => (
              <button
                key={tr.to}
                type="button"
                className={`btn${formTarget === tr.to ? ' active' : ''}${tr.requires ? ' btn-form' : ''}`}
                onClick={() => void startTransition(tr)}
                disabled={pending}
                aria-pressed={isFormTransition(tr) ? formTarget === tr.to : undefined}
                data-testid={`transition-${tr.to}`}
              >
                {pending && pendingTo === tr.to && !isFormTransition(tr) && <span className="spinner" aria-hidden="true" />}
                {transitionLabel(t, report.status, tr)}
              </button>
            ))}
          </div>
        )}
        {notice && notice.status === report.status && (
          <p className="notice detail-notice" role="status" data-testid="detail-notice">
            {notice.text}
          </p>
        )}
        {actionError && (
          <p className="form-error" role="alert" data-testid="detail-error">
            {actionError}
          </p>
        )}
        {formTarget && (
          <ResolutionForm
            key={report.id}
            detail={detail}
            target={formTarget}
            onTargetChange={setFormTarget}
            draft={draft}
            onDraftChange={setDraft}
            run={run}
            onDone={onDone}
            onCancel={() => setFormTarget(null)}
          />
        )}
        {replyTransitions.length > 0 && (
          <ReopenDecision detail={detail} transitions={replyTransitions} run={run} onDone={onDone} />
        )}
        <MergeSection detail={detail} role={role} onOpenReport={onOpenReport} />
      </section>

      <DispatchSection report={report} />

      <section className="detail-section" aria-label={t('detail.timeline')}>
        <h3>{t('detail.timeline')}</h3>
        <Timeline detail={detail} />
      </section>

      <section className="detail-section" aria-label={t('detail.messages')}>
        <h3>{t('detail.messages')}</h3>
        <MessageList messages={detail.messages} canRetry={CAN_RETRY.has(role)} />
      </section>
    </div>
  );
}

interface ReopenDecisionProps {
  detail: ReportDetail;
  transitions: Transition[];
  run: ReturnType<typeof useTransitionRunner>['run'];
  onDone: (report: Report) => void;
}

/** The shift lead reopens or confirms the closure; either way the reporter gets the reply. */
function ReopenDecision({ detail, transitions, run, onDone }: ReopenDecisionProps) {
  const { t } = useI18n();
  const [reply, setReply] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [sending, setSending] = useState<ReportStatus | null>(null);
  const request = [...detail.timeline].reverse().find((e) => e.to === 'reopen_requested');

  const decide = async (to: ReportStatus) => {
    if (sending) return;
    setSending(to);
    setFormError(null);
    try {
      onDone(await run({ to, reply }));
    } catch (e) {
      if (e instanceof ApiRequestError && e.fields && Object.keys(e.fields).length > 0) {
        setErrors(e.fields);
        setFormError(e.message);
      } else {
        setFormError(
          e instanceof ApiRequestError && e.status === 409
            ? t('detail.conflict')
            : t('detail.stepFailed', { message: (e as Error).message }),
        );
      }
    } finally {
      setSending(null);
    }
  };

  return (
    <div className="reopen-decision" data-testid="reopen-decision">
      <h4>{t('reply.title')}</h4>
      <p className="small">
        {t('reply.citizen')}
        {request?.note ? `: “${request.note}”` : '.'}
      </p>
      <Field label={t('reply.label')} error={errors.reply} name="reply">
        {(id) => (
          <textarea
            id={id}
            rows={3}
            value={reply}
            onChange={(e) => {
              setReply(e.target.value);
              if (errors.reply) setErrors(({ reply: _r, ...rest }) => rest);
            }}
            aria-invalid={!!errors.reply}
            data-testid="reopen-reply"
          />
        )}
      </Field>
      {formError && (
        <p className="form-error" role="alert" data-testid="reopen-error">
          {formError}
        </p>
      )}
      <div className="form-actions">
        {transitions.map((tr) => (
          <button
            key={tr.to}
            type="button"
            className={`btn${tr.to === 'triaged' ? ' btn-primary' : ''}`}
            disabled={sending !== null}
            onClick={() => void decide(tr.to)}
            data-testid={`transition-${tr.to}`}
          >
            {sending === tr.to && <span className="spinner" aria-hidden="true" />}
            {transitionLabel(t, detail.report.status, tr)}
          </button>
        ))}
      </div>
    </div>
  );
}
