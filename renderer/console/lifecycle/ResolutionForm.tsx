import { type FormEvent, type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import type { ReportDetail } from '../../../server/protocol/detail';
import type { FeedbackPreview, TransitionRequestBody } from '../../../server/protocol/lifecycle-api';
import { Outcome, type Report } from '../../../server/protocol/report';
import type { ResolutionKind } from '../../../server/protocol/resolution';
import { ApiRequestError, api } from '../../shared/api/client';
import { Field, FieldError } from '../ui/Field';
import { formatDateTime, useI18n } from '../i18n';
import {
  DRAFT_ERROR_KEYS,
  type DraftField,
  draftLooksComplete,
  kindForTarget,
  type ResolutionDraftState,
  type ResolutionTarget,
  resolutionBody,
} from '../../shared/resolution/draft';
import { addDays, localDate } from '../../shared/time/calendar';

/** How long the form waits after the last keystroke before asking the hub for the composed message. */
const PREVIEW_DEBOUNCE_MS = 450;

const PLACED_ERRORS = new Set([
  ...Object.values(DRAFT_ERROR_KEYS).flat(),
  'message',
  'message.text',
  'message.subject',
]);

interface ResolutionFormProps {
  detail: ReportDetail;
  target: ResolutionTarget;
  onTargetChange: (target: ResolutionTarget) => void;
  draft: ResolutionDraftState;
  onDraftChange: (update: (draft: ResolutionDraftState) => ResolutionDraftState) => void;
  run: (body: Omit<TransitionRequestBody, 'expectedVersion'>) => Promise<Report>;
  onDone: (report: Report) => void;
  onCancel: () => void;
}

type PreviewResult = { key: string; preview: FeedbackPreview | null };

function firstError(errors: Record<string, string>, keys: readonly string[]): string | undefined {
  for (const key of keys) if (errors[key]) return errors[key];
  return undefined;
}

/**
 * Structured resolution (bevinding / actie / vervolg) for review, scheduling and closing, with the composed
 * citizen message previewed by the hub; the (edited) message goes out with the transition in one request.
 */
export function ResolutionForm({
  detail,
  target,
  onTargetChange,
  draft,
  onDraftChange,
  run,
  onDone,
  onCancel,
}: ResolutionFormProps) {
  const { t, locale } = useI18n();
  const { report, transitions, codes } = detail;
  const kind = kindForTarget(target, draft.kind);
  const [errors, setErrors] = useState<Record<string, string>>({});
  /** A failure without field errors (conflict, network). */
  const [formError, setFormError] = useState<string | null>(null);
  /** The hub's summary of its field errors; shown only while some of them remain. */
  const [invalidMessage, setInvalidMessage] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  // ---- what this form may do ----
  const kindTargets = useMemo(() => {
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
  const outcomes = useMemo(() => {
    if (target !== 'closed') return Outcome.options;
    return transitions.find((tr) => tr.to === 'closed' && tr.requires === 'closing')?.outcomes ?? [];
  }, [target, transitions]);

  // ---- editing ----
  const set = (field: DraftField, value: string) => {
    onDraftChange((d) => ({ ...d, [field]: value }));
    const keys = DRAFT_ERROR_KEYS[field];
    setErrors((current) => {
      if (!keys.some((k) => k in current)) return current;
      const next = { ...current };
      for (const k of keys) delete next[k];
      return next;
    });
  };
  const changeKind = (next: ResolutionKind) => {
    onDraftChange((d) => ({ ...d, kind: next }));
    const nextTarget = kindTargets.get(next);
    if (nextTarget && nextTarget !== target) onTargetChange(nextTarget);
  };
  const err = (field: DraftField) => firstError(errors, DRAFT_ERROR_KEYS[field]);

  // ---- preview of the citizen message ----
  const resolution = useMemo(() => resolutionBody(draft, kind), [draft, kind]);
  const previewKey = useMemo(() => JSON.stringify([target, resolution]), [target, resolution]);
  const complete = draftLooksComplete(draft, kind);
  const [preview, setPreview] = useState<PreviewResult | null>(null);
  const [previewLoading, setPreviewLoading] = useState(false);
  const [messageText, setMessageText] = useState('');
  const composedRef = useRef('');
  const edited = preview?.preview != null && messageText !== preview.preview.text;
  const editedRef = useRef(edited);
  editedRef.current = edited;
  const previewAbort = useRef<AbortController | null>(null);

  const fetchPreview = async (key: string, explicit: boolean) => {
    previewAbort.current?.abort();
    const controller = new AbortController();
    previewAbort.current = controller;
    setPreviewLoading(true);
    try {
      const res = await api.preview(report.id, { to: target, resolution }, controller.signal);
      if (controller.signal.aborted) return;
      setPreview({ key, preview: res.preview });
      const text = res.preview?.text ?? '';
      // A new composition replaces the text unless the dispatcher has edited it.
      if (!editedRef.current || composedRef.current === '') setMessageText(text);
      composedRef.current = text;
      if (explicit) setFormError(null);
    } catch (e) {
      if (controller.signal.aborted || (e as Error).name === 'AbortError') return;
      if (explicit && e instanceof ApiRequestError) {
        if (e.fields && Object.keys(e.fields).length > 0) {
          setErrors(e.fields);
          setInvalidMessage(e.message || t('res.invalid'));
        } else {
          setFormError(t('detail.stepFailed', { message: e.message }));
        }
      }
    } finally {
      if (previewAbort.current === controller) {
        previewAbort.current = null;
        setPreviewLoading(false);
      }
    }
  };
  const fetchPreviewRef = useRef(fetchPreview);
  fetchPreviewRef.current = fetchPreview;

  const hasMessage = target !== 'awaiting_review';
  useEffect(() => {
    if (!complete || !hasMessage) return;
    const timer = setTimeout(() => void fetchPreviewRef.current(previewKey, false), PREVIEW_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [complete, hasMessage, previewKey]);
  useEffect(() => () => previewAbort.current?.abort(), []);

  const previewCurrent = preview !== null && preview.key === previewKey;

  // ---- submit: one request carries the transition, the resolution and the (edited) message ----
  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (sending) return;
    setSending(true);
    setFormError(null);
    const message = edited && messageText.trim() ? { text: messageText } : undefined;
    try {
      const updated = await run({ to: target, resolution, ...(message ? { message } : {}) });
      setErrors({});
      onDone(updated);
    } catch (e) {
      // Keep everything that was typed; the hub's field errors go next to the fields.
      if (e instanceof ApiRequestError && e.fields && Object.keys(e.fields).length > 0) {
        setErrors(e.fields);
        setInvalidMessage(e.message || t('res.invalid'));
      } else if (e instanceof ApiRequestError && e.status === 409) {
        setFormError(t('detail.conflict'));
      } else {
        setFormError(t('detail.stepFailed', { message: (e as Error).message }));
      }
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

  const today = localDate(Date.now());
  const proposal = detail.resolution?.state === 'proposed' && report.status === 'awaiting_review' ? detail.resolution : null;
  const proposer = proposal
    ? ([...detail.timeline].reverse().find((e) => e.resolutionState === 'proposed')?.actor ?? t('detail.someone'))
    : null;
  const unplaced = Object.entries(errors).filter(([key]) => !PLACED_ERRORS.has(key));
  const summary = Object.keys(errors).length > 0 ? (invalidMessage ?? t('res.invalid')) : null;
  const willSend = previewCurrent && preview.preview !== null && preview.preview.recipients > 0;
  const submitLabel =
    target === 'awaiting_review'
      ? t('res.submit.awaiting_review')
      : previewCurrent && !willSend
        ? t(`res.submitNoMessage.${target}`)
        : t(`res.submit.${target}`);
  const codeLabel = (c: { nl: string; en: string }) => (locale === 'en' ? c.en : c.nl);
  const titleKey = target === 'awaiting_review' ? 'res.title.proposal' : kind === 'schedule' ? 'res.title.schedule' : 'res.title.close';

  return (
    <form
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
          {t('res.fromProposal', { actor: proposer ?? '' })}{' '}
          <span className="muted">({formatDateTime(proposal.at, locale)})</span>
        </p>
      )}

      <div className="field-row">
        <Field label={t('res.kind')} error={err('kind')} name="resolution.kind">
          {(id) => (
            <select
              id={id}
              value={kind}
              onChange={(e) => changeKind(e.target.value as ResolutionKind)}
              data-testid="resolution-kind"
              disabled={kindTargets.size < 2}
            >
              {(['schedule', 'close'] as const)
                .filter((k) => kindTargets.has(k) || k === kind)
                .map((k) => (
                  <option key={k} value={k}>
                    {t(`res.kind.${k}`)}
                  </option>
                ))}
            </select>
          )}
        </Field>
        {kind === 'close' && (
          <Field label={t('res.outcome')} error={err('outcome')} name="resolution.outcome">
            {(id) => (
              <select
                id={id}
                value={draft.outcome}
                onChange={(e) => set('outcome', e.target.value)}
                data-testid="resolution-outcome"
                aria-invalid={!!err('outcome')}
              >
                <option value="">{t('res.chooseOutcome')}</option>
                {outcomes.map((o) => (
                  <option key={o} value={o}>
                    {t(`outcome.${o}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </div>
      {kind === 'close' && draft.outcome === 'referred' && (
        <Field label={t('res.referredTo')} error={err('referredTo')} name="resolution.referredTo">
          {(id) => (
            <input
              id={id}
              value={draft.referredTo}
              onChange={(e) => set('referredTo', e.target.value)}
              data-testid="resolution-referred-to"
              aria-invalid={!!err('referredTo')}
            />
          )}
        </Field>
      )}

      <fieldset>
        <legend>{t('res.found')}</legend>
        <Field label={t('res.code')} error={err('foundCode')} name="resolution.found.code">
          {(id) => (
            <select
              id={id}
              value={draft.foundCode}
              onChange={(e) => set('foundCode', e.target.value)}
              data-testid="resolution-found-code"
              aria-invalid={!!err('foundCode')}
            >
              <option value="">{t('res.chooseCode')}</option>
              {codes.found.map((c) => (
                <option key={c.code} value={c.code}>
                  {codeLabel(c)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('res.text')} error={err('foundText')} name="resolution.found.text">
          {(id) => (
            <textarea
              id={id}
              rows={2}
              value={draft.foundText}
              onChange={(e) => set('foundText', e.target.value)}
              data-testid="resolution-found-text"
              aria-invalid={!!err('foundText')}
            />
          )}
        </Field>
      </fieldset>

      <fieldset>
        <legend>{t('res.action')}</legend>
        <Field label={t('res.code')} error={err('actionCode')} name="resolution.action.code">
          {(id) => (
            <select
              id={id}
              value={draft.actionCode}
              onChange={(e) => set('actionCode', e.target.value)}
              data-testid="resolution-action-code"
              aria-invalid={!!err('actionCode')}
            >
              <option value="">{t('res.chooseCode')}</option>
              {codes.action.map((c) => (
                <option key={c.code} value={c.code}>
                  {codeLabel(c)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('res.text')} error={err('actionText')} name="resolution.action.text">
          {(id) => (
            <textarea
              id={id}
              rows={2}
              value={draft.actionText}
              onChange={(e) => set('actionText', e.target.value)}
              data-testid="resolution-action-text"
              aria-invalid={!!err('actionText')}
            />
          )}
        </Field>
      </fieldset>

      <fieldset>
        <legend>{kind === 'schedule' ? t('res.followUp') : t('res.followUpOptional')}</legend>
        <div className="field-row">
          <Field label={t('res.followUpDate')} error={err('followUpDate')} name="resolution.followUp.date">
            {(id) => (
              <input
                id={id}
                type="date"
                min={addDays(today, 1)}
                max={addDays(today, 366)}
                value={draft.followUpDate}
                onChange={(e) => set('followUpDate', e.target.value)}
                data-testid="resolution-followup-date"
                aria-invalid={!!err('followUpDate')}
              />
            )}
          </Field>
          <Field label={t('res.followUpWho')} error={err('followUpWho')} name="resolution.followUp.who">
            {(id) => (
              <input
                id={id}
                value={draft.followUpWho}
                onChange={(e) => set('followUpWho', e.target.value)}
                data-testid="resolution-followup-who"
                aria-invalid={!!err('followUpWho')}
              />
            )}
          </Field>
        </div>
        <Field label={t('res.followUpWhat')} error={err('followUpWhat')} name="resolution.followUp.what">
          {(id) => (
            <input
              id={id}
              value={draft.followUpWhat}
              onChange={(e) => set('followUpWhat', e.target.value)}
              data-testid="resolution-followup-what"
              aria-invalid={!!err('followUpWhat')}
            />
          )}
        </Field>
      </fieldset>

      {hasMessage && (
        <section className="message-preview" aria-label={t('res.preview')}>
          <div className="section-head">
            <h4>{t('res.preview')}</h4>
            {previewLoading && <span className="spinner" role="status" aria-label={t('res.previewLoading')} />}
            {edited && <span className="edited-tag">{t('res.previewEdited')}</span>}
            <span className="header-spacer" />
            {edited && (
              <button
                type="button"
                className="btn btn-ghost btn-small"
                onClick={() => setMessageText(preview?.preview?.text ?? '')}
                data-testid="message-preview-reset"
              >
                {t('res.previewReset')}
              </button>
            )}
            <button
              type="button"
              className="btn btn-small"
              onClick={() => void fetchPreview(previewKey, true)}
              data-testid="resolution-preview"
            >
              {t('res.previewButton')}
            </button>
          </div>
          {preview === null ? (
            <p className="muted small preview-note">{previewLoading ? t('res.previewLoading') : t('res.previewEmpty')}</p>
          ) : preview.preview === null ? (
            <p className="muted small preview-note">{t('res.previewNone')}</p>
          ) : (
            <>
              <p className="small preview-subject" data-testid="message-preview-subject">
                <span className="muted">{t('res.subject')}:</span> {preview.preview.subject}
              </p>
              <textarea
                className="preview-text"
                rows={9}
                value={messageText}
                onChange={(e) => {
                  setMessageText(e.target.value);
                  setErrors((current) => {
                    if (!('message.text' in current) && !('message' in current)) return current;
                    const { 'message.text': _a, message: _b, ...rest } = current;
                    return rest;
                  });
                }}
                aria-label={t('res.preview')}
                aria-invalid={!!(errors['message.text'] || errors.message)}
                data-testid="message-preview"
                data-current={previewCurrent}
              />
              <p className="muted small preview-note" data-testid="message-preview-recipients">
                {!previewCurrent
                  ? t('res.previewStale')
                  : preview.preview.recipients > 0
                    ? t('res.previewRecipients', { n: preview.preview.recipients })
                    : t('res.previewNoRecipients')}
              </p>
            </>
          )}
          <FieldError error={errors['message.text'] ?? errors.message} name="message.text" />
          <FieldError error={errors['message.subject']} name="message.subject" />
        </section>
      )}

      {(formError || summary) && (
        <div className="form-error" role="alert" data-testid="resolution-form-error">
          {formError && <p>{formError}</p>}
          {summary && <p>{summary}</p>}
          {unplaced.map(([key, message]) => (
            <p key={key} data-testid={`field-error-${key}`}>
              {message}
            </p>
          ))}
        </div>
      )}

      <div className="form-actions">
        <button
          type="submit"
          className="btn btn-primary"
          disabled={sending}
          title={t('res.submitHint')}
          data-testid="resolution-submit"
        >
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
