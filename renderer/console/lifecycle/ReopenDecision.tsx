import { useState } from 'react';
import type { ReportDetail } from '../../../server/protocol/detail';
import type { Report, ReportStatus } from '../../../server/protocol/report';
import { ApiRequestError } from '../../shared/api/client';
import { errorFields, errorMessage } from '../../shared/api/refusal';
import { useI18n } from '../i18n';
import { Field } from '../ui/Field';
import { type Transition, transitionLabel } from './transitions';
import type { useTransitionRunner } from './useTransitionRunner';

interface ReopenDecisionProps {
  detail: ReportDetail;
  transitions: Transition[];
  run: ReturnType<typeof useTransitionRunner>['run'];
  onDone: (report: Report) => void;
}

/** The shift lead reopens or confirms the closure; either way the reporter gets the reply. */
export function ReopenDecision({ detail, transitions, run, onDone }: ReopenDecisionProps) {
  const { t, text, locale } = useI18n();
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
      const fields = errorFields(e, text);
      if (fields) {
        setErrors(fields);
        setFormError(errorMessage(e, text));
      } else {
        setFormError(
          e instanceof ApiRequestError && e.status === 409
            ? t('detail.conflict')
            : t('detail.stepFailed', { message: errorMessage(e, text) }),
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
      {request?.reason && (
        <p className="small" data-testid="reopen-reason">
          {t('satisfaction.reasonChosen', { reason: locale === 'en' ? request.reason.en : request.reason.nl })}
        </p>
      )}
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
