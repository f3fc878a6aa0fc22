import { type FormEvent, useState } from 'react';
import { ApiRequestError, api } from '../shared/api/client';
import { isFieldSession } from './fieldSession';
import { type FieldMessageKey, useFieldI18n } from './messages';
import { totalQueued } from './queue';

export function FieldLogin({
  notice,
  onToggleLocale,
  onLoggedIn,
}: {
  notice: FieldMessageKey | null;
  onToggleLocale: () => void;
  onLoggedIn: () => void;
}) {
  const { t, shared } = useFieldI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(notice ? t(notice) : null);
  const [waiting] = useState(totalQueued);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!username.trim() || !password) {
      setError(shared('login.required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const session = await api.login(username.trim(), password);
      if (!isFieldSession(session)) {
        await api.logout();
        setBusy(false);
        setPassword('');
        setError(t('login.notField'));
        return;
      }
      onLoggedIn();
    } catch (err) {
      setBusy(false);
      setPassword('');
      if (err instanceof ApiRequestError && err.status === 401) setError(shared('login.badCredentials'));
      else if (err instanceof ApiRequestError && err.code === 'network') setError(t('login.network'));
      else setError(shared('login.failed', { message: (err as Error).message }));
    }
  }

  return (
    <main className="f-login">
      <form className="f-card f-login-card" onSubmit={submit} data-testid="field-login-form" noValidate>
        <div className="f-login-head">
          <h1>{t('app.title')}</h1>
          <button type="button" className="f-link-btn" onClick={onToggleLocale}>
            {t('locale.switch')}
          </button>
        </div>
        <h2>{t('login.title')}</h2>
        <label className="f-field">
          <span>{t('login.username')}</span>
          <input
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            disabled={busy}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'field-login-error' : undefined}
            data-testid="field-login-username"
          />
        </label>
        <label className="f-field">
          <span>{t('login.password')}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            disabled={busy}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'field-login-error' : undefined}
            data-testid="field-login-password"
          />
        </label>
        {error && (
          <p className="f-error" role="alert" id="field-login-error" data-testid="field-login-error">
            {error}
          </p>
        )}
        {waiting > 0 && <p className="f-muted">{t('login.queueWaiting', { n: waiting })}</p>}
        <button type="submit" className="f-btn f-btn-primary f-btn-block" disabled={busy} data-testid="field-login-submit">
          {busy ? t('login.busy') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
