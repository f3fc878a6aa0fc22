import { useState } from 'react';
import type { PrivacyFindings, PrivacyRequest } from '../../../server/protocol/privacy';
import { errorFields, errorMessage } from '../../shared/api/refusal';
import { usePrivacyErase, usePrivacyExport, usePrivacySearch } from '../api/privacy';
import { formatDateTime, useI18n } from '../i18n';
import { Field } from '../ui/Field';
import { PrivacyFindingsView } from './PrivacyFindingsView';

/** Saves the export as a file in the browser (Electron asks where). */
function download(name: string, content: unknown): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(content, null, 2)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The privacy officer's panel (functionaris gegevensbescherming): one citizen by e-mail address and/or phone
 * number, a required reason, and inzage (search), export (a JSON file) and erasure. The hub logs every use.
 */
export function PrivacyPanel() {
  const { t, text, locale } = useI18n();
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [reason, setReason] = useState('');
  const [confirmErase, setConfirmErase] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [findings, setFindings] = useState<PrivacyFindings | null>(null);
  const search = usePrivacySearch();
  const exporter = usePrivacyExport();
  const eraser = usePrivacyErase();
  const busy = search.isPending || exporter.isPending || eraser.isPending;
  const failure = search.error ?? exporter.error ?? eraser.error;
  const fields = errorFields(failure, text) ?? {};

  const request = (): PrivacyRequest => ({ ...(email.trim() ? { email: email.trim() } : {}), ...(phone.trim() ? { phone: phone.trim() } : {}), reason });
  const reset = () => {
    setNotice(null);
    search.reset();
    exporter.reset();
    eraser.reset();
  };
  const onSearch = () => {
    reset();
    search.mutate(request(), { onSuccess: setFindings });
  };
  const onExport = () => {
    reset();
    exporter.mutate(request(), {
      onSuccess: (file) => {
        const name = `inzage-${file.exportedAt.slice(0, 10)}.json`;
        download(name, file);
        setNotice(t('privacy.exported', { file: name }));
      },
    });
  };
  const onErase = () => {
    reset();
    eraser.mutate(request(), {
      onSuccess: (counts) => {
        setFindings(null);
        setConfirmErase(false);
        setNotice(t('privacy.erased', { ...counts }));
      },
    });
  };

  return (
    <section className="detail-panel privacy-panel" aria-label={t('privacy.title')} data-testid="privacy-panel">
      <div className="detail-head">
        <h2>{t('privacy.title')}</h2>
      </div>
      <div className="detail-body">
        <p className="muted small">{t('privacy.hint')}</p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onSearch();
          }}
        >
          <div className="field-row">
            <Field label={t('privacy.email')} error={fields.email} name="email">
              {(id) => <input id={id} type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} data-testid="privacy-email" />}
            </Field>
            <Field label={t('privacy.phone')} error={fields.phone} name="phone">
              {(id) => <input id={id} type="tel" autoComplete="off" value={phone} onChange={(e) => setPhone(e.target.value)} data-testid="privacy-phone" />}
            </Field>
          </div>
          <Field label={t('privacy.reason')} error={fields.reason} name="reason">
            {(id) => <textarea id={id} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="privacy-reason" />}
          </Field>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy} data-testid="privacy-search">
              {search.isPending ? t('privacy.busy') : t('privacy.search')}
            </button>
            <button type="button" className="btn" disabled={busy} onClick={onExport} data-testid="privacy-export">
              {t('privacy.export')}
            </button>
          </div>
          <div className="form-actions privacy-erase">
            <label className="consent">
              <input type="checkbox" checked={confirmErase} onChange={(e) => setConfirmErase(e.target.checked)} data-testid="privacy-erase-confirm" />
              <span>{t('privacy.eraseConfirm')}</span>
            </label>
            <button type="button" className="btn btn-danger" disabled={busy || !confirmErase} onClick={onErase} data-testid="privacy-erase">
              {t('privacy.erase')}
            </button>
          </div>
        </form>
        {failure && !errorFields(failure, text) && (
          <p className="form-error" role="alert">
            {t('privacy.failed', { message: errorMessage(failure, text) })}
          </p>
        )}
        {notice && (
          <p className="notice" role="status" data-testid="privacy-notice">
            {notice}
          </p>
        )}
        {findings && <PrivacyFindingsView findings={findings} when={(iso) => formatDateTime(iso, locale)} />}
      </div>
    </section>
  );
}
