import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { checkDesktopVersion } from '../../../electron/version-check';
import { getSession, subscribeSession } from '../../shared/api/client';
import { desktopBridge } from '../../shared/bridge';
import { useClientConfig } from '../api/queries';
import { isAllowed } from '../../../server/domain/permissions';
import { BackOfficeScreen } from './BackOfficeScreen';
import { ConsoleScreen } from './ConsoleScreen';
import { DesktopTooOldScreen } from './DesktopTooOldScreen';
import { IdleLock } from './IdleLock';
import { LoginScreen } from './LoginScreen';
import { Loading } from '../ui/Loading';
import { I18nProvider, useT } from '../i18n';

export function App() {
  const config = useClientConfig();
  return (
    <I18nProvider defaultLocale={config.data?.defaultLocale}>
      <AppBody />
    </I18nProvider>
  );
}

function AppBody() {
  const t = useT();
  const config = useClientConfig();
  const session = useSyncExternalStore(subscribeSession, getSession);
  const queryClient = useQueryClient();

  // Signing out (or a rejected token) drops every cached answer of the previous user, except the public config.
  useEffect(() => {
    if (session) return;
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'config' });
  }, [session, queryClient]);

  if (config.isPending) {
    return (
      <div className="fullscreen-center">
        <Loading label={t('app.loading')} />
        {config.failureCount > 0 && <p className="muted">{t('app.hubUnreachable')}</p>}
      </div>
    );
  }
  if (config.isError) {
    return (
      <div className="fullscreen-center" role="alert">
        <p>{t('app.hubUnreachable')}</p>
        <button type="button" className="btn" onClick={() => config.refetch()}>
          {t('app.retry')}
        </button>
      </div>
    );
  }
  // The desktop app checks the hub's config whenever it has it: at start (with a saved session too) and after each
  // reconnect (live/useLiveConnection.ts asks again: the hub may have been upgraded meanwhile); too old, it blocks.
  const desktop = checkDesktopVersion(desktopBridge()?.version, config.data);
  if (!desktop.ok) return <DesktopTooOldScreen verdict={desktop} />;
  if (!session) return <LoginScreen config={config.data} />;
  return (
    // A console left alone locks its screen (consoleIdleLockMinutes); the screen keeps running under the lock.
    <IdleLock key={session.token} minutes={config.data.consoleIdleLockMinutes} session={session}>
      {/* Roles without the report list (admin, privacy officer) get their own tools, not the control room. */}
      {isAllowed('report.list', session.user.role) ? (
        <ConsoleScreen session={session} config={config.data} />
      ) : (
        <BackOfficeScreen session={session} config={config.data} />
      )}
    </IdleLock>
  );
}
