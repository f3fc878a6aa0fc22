import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { ExternalReferral } from '../../../server/protocol/external';
import type { Report } from '../../../server/protocol/report';
import { call } from '../../shared/api/call';
import { errorMessage } from '../../shared/api/refusal';
import { useCan } from '../../shared/auth/useCan';
import { formatDateTime, useI18n } from '../i18n';
import { useFormErrors } from '../ui/useFormErrors';
import { offerAnswerToDraft } from './externalAnswerDraft';
import { submitOnCtrlEnter } from './submitOnCtrlEnter';

/** Under the report's detail key: any hub event about the report (an answer arriving) reloads the list with it. */
const referralsKey = (reportId: string) => ['report', reportId, 'external'] as const;

/**
 * "Doorzetten naar externe partij": the report's referrals to parties without an account (state, question, answer)
 * for the desk (external.read), a form to make a link (e-mailed by the hub, or copied here: shown once) and revoking
 * it (external.manage). An answer is taken into the close/schedule form's action text with "Gebruiken in bericht";
 * it never goes to the citizen by itself.
 */
export function ExternalReferralPanel({ report }: { report: Report }) {
  const { t } = useI18n();
  const canRead = useCan('external.read');
  const canManage = useCan('external.manage');
  const [formOpen, setFormOpen] = useState(false);
  const [created, setCreated] = useState<{ link: string; party: string; email: string | null } | null>(null);
  const query = useQuery({
    queryKey: referralsKey(report.id),
    queryFn: ({ signal }) => call('external.list', { id: report.id }, undefined, { signal }),
    enabled: canRead,
    staleTime: Infinity,
  });
  if (!canRead) return null;
  const referrals = query.data?.referrals ?? [];
  return (
    <section className="detail-section external-panel" aria-label={t('external.title')} data-testid="external-panel">
      <h3>{t('external.title')}</h3>
      {query.isPending ? (
        <p className="muted small">{t('external.loading')}</p>
      ) : query.isError ? (
        <p className="form-error small">{t('external.error', { message: query.error.message })}</p>
      ) : referrals.length === 0 && !formOpen ? (
        <p className="muted small">{t('external.none')}</p>
      ) : null}
      {created && <CreatedLink {...created} onDismiss={() => setCreated(null)} />}
      <ul className="external-list">
        {referrals.map((r) => (
          <ReferralRow key={r.id} referral={r} canManage={canManage} />
        ))}
      </ul>
      {canManage && report.status !== 'closed' && !formOpen && (
        <button type="button" className="btn btn-small" onClick={() => setFormOpen(true)} data-testid="external-open">
          {t('external.open')}
        </button>
      )}
      {formOpen && (
        <ReferralForm
          report={report}
          onDone={(made) => {
            setFormOpen(false);
            if (made) setCreated(made);
          }}
        />
      )}
    </section>
  );
}

function CreatedLink({ link, party, email, onDismiss }: { link: string; party: string; email: string | null; onDismiss: () => void }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard?.writeText(link).then(() => setCopied(true));
  };
  return (
    <div className="notice external-created" role="status" data-testid="external-created">
      <p className="small">{t('external.created', { party })}</p>
      <p className="external-link">
        <input className="external-link-input" readOnly value={link} onFocus={(e) => e.currentTarget.select()} data-testid="external-link" aria-label={t('external.created', { party })} />
        <button type="button" className="btn btn-small" onClick={copy}>
          {copied ? t('external.copied') : t('external.copy')}
        </button>
        <button type="button" className="btn btn-ghost btn-small" onClick={onDismiss} aria-label={t('external.cancel')}>
          ×
        </button>
      </p>
      {email && <p className="muted small">{t('external.mailed', { email })}</p>}
    </div>
  );
}

