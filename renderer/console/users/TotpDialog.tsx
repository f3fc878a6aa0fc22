import { type FormEvent, useEffect, useRef, useState } from 'react';
import { errorFields, errorMessage } from '../../shared/api/refusal';
import { useTotpConfirm, useTotpEnrol } from '../api/users';
import { useI18n } from '../i18n';
import { Field } from '../ui/Field';
import './users.css';

/**
 * The signed-in admin's or shift lead's own second factor: "Koppelen" shows a new secret once (QR code and
 * key), a first code from the app confirms it; from then on signing in asks for a code.
 */
export function TotpDialog({ onClose }: { onClose: () => void }) {
  const { t, text } = useI18n();
  const enrol = useTotpEnrol();
  const confirm = useTotpConfirm();
  const [code, setCode] = useState('');
  const dialogRef = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const fields = errorFields(confirm.error, text) ?? {};
  const failure = enrol.error ?? (confirm.error && !fields.code ? confirm.error : null);

  function submit(event: FormEvent) {
    event.preventDefault();
    confirm.mutate(code.trim());
  }

  return (
    <dialog
      ref={dialogRef}
      className="modal totp-dialog"
      aria-label={t('totp.title')}
      data-testid="totp-dialog"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div className="totp-body">
        <h2>{t('totp.title')}</h2>
        <p className="muted small">{t('totp.hint')}</p>
        {confirm.isSuccess ? (
          <p className="notice" role="status" data-testid="totp-enabled">
            {t('totp.enabled')}
          </p>
        ) : enrol.data ? (
          <form onSubmit={submit} noValidate>
            <img src={enrol.data.qrDataUrl} alt={t('totp.qrAlt')} data-testid="totp-qr" />
            <p>
              {t('totp.secret')}: <code data-testid="totp-secret">{enrol.data.secret}</code>
            </p>
            <Field label={t('totp.code')} error={fields.code} name="code">
              {(id) => (
                <input id={id} inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code} onChange={(e) => setCode(e.target.value)} data-testid="totp-code" />
              )}
            </Field>
            <button type="submit" className="btn btn-primary" disabled={confirm.isPending} data-testid="totp-confirm">
              {t('totp.confirm')}
            </button>
          </form>
        ) : (
          <button type="button" className="btn btn-primary" disabled={enrol.isPending} onClick={() => enrol.mutate()} data-testid="totp-start">
            {t('totp.start')}
          </button>
        )}
        {failure && (
          <p className="form-error" role="alert">
            {errorMessage(failure, text)}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="btn btn-ghost" onClick={onClose} data-testid="totp-close">
            {t('totp.close')}
          </button>
        </div>
      </div>
    </dialog>
  );
}
