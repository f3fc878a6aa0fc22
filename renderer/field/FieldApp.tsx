import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { api, getSession, setSession, subscribeSession } from '../shared/api/client';
import type { Locale } from '../shared/i18n/core';
import { FieldLogin } from './FieldLogin';
import { FieldWorkspace } from './FieldWorkspace';
import { isFieldSession } from './fieldSession';
import { FieldI18nContext, type FieldMessageKey, makeFieldI18n, storedLocale, storeLocale } from './messages';

/** The BOA's mobile view (`/field`): login, then the unit's offers, assignment, status, tasking and emergency button. */
export function FieldApp() {
  const [locale, setLocale] = useState<Locale>(storedLocale);
  const i18n = useMemo(() => makeFieldI18n(locale), [locale]);
  const session = useSyncExternalStore(subscribeSession, getSession);
  const [loginNotice, setLoginNotice] = useState<FieldMessageKey | null>(null);

  const toggleLocale = useCallback(() => {
    setLocale((current) => {
      const next: Locale = current === 'nl' ? 'en' : 'nl';
      storeLocale(next);
      return next;
    });
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const onSessionLost = useCallback((reason: 'unauthenticated' | 'forbidden') => {
    setLoginNotice(reason === 'forbidden' ? 'login.notField' : 'login.expired');
    setSession(null);
  }, []);

  const onLogout = useCallback(() => {
    setLoginNotice(null);
    void api.logout();
  }, []);

  return (
    <FieldI18nContext.Provider value={i18n}>
      {isFieldSession(session) ? (
        <FieldWorkspace key={session.token} session={session} onSessionLost={onSessionLost} onLogout={onLogout} onToggleLocale={toggleLocale} />
      ) : (
        <FieldLogin notice={loginNotice} onToggleLocale={toggleLocale} onLoggedIn={() => setLoginNotice(null)} />
      )}
    </FieldI18nContext.Provider>
  );
}
