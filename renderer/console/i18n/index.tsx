import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { z } from 'zod';
import zodEn from 'zod/v4/locales/en.js';
import zodNl from 'zod/v4/locales/nl.js';
import type { DomainText } from '../../../server/protocol/common';
import { interpolate, LOCALES, type Locale } from '../../shared/i18n/core';
import { renderDomainText } from '../../shared/i18n/domainText';
import { isMessageKey, MESSAGES, type MessageKey } from './messages';

export type { Locale } from '../../shared/i18n/core';
export { formatDateTime, formatLongDate, formatShortDate, LOCALES } from '../../shared/i18n/core';
export type { MessageKey } from './messages';
export { isMessageKey } from './messages';

const STORAGE_KEY = 'meldkamer.locale';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;
/** A text from the hub's domain (code + params) in the console's language. */
export type TranslateText = (text: DomainText) => string;

export interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
  text: TranslateText;
}

function storedLocale(): Locale | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value && (LOCALES as readonly string[]).includes(value) ? (value as Locale) : null;
  } catch {
    return null;
  }
}

export function makeTranslate(locale: Locale): Translate {
  const table = MESSAGES[locale];
  return (key, params) => interpolate(table[key] ?? MESSAGES.nl[key] ?? key, params, table[key] === undefined ? 'nl' : locale);
}

export function makeTranslateText(locale: Locale): TranslateText {
  const table = MESSAGES[locale];
  return (text) => renderDomainText(text, (code) => (isMessageKey(code) ? table[code] : undefined));
}

const I18nContext = createContext<I18n | null>(null);

/** Dutch unless the user chose otherwise (persisted) or the hub's `defaultLocale` says so. */
export function I18nProvider({ children, defaultLocale }: { children: ReactNode; defaultLocale?: Locale }) {
  const [chosen, setChosen] = useState<Locale | null>(storedLocale);
  const locale: Locale = chosen ?? defaultLocale ?? 'nl';
  const setLocale = useCallback((next: Locale) => {
    setChosen(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // storage may be unavailable; the choice then lasts for this session only
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
    // Form validation runs the protocol's zod schemas in the browser; their default messages follow the UI.
    z.config(locale === 'en' ? zodEn() : zodNl());
  }, [locale]);
  const value = useMemo<I18n>(
    () => ({ locale, setLocale, t: makeTranslate(locale), text: makeTranslateText(locale) }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

export function useT(): Translate {
  return useI18n().t;
}

/** "nu", "5 min", "2 u 5 min", "3 d": compact age for the queue. */
export function formatAge(t: Translate, fromIso: string, now: number): string {
  const minutes = Math.floor((now - Date.parse(fromIso)) / 60_000);
  if (!Number.isFinite(minutes) || minutes < 1) return t('age.now');
  if (minutes < 60) return t('age.minutes', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const m = minutes % 60;
    return hours < 6 && m > 0 ? t('age.hoursMinutes', { h: hours, m }) : t('age.hours', { n: hours });
  }
  return t('age.days', { n: Math.floor(hours / 24) });
}
