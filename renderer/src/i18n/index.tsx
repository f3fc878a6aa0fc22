import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { z } from 'zod';
import zodEn from 'zod/v4/locales/en.js';
import zodNl from 'zod/v4/locales/nl.js';
import { interpolate, LOCALES, type Locale, MESSAGES, type MessageKey } from './messages';

export type { Locale, MessageKey } from './messages';
export { isMessageKey, LOCALES } from './messages';

const STORAGE_KEY = 'meldkamer.locale';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
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
  return (key, params) => interpolate(table[key] ?? MESSAGES.nl[key] ?? key, params);
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
  const value = useMemo<I18n>(() => ({ locale, setLocale, t: makeTranslate(locale) }), [locale, setLocale]);
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

const TIME_ZONE = 'Europe/Amsterdam';
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function cachedFormat(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = make();
    dateTimeFormats.set(key, format);
  }
  return format;
}

/** "14-07 09:12" style: compact date and time in the municipality's time zone. */
export function formatDateTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return cachedFormat(`dt-${locale}`, () =>
    new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'nl-NL', {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: TIME_ZONE,
    }),
  ).format(date);
}

/** A calendar date (YYYY-MM-DD) as "dinsdag 14 juli 2026", the way the citizen's message says it. */
export function formatLongDate(isoDate: string, locale: Locale): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  return cachedFormat(`ld-${locale}`, () =>
    new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'nl-NL', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }),
  ).format(Date.UTC(y, m - 1, d));
}

/** A calendar date (YYYY-MM-DD) as "di 14 jul", for dense rows. */
export function formatShortDate(isoDate: string, locale: Locale): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  return cachedFormat(`sd-${locale}`, () =>
    new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'nl-NL', {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      timeZone: 'UTC',
    }),
  ).format(Date.UTC(y, m - 1, d));
}