function ReferralRow({ referral: r, canManage }: { referral: ExternalReferral; canManage: boolean }) {
  const { t, text, locale } = useI18n();
  const client = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const revoke = useMutation({
    mutationFn: () => call('external.revoke', { id: r.id }),
    onSuccess: () => void client.invalidateQueries({ queryKey: referralsKey(r.reportId) }),
    onError: (err) => setNotice(t('external.failed', { message: errorMessage(err, text) })),
  });
  const use = () => {
    if (r.answer && offerAnswerToDraft(r.reportId, r.answer)) setNotice(t('external.used'));
  };
  return (
    <li className={`external-item external-${r.state}`} data-testid="external-referral" data-state={r.state}>
      <div>
        <strong>{r.party}</strong> <span className={`badge external-state-${r.state}`}>{t(`external.state.${r.state}`)}</span>
      </div>
      <div className="muted small">
        {t('external.meta', { by: r.createdBy ?? '?', at: formatDateTime(r.createdAt, locale), until: formatDateTime(r.expiresAt, locale) })}
        {r.email && ` · ${r.email}`}
      </div>
      <div className="external-question small">{r.question}</div>
      {r.answer && r.answeredAt && (
        <blockquote className="external-answer" data-testid="external-answer">
          <div className="muted small">{t('external.answeredAt', { at: formatDateTime(r.answeredAt, locale) })}</div>
          <p>{r.answer}</p>
          {r.answerPhotoIds.length > 0 && <div className="muted small">{t('external.photos', { count: r.answerPhotoIds.length })}</div>}
        </blockquote>
      )}
      <div className="form-actions">
        {r.answer && (
          <button type="button" className="btn btn-small" onClick={use} title={t('external.useHint')} data-testid="external-use">
            {t('external.use')}
          </button>
        )}
        {canManage && r.state !== 'revoked' && r.state !== 'expired' && (
          <button type="button" className="btn btn-ghost btn-small" onClick={() => revoke.mutate()} disabled={revoke.isPending} data-testid="external-revoke">
            {t('external.revoke')}
          </button>
        )}
      </div>
      {notice && (
        <p className="small" role="status">
          {notice}
        </p>
      )}
    </li>
  );
}

function ReferralForm({ report, onDone }: { report: Report; onDone: (made: { link: string; party: string; email: string | null } | null) => void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const { refused, clear, field, error } = useFormErrors();
  const [party, setParty] = useState('');
  const [email, setEmail] = useState('');
  const [question, setQuestion] = useState('');
  const save = useMutation({
    mutationFn: () => call('external.create', { id: report.id }, { party, question, ...(email.trim() ? { email: email.trim() } : {}) }),
    onSuccess: (made) => {
      void client.invalidateQueries({ queryKey: referralsKey(report.id) });
      onDone({ link: made.link, party: made.referral.party, email: made.referral.email });
    },
    onError: refused,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    clear();
    save.mutate();
  };
  return (
    <form className="external-form" onSubmit={submit} onKeyDown={submitOnCtrlEnter} data-testid="external-form">
      <p className="muted small">{t('external.hint')}</p>
      <label className="external-field">
        {t('external.party')}
        <input value={party} onChange={(e) => setParty(e.target.value)} placeholder={t('external.partyPlaceholder')} maxLength={120} autoFocus data-testid="external-party" {...field('party')} />
        {error('party')}
      </label>
      <label className="external-field">
        {t('external.email')}
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} maxLength={254} data-testid="external-email" {...field('email')} />
        <span className="muted small">{t('external.emailHint')}</span>
        {error('email')}
      </label>
      <label className="external-field">
        {t('external.question')}
        <textarea value={question} onChange={(e) => setQuestion(e.target.value)} maxLength={2000} rows={3} data-testid="external-question" {...field('question')} />
        {error('question')}
      </label>
      {error('form')}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary btn-small" disabled={save.isPending} data-testid="external-submit">
          {t('external.submit')}
        </button>
        <button type="button" className="btn btn-ghost btn-small" onClick={() => onDone(null)}>
          {t('external.cancel')}
        </button>
      </div>
    </form>
  );
}
