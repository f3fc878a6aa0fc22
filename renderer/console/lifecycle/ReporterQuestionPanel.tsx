import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import type { Report } from '../../../server/protocol/report';
import type { ReporterQuestion } from '../../../server/protocol/reporter-question';
import { call } from '../../shared/api/call';
import { errorFields, errorMessage } from '../../shared/api/refusal';
import { useCan } from '../../shared/auth/useCan';
import { formatDateTime, useI18n } from '../i18n';
import { submitOnCtrlEnter } from './submitOnCtrlEnter';

/** Under the report's detail key: any hub event about the report (a question asked, answered, lapsed) reloads it. */
const questionsKey = (reportId: string) => ['report', reportId, 'questions'] as const;

/** Asking the reporter a question and what they answered (README "Vraag aan de melder"). */
export function ReporterQuestionPanel({ report }: { report: Report }) {
  const { t, locale } = useI18n();
  const canAsk = useCan('report.ask_reporter');
  const query = useQuery({
    queryKey: questionsKey(report.id),
    queryFn: ({ signal }) => call('reports.questions', { id: report.id }, undefined, { signal }),
    staleTime: Infinity,
  });
  const questions = query.data?.questions ?? [];
  const open = questions.some((q) => q.state === 'open');
  const mayAsk = canAsk && report.status !== 'closed' && !open && report.hasReporter;
  if (questions.length === 0 && !mayAsk) return null;
  return (
    <section className="detail-section" aria-label={t('question.title')} data-testid="reporter-question">
      <h3>{t('question.title')}</h3>
      {report.awaitingReplySince && (
        <p className="badge badge-warn" data-testid="awaiting-reply">
          {t('question.waiting', { time: formatDateTime(report.awaitingReplySince, locale) })}
        </p>
      )}
      {questions.length > 0 && (
        <ol className="question-list">
          {questions.map((q) => (
            <QuestionItem key={q.id} question={q} />
          ))}
        </ol>
      )}
      {mayAsk && <AskForm report={report} />}
    </section>
  );
}

function QuestionItem({ question }: { question: ReporterQuestion }) {
  const { t, locale } = useI18n();
  const state =
    question.state === 'open'
      ? t('question.state.open', { time: formatDateTime(question.dueAt, locale) })
      : t(`question.state.${question.state}`, { time: formatDateTime(question.endedAt ?? question.askedAt, locale) });
  return (
    <li data-testid="question-item" data-state={question.state}>
      <strong>{question.question}</strong>
      <div className="muted small">
        {t('question.asked', { time: formatDateTime(question.askedAt, locale), channel: t(`question.via.${question.channel}`) })} · {state}
      </div>
      {question.answer !== null && (
        <blockquote className="question-answer" data-testid="question-answer">
          <span className="muted small">{t('question.answer')}: </span>
          {question.answer}
          {question.answerPhotoId && <span className="muted small"> · {t('question.answerPhoto')}</span>}
        </blockquote>
      )}
    </li>
  );
}

function AskForm({ report }: { report: Report }) {
  const { t, text: translate } = useI18n();
  const client = useQueryClient();
  const id = useId();
  const [question, setQuestion] = useState('');
  const [channel, setChannel] = useState<'' | 'email' | 'sms'>('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sent, setSent] = useState(false);
  const ask = useMutation({
    mutationFn: () => call('reports.askReporter', { id: report.id }, { question, ...(channel ? { channel } : {}) }),
    onSuccess: () => {
      setQuestion('');
      setSent(true);
      void client.invalidateQueries({ queryKey: questionsKey(report.id) });
    },
    onError: (err) => setErrors(errorFields(err, translate) ?? { form: errorMessage(err, translate) }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setSent(false);
    ask.mutate();
  };
  return (
    <form className="question-form" onSubmit={submit} onKeyDown={submitOnCtrlEnter} data-testid="question-ask-form">
      <label htmlFor={`${id}-q`}>{t('question.label')}</label>
      <textarea
        id={`${id}-q`}
        value={question}
        onChange={(e) => setQuestion(e.target.value)}
        placeholder={t('question.placeholder')}
        maxLength={500}
        rows={2}
        required
        aria-invalid={errors.question ? true : undefined}
        aria-describedby={`${id}-hint`}
        data-testid="question-text"
      />
      {errors.question && <span className="form-error small">{errors.question}</span>}
      <p className="muted small" id={`${id}-hint`}>
        {t('question.hint')}
      </p>
      <label htmlFor={`${id}-c`}>{t('question.channel')}</label>
      <select id={`${id}-c`} value={channel} onChange={(e) => setChannel(e.target.value as '' | 'email' | 'sms')}>
        <option value="">{t('question.via.auto')}</option>
        <option value="email">{t('question.via.email')}</option>
        <option value="sms">{t('question.via.sms')}</option>
      </select>
      {errors.channel && <span className="form-error small">{errors.channel}</span>}
      {errors.form && (
        <p className="form-error small" role="alert">
          {errors.form}
        </p>
      )}
      {sent && (
        <p className="small" role="status">
          {t('question.sent')}
        </p>
      )}
      <button type="submit" className="btn" disabled={ask.isPending || question.trim().length < 5} data-testid="question-send">
        {ask.isPending ? t('question.sending') : t('question.send')}
      </button>
    </form>
  );
}
