import { type FormEvent, type ReactNode, useState } from 'react';
import { api, type Session } from '../../shared/api/client';
import { call } from '../../shared/api/call';
import { errorFields, errorMessage } from '../../shared/api/refusal';
import { useI18n } from '../i18n';
import { Field } from '../ui/Field';
import { useIdleLock } from './useIdleLock';
import '../users/users.css';

/**
 * Locks the console after `minutes` without activity: an opaque overlay over the console, which keeps running
 * underneath (live events, alert sounds, its state); the screen under it is inert. The user's password
 * (checked by the hub for this session) unlocks it; "Afmelden" lets someone else sign in.
 */
export function IdleLock({ minutes, session, children }: { minutes: number; session: Session; children: ReactNode }) {
  const { locked, unlocked } = useIdleLock(minutes, session.token);
  return (
    <>
      <div className="idle-lock-content" inert={locked}>
        {children}
      </div>
      {locked && <LockScreen minutes={minutes} session={session} onUnlocked={unlocked} />}
    </>
  );
}

function LockScreen({ minutes, session, onUnlocked }: { minutes: number; session: Session; onUnlocked: () => void }) {
  const { t, text } = useI18n();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fieldError = errorFields(error, text)?.password;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || !password) return;
    setBusy(true);
    setError(null);
    try {
      await call('auth.unlock', {}, { password });
      onUnlocked();
    } catch (err) {
      // Too many wrong passwords end the session: the client drops it and the login screen takes over.
      setError(err);
      setPassword('');
      setBusy(false);
    }
  }

  return (
    <div className="idle-lock" role="dialog" aria-modal="true" aria-labelledby="idle-lock-title" data-testid="idle-lock">
      <form className="idle-lock-card" onSubmit={submit} noValidate>
        <h2 id="idle-lock-title">{t('lock.title')}</h2>
        <p className="muted">{t('lock.hint', { minutes, name: session.user.displayName })}</p>
        <Field label={t('lock.password')} error={fieldError} name="unlock-password">
          {(id) => (
            <input id={id} type="password" autoComplete="current-password" autoFocus value={password} onChange={(e) => setPassword(e.target.value)} data-testid="unlock-password" />
          )}
        </Field>
        {error !== null && !fieldError && (
          <p className="form-error" role="alert">
            {errorMessage(error, text)}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="unlock-submit">
            {busy ? t('lock.busy') : t('lock.unlock')}
          </button>
          <button type="button" className="btn btn-ghost" onClick={() => void api.logout()} data-testid="lock-logout">
            {t('lock.logout')}
          </button>
        </div>
      </form>
    </div>
  );
}
