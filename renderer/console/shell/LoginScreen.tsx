import { type FormEvent, useState } from 'react';
import type { ClientConfig } from '../../../server/protocol/api';
import { ApiRequestError, api } from '../../shared/api/client';
import { useI18n } from '../i18n';
import { LocaleToggle } from '../ui/LocaleToggle';

export function LoginScreen({ config }: { config: ClientConfig }) {
  const { t, text } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  // Asked for when the hub says the account has a second factor.
  const [totp, setTotp] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!username.trim() || !password) {
      setError(t('login.required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.login(username.trim(), password, totp ?? undefined);
      // The session store switches the app to the console.
    } catch (err) {
      setBusy(false);
      const secondFactor = err instanceof ApiRequestError ? err.text?.code : undefined;
      if (secondFactor === 'user.totp.required' || secondFactor === 'user.totp.invalid') {
        // The password was right: keep it, ask for (another) code.
        setError(secondFactor === 'user.totp.invalid' && err instanceof ApiRequestError && err.text ? text(err.text) : null);
        setTotp('');
        return;
      }
      setPassword('');
      setTotp(null);
      if (err instanceof ApiRequestError && err.status === 401) setError(t('login.badCredentials'));
      else if (err instanceof ApiRequestError && err.code === 'network') setError(t('app.hubUnreachable'));
      else setError(t('login.failed', { message: (err as Error).message }));
    }
  }

  return (
    <div className="login-screen">
      <form className="login-card" onSubmit={submit} data-testid="login-form" noValidate>
        <div className="login-head">
          <div>
            <h1>{t('app.name')}</h1>
            <p className="muted">{t('login.subtitle')}</p>
          </div>
          <LocaleToggle />
        </div>
        <h2>{t('login.title')}</h2>
        <label className="field">
          <span>{t('login.username')}</span>
          <input
            name="username"
            className="login-input"
            autoComplete="username"
            autoFocus
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            data-testid="login-username"
            disabled={busy}
          />
        </label>
        <label className="field">
          <span>{t('login.password')}</span>
          <input
            name="password"
            className="login-input"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="login-password"
            disabled={busy}
          />
        </label>
        {totp !== null && (
          <label className="field">
            <span>{t('login.totp')}</span>
            <input
              name="totp"
              className="login-input"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              autoFocus
              value={totp}
              onChange={(e) => setTotp(e.target.value)}
              data-testid="login-totp"
              disabled={busy}
            />
            <span className="muted small">{t('login.totpHint')}</span>
          </label>
        )}
        {error && (
          <p className="form-error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="login-submit">
          {busy ? (
            <>
              <span className="spinner" aria-hidden="true" /> {t('login.busy')}
            </>
          ) : (
            t('login.submit')
          )}
        </button>
        <p className="muted small">{t('header.version', { version: config.version })}</p>
      </form>
    </div>
  );
}
