/**
 * The i18n core both renderer apps (console and field) build on: the locales, placeholder
 * interpolation and date formatting in the municipality's time zone. Catalogues stay per app.
 */
export type Locale = 'nl' | 'en';
export const LOCALES: readonly Locale[] = ['nl', 'en'];

/**
 * A count in words: `{n, plural, one {# melding} other {# meldingen}}` (the ICU MessageFormat plural, without nesting:
 * an option holds text and `#`, the number). Options are `=N` (exactly N) and the language's plural categories.
 */
const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g;
const PLURAL_OPTION = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g;
const pluralRules = new Map<string, Intl.PluralRules>();

function pluralCategory(locale: Locale, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return rules.select(count);
}

/** The form for a count (a number, or a number already written out: "1.234" is plural too); `#` shows it as given. */
function choosePlural(options: string, value: string | number, locale: Locale): string | undefined {
  const count = typeof value === 'number' ? value : Number(value.replace(/[.\s\u00a0]/g, '').replace(',', '.'));
  if (typeof value === 'string' && (value.trim() === '' || !Number.isFinite(count))) return undefined;
  const forms = new Map([...options.matchAll(PLURAL_OPTION)].map((m) => [m[1] ?? '', m[2] ?? '']));
  const form = forms.get(`=${count}`) ?? forms.get(pluralCategory(locale, count)) ?? forms.get('other');
  return form?.replace(/#/g, String(value));
}

export function interpolate(template: string, params?: Record<string, string | number>, locale: Locale = 'nl'): string {
  if (!params) return template;
  const counted = template.replace(PLURAL, (whole, name: string, options: string) => {
    const count = params[name];
    return count === undefined ? whole : (choosePlural(options, count, locale) ?? whole);
  });
  return counted.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
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

/** "09:12": the time of day in the municipality's time zone (where the date goes without saying). */
export function formatTimeOfDay(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return cachedFormat(`t-${locale}`, () =>
    new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'nl-NL', { hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE }),
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
