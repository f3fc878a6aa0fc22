import { type FormEvent, type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { isTidy, tidyText } from '../../../server/domain/resolution-frames';
import type { ReportDetail } from '../../../server/protocol/detail';
import type { TransitionRequestBody } from '../../../server/protocol/lifecycle-api';
import { Outcome, type Report } from '../../../server/protocol/report';
import type { ResolutionKind } from '../../../server/protocol/resolution';
import { ApiRequestError } from '../../shared/api/client';
import { errorFields, errorMessage } from '../../shared/api/refusal';
import {
  DRAFT_ERROR_FIELDS,
  DRAFT_ERROR_KEYS,
  type DraftField,
  draftLooksComplete,
  type ResolutionDraft,
  resolutionBody,
} from '../../shared/resolution/draft';
import { formatDateTime, useI18n } from '../i18n';
import { MessagePreview } from './MessagePreview';
import { ResolutionFields } from './ResolutionFields';
import { kindForTarget, type ResolutionTarget } from './resolutionTarget';
import { useMessagePreview } from './useMessagePreview';

const MESSAGE_ERRORS = ['message', 'message.text', 'message.subject'];

interface ResolutionFormProps {
  detail: ReportDetail;
  target: ResolutionTarget;
  onTargetChange: (target: ResolutionTarget) => void;
  draft: ResolutionDraft;
  onDraftChange: (update: (draft: ResolutionDraft) => ResolutionDraft) => void;
  run: (body: Omit<TransitionRequestBody, 'expectedVersion'>) => Promise<Report>;
  onDone: (report: Report) => void;
  onCancel: () => void;
}

function withoutKeys(errors: Record<string, string>, keys: readonly string[]): Record<string, string> {
  if (!keys.some((k) => k in errors)) return errors;
  const next = { ...errors };
  for (const k of keys) delete next[k];
  return next;
}

/** The form's own transitions per kind (a review may go either way; a follow-up may switch). */
function useKindTargets(detail: ReportDetail, target: ResolutionTarget): ReadonlyMap<ResolutionKind, ResolutionTarget> {
  const { transitions } = detail;
  return useMemo(() => {
    const map = new Map<ResolutionKind, ResolutionTarget>();
    if (target === 'awaiting_review') {
      map.set('close', 'awaiting_review');
      map.set('schedule', 'awaiting_review');
      return map;
    }
    if (transitions.some((tr) => tr.to === 'scheduled' && tr.requires === 'schedule')) map.set('schedule', 'scheduled');
    if (transitions.some((tr) => tr.to === 'closed' && tr.requires === 'closing')) map.set('close', 'closed');
    return map;
  }, [target, transitions]);
}

/**
 * Structured resolution (bevinding / actie / vervolg) for review, scheduling and closing, with the composed
 * citizen message previewed by the hub; the (edited) message goes out with the transition in one request.
 */
export function ResolutionForm({ detail, target, onTargetChange, draft, onDraftChange, run, onDone, onCancel }: ResolutionFormProps) {
  const { t, text, locale } = useI18n();
  const { report, transitions } = detail;
  const kind = kindForTarget(target, draft.kind);
  const [errors, setErrors] = useState<Record<string, string>>({});
  /** A failure without field errors (conflict, network). */
  const [formError, setFormError] = useState<string | null>(null);
  /** The hub's summary of its field errors; shown only while some of them remain. */
  const [invalidMessage, setInvalidMessage] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  /** A message below the readability floor waits for the dispatcher's "Toch versturen". */
  const [confirmLow, setConfirmLow] = useState<{ score: number | null; floor: number } | null>(null);

  const kindTargets = useKindTargets(detail, target);
  const outcomes = useMemo(() => {
    if (target !== 'closed') return Outcome.options;
    return transitions.find((tr) => tr.to === 'closed' && tr.requires === 'closing')?.outcomes ?? [];
  }, [target, transitions]);

  /** The hub refused: field errors go next to the fields; anything else above the buttons. */
  const showRefusal = (e: unknown, conflictText: boolean) => {
    const below = e instanceof ApiRequestError ? e.fieldTexts?.['message.text'] : undefined;
    if (below?.code === 'readability.below_floor') {
      const { score, floor } = below.params;
      setConfirmLow({ score: typeof score === 'number' ? score : null, floor: typeof floor === 'number' ? floor : 0 });
      return;
    }
    const fields = errorFields(e, text);
    if (fields) {
      setErrors(fields);
      setInvalidMessage(errorMessage(e, text) || t('res.invalid'));
    } else if (conflictText && e instanceof ApiRequestError && e.status === 409) {
      setFormError(t('detail.conflict'));
    } else {
      setFormError(t('detail.stepFailed', { message: errorMessage(e, text) }));
    }
  };

  const resolution = useMemo(() => resolutionBody(draft, kind), [draft, kind]);
  // A part (deelmelding) has no reporter: no message, no preview, no tidy-up for one (commands/sub-reports.ts).
  const partOf = report.parentNumber ?? null;
  const hasMessage = target !== 'awaiting_review' && !partOf;
  const message = useMessagePreview({
    reportId: report.id,
    target,
    resolution,
    auto: hasMessage && draftLooksComplete(draft, kind),
    onRefused: (e) => showRefusal(e, false),
    onAnswered: () => setFormError(null),
  });

  // The field's words as the citizen will read them: one click frames them per code (domain/resolution-frames.ts).
  const frameLocale = message.readability?.locale ?? message.preview?.preview?.readability?.locale ?? 'nl';
  // Each text the citizen reads: found and action with their code's frame, the follow-up's "wat" and "wie".
  const tidyParts = [
    ['foundText', 'found', draft.foundCode],
    ['actionText', 'action', draft.actionCode],
    ['followUpWhat', 'what', ''],
    ['followUpWho', 'who', ''],
  ] as const;
  const tidyNeeded = tidyParts.some(([field, part, code]) => draft[field].trim() !== '' && !isTidy(part, code, draft[field], frameLocale));
  const tidyUp = () => {
    onDraftChange((d) => {
      const codes = { found: d.foundCode, action: d.actionCode, what: '', who: '' };
      const next = { ...d };
      for (const [field, part] of tidyParts) if (d[field].trim()) next[field] = tidyText(part, codes[part], d[field], frameLocale);
      return next;
    });
    setErrors((current) =>
      withoutKeys(current, [
        ...DRAFT_ERROR_KEYS.foundText,
        ...DRAFT_ERROR_KEYS.actionText,
        ...DRAFT_ERROR_KEYS.followUpWhat,
        ...DRAFT_ERROR_KEYS.followUpWho,
      ]),
    );
  };

  const change = (field: DraftField, value: string) => {
    onDraftChange((d) => ({ ...d, [field]: value }));
    setErrors((current) => withoutKeys(current, DRAFT_ERROR_KEYS[field]));
    setConfirmLow(null);
  };
  const changeKind = (next: ResolutionKind) => {
    onDraftChange((d) => ({ ...d, kind: next }));
    const nextTarget = kindTargets.get(next);
    if (nextTarget && nextTarget !== target) onTargetChange(nextTarget);
  };

  // ---- submit: one request carries the transition, the resolution and the (edited) message ----
  async function submit(event?: FormEvent, confirmed = false) {
    event?.preventDefault();
    if (sending) return;
    // Below the floor: the dispatcher confirms first (the hub refuses it unconfirmed as well).
    const check = message.readability;
    if (!confirmed && hasMessage && willSend && check?.belowFloor) {
      setConfirmLow({ score: check.score, floor: check.floor });
      return;
    }
    setSending(true);
    setFormError(null);
    setConfirmLow(null);
    const edited = message.edited && message.text.trim() ? { text: message.text } : undefined;
    try {
      const updated = await run({
        to: target,
        resolution,
        ...(edited ? { message: edited } : {}),
        ...(confirmed ? { confirmLowReadability: true } : {}),
      });
      setErrors({});
      onDone(updated);
    } catch (e) {
      // Keep everything that was typed.
      showRefusal(e, true);
    } finally {
      setSending(false);
    }
  }

  // Ctrl+Enter sends; a plain Enter in a one-line field must not send a message to a citizen by accident.
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== 'Enter') return;
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      void submit();
    } else if (event.target instanceof HTMLInputElement) {
      event.preventDefault();
    }
  };

  const proposal = detail.resolution?.state === 'proposed' && report.status === 'awaiting_review' ? detail.resolution : null;
  // The field unit's words the desk has not touched (a proposal under review).
  const uneditedFound = !!proposal && proposal.body.found.text.trim() !== '' && draft.foundText.trim() === proposal.body.found.text.trim();
  const uneditedAction = !!proposal && proposal.body.action.text.trim() !== '' && draft.actionText.trim() === proposal.body.action.text.trim();
  const uneditedTexts = [uneditedFound ? draft.foundText : '', uneditedAction ? draft.actionText : ''].filter(Boolean);
  const proposer = proposal
    ? ([...detail.timeline].reverse().find((e) => e.resolutionState === 'proposed')?.actor ?? t('detail.someone'))
    : null;
  const unplaced = Object.entries(errors).filter(([key]) => !DRAFT_ERROR_FIELDS.has(key) && !MESSAGE_ERRORS.includes(key));
  const summary = Object.keys(errors).length > 0 ? (invalidMessage ?? t('res.invalid')) : null;
  const willSend = message.current && message.preview?.preview != null && message.preview.preview.recipients > 0;
  const submitLabel =
    target === 'awaiting_review'
      ? t('res.submit.awaiting_review')
      : partOf || (message.current && !willSend)
        ? t(`res.submitNoMessage.${target}`)
        : t(`res.submit.${target}`);
  const titleKey = target === 'awaiting_review' ? 'res.title.proposal' : kind === 'schedule' ? 'res.title.schedule' : 'res.title.close';
  // The form opened on request: the keyboard goes on in its first field.
  const formRef = useRef<HTMLFormElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the effect runs when the form opens on another target, on purpose
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('select:not([disabled]), input:not([disabled]), textarea:not([disabled])')?.focus();
  }, [target]);

  return (
    <form
      ref={formRef}
      className="resolution-form"
      onSubmit={submit}
      onKeyDown={onKeyDown}
      noValidate
      aria-busy={sending}
      aria-label={t(titleKey)}
      data-testid="resolution-form"
      data-target={target}
      data-kind={kind}
    >
      <h3>{t(titleKey)}</h3>
      {proposal && (
        <p className="proposal-note" data-testid="proposal-note">
          {t('res.fromProposal', { actor: proposer ?? '' })} <span className="muted">({formatDateTime(proposal.at, locale)})</span>
        </p>
      )}

      <ResolutionFields
        draft={draft}
        kind={kind}
        kinds={new Set(kindTargets.keys())}
        outcomes={outcomes}
        codes={detail.codes}
        errors={errors}
        onChange={change}
        onKindChange={changeKind}
        uneditedFromField={{ found: uneditedFound, action: uneditedAction }}
        partOf={partOf}
      />

      {hasMessage && (draft.foundText.trim() !== '' || draft.actionText.trim() !== '') && (
        <div className="tidy-row">
          <button
            type="button"
            className="btn btn-small"
            onClick={tidyUp}
            disabled={!tidyNeeded}
            title={t('tidy.hint')}
            data-testid="tidy-up"
          >
            {t('tidy.button')}
          </button>
          <span className="muted small">{t('tidy.hint')}</span>
        </div>
      )}

      {hasMessage && (
        <MessagePreview
          state={message}
          errors={errors}
          onEdit={() => {
            setErrors((current) => withoutKeys(current, ['message.text', 'message']));
            setConfirmLow(null);
          }}
          fieldTexts={uneditedTexts}
          confirmLow={confirmLow}
          onConfirmLow={() => void submit(undefined, true)}
        />
      )}

      {(formError || summary) && (
        <div className="form-error" role="alert" data-testid="resolution-form-error">
          {formError && <p>{formError}</p>}
          {summary && <p>{summary}</p>}
          {unplaced.map(([key, text]) => (
            <p key={key} data-testid={`field-error-${key}`}>
              {text}
            </p>
          ))}
        </div>
      )}

      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={sending} title={t('res.submitHint')} data-testid="resolution-submit">
          {sending ? (
            <>
              <span className="spinner" aria-hidden="true" /> {t('res.sending')}
            </>
          ) : (
            submitLabel
          )}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel} data-testid="resolution-cancel">
          {t('res.cancel')}
        </button>
      </div>
    </form>
  );
}
