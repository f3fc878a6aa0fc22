import type { FeedbackLocale, Resolution } from '../protocol/resolution';
import type { PlaceholderValues } from './feedback-placeholders';
import { categoryLabel } from './resolution-codes';
import { DEFAULT_TIME_ZONE, localDateString } from './sla';

// The values a template's placeholders are filled with, from the report, its resolution and handling time.

export interface FeedbackReport {
  number: string;
  category: string;
  address: string | null;
}

export interface FeedbackContext {
  report: FeedbackReport;
  locale: FeedbackLocale;
  /** Display name of the category; defaults to the label in resolution-codes. */
  categoryName?: string;
  resolution?: Resolution;
  links: { status: string };
  /** Short code for looking up the status page by report number. */
  accessCode?: string;
  /**
   * The report's handling time: its category's working days, or `hours` when its priority gave it a shorter term in
   * clock hours (domain/sla.ts slaTermFor); the message then speaks of hours and gives the deadline's time too.
   */
  sla?: { workingDays: number; hours?: number; deadline?: Date; timeZone?: string };
  /** Explanation to the citizen of a reopen decision. */
  reply?: string;
  /** Public explanation of a focus area (aandachtsgebied) the report lies in. */
  focusAreaExplanation?: string;
}

/** Long date in the message's language, e.g. "dinsdag 12 januari 2027". */
export function formatLongDate(isoDate: string, locale: FeedbackLocale): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1));
}

/** Local clock time, e.g. "03:00". */
function formatClockTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('nl-NL', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(at);
}

export function placeholderValues(ctx: FeedbackContext): PlaceholderValues {
  const { report, locale, resolution, sla } = ctx;
  const nl = locale === 'nl';
  const values: PlaceholderValues = {
    meldingnummer: report.number,
    categorie: ctx.categoryName ?? categoryLabel(report.category, locale),
    adres: report.address?.trim() || (nl ? 'de gemelde locatie' : 'the reported location'),
    statuslink: ctx.links.status,
    code: ctx.accessCode,
    toelichting: ctx.reply,
    aandachtsgebied_uitleg: ctx.focusAreaExplanation,
  };
  if (sla) {
    const timeZone = sla.timeZone ?? DEFAULT_TIME_ZONE;
    if (sla.hours !== undefined) {
      values.afhandeltermijn = `${sla.hours} ${nl ? 'uur' : sla.hours === 1 ? 'hour' : 'hours'}`;
    } else {
      const unit = sla.workingDays === 1 ? (nl ? 'werkdag' : 'working day') : nl ? 'werkdagen' : 'working days';
      values.afhandeltermijn = `${sla.workingDays} ${unit}`;
    }
    if (sla.deadline) {
      const date = formatLongDate(localDateString(sla.deadline, timeZone), locale);
      values.streefdatum = sla.hours !== undefined ? `${date} ${nl ? 'om' : 'at'} ${formatClockTime(sla.deadline, timeZone)}` : date;
    }
  }
  if (resolution) {
    values.bevinding = resolution.found.text;
    values.actie = resolution.action.text;
    if (resolution.followUp) {
      values.vervolgdatum = formatLongDate(resolution.followUp.date, locale);
      values.vervolgactie = resolution.followUp.what;
      values.vervolg_door = resolution.followUp.who;
    }
    if (resolution.kind === 'close') values.doorverwezen_naar = resolution.referredTo;
  }
  return values;
}
