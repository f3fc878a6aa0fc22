import type { DesktopVersionVerdict } from '../../../electron/version-check';
import { useT } from '../i18n';
import { LocaleToggle } from '../ui/LocaleToggle';

/**
 * In place of the login screen or the console: this desktop app is older than the hub it reached supports (the hub's
 * console may need its newer bridge). Nothing else is usable until a newer app is installed; the session is kept.
 */
export function DesktopTooOldScreen({ verdict }: { verdict: Extract<DesktopVersionVerdict, { ok: false }> }) {
  const t = useT();
  return (
    <div className="login-screen">
      <div className="login-card">
        <div className="login-head">
          <h1>{t('app.name')}</h1>
          <LocaleToggle />
        </div>
        <p className="form-error" role="alert" data-testid="desktop-too-old">
          {t('app.desktopTooOld', { desktopVersion: verdict.desktopVersion, hubVersion: verdict.hubVersion, requiredVersion: verdict.requiredVersion })}
        </p>
      </div>
    </div>
  );
}
