import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import type { ReportDetail } from '../../../server/protocol/detail';
import type { Report, ReportStatus } from '../../../server/protocol/report';
import { ApiRequestError } from '../../shared/api/client';
import { draftFromResolution, type ResolutionDraft } from '../../shared/resolution/draft';
import { useI18n } from '../i18n';
import { ReopenDecision } from './ReopenDecision';
import { ResolutionForm } from './ResolutionForm';
import { useExternalAnswerDraft } from './externalAnswerDraft';
import { initialDraft, type ResolutionTarget } from './resolutionTarget';
import { defaultTarget, isFormTransition, type Transition, transitionLabel } from './transitions';
import { useTransitionRunner } from './useTransitionRunner';

/** A step another feature adds under the lifecycle's own (e.g. "markeer als dubbel"), wired by the shell. */
export interface ExtraAction {
  /** Whether it is available for this report now. */
  offered: (detail: ReportDetail) => boolean;
  render: (detail: ReportDetail) => ReactNode;
}

interface ReportActionsProps {
  detail: ReportDetail;
  extraAction?: ExtraAction;
  /** A step went through (the panel scrolls back to the new status). */
  onStepDone: () => void;
}

/** The steps the user may take now: plain ones run at once, the others open the resolution form or the reply. */
export function ReportActions({ detail, extraAction, onStepDone }: ReportActionsProps) {
  const { t } = useI18n();
  const { report } = detail;
  const { run, pending, pendingTo } = useTransitionRunner(detail);

  // ---- the open form (resolution) and its draft, reset when the status changes ----
  const [formTarget, setFormTarget] = useState<ResolutionTarget | null>(() => defaultTarget(detail));
  const [draft, setDraft] = useState<ResolutionDraft>(() => initialDraft(detail));
  // "Gebruiken in bericht" on an external party's answer (ExternalReferralPanel) fills the action text.
  useExternalAnswerDraft(report.id, setDraft);
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

  const onDone = useCallback(
    (updated: Report) => {
      setFormTarget(null);
      setActionError(null);
      setNotice({
        text: t('detail.done', { number: updated.number, status: t(`status.${updated.status}`) }),
        status: updated.status,
      });
      onStepDone();
    },
    [t, onStepDone],
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
        e instanceof ApiRequestError && e.status === 409 ? t('detail.conflict') : t('detail.stepFailed', { message: (e as Error).message }),
      );
    }
  };

  const buttons = detail.transitions.filter((tr) => tr.requires !== 'reply');
  const replyTransitions = detail.transitions.filter((tr) => tr.requires === 'reply');
  const nothingToDo = buttons.length === 0 && replyTransitions.length === 0 && !extraAction?.offered(detail);

  return (
    <section className="detail-section" aria-label={t('detail.actions')}>
      <h3>{t('detail.actions')}</h3>
      {nothingToDo ? (
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
      {replyTransitions.length > 0 && <ReopenDecision detail={detail} transitions={replyTransitions} run={run} onDone={onDone} />}
      {extraAction?.render(detail)}
    </section>
  );
}
