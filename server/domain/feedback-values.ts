import type { FeedbackLocale, Resolution } from '../protocol/resolution';
import type { PlaceholderValues } from './feedback-placeholders';
import { CATEGORY_LABELS } from './resolution-codes';
import { capitalizeFirst } from './sentence-case';
import { DEFAULT_TIME_ZONE, localDateString } from './sla';

// The values a template's placeholders are filled with, from the report, its resolution and handling time.

/** The municipality a message speaks for (settings: hub/municipality-config.ts). */
export interface Municipality {
  name: string;
  phone: string;
  website: string;
  /** A logo file the hub serves on the public pages (hub/municipality-config.ts); absent: the name as text. */
  logoFile?: string | undefined;
  /** The team that signs citizen messages ({afzender}), per language; absent: DEFAULT_SIGNING_TEAM. */
  team?: { nl: string; en: string } | undefined;
}

/** Who signs a citizen message when the settings name no team. */
export const DEFAULT_SIGNING_TEAM: Readonly<Record<FeedbackLocale, string>> = { nl: 'Team Handhaving', en: 'Enforcement team' };

/** The team that signs a message in this language (settings, else the default). */
export function signingTeam(municipality: Municipality, locale: FeedbackLocale): string {
  return municipality.team?.[locale] ?? DEFAULT_SIGNING_TEAM[locale];
}

export const DEFAULT_MUNICIPALITY: Municipality = {
  name: 'Gemeente Den Haag',
  phone: '14 070',
  website: 'https://www.denhaag.nl',
};

/** One recipient of a message, as given at intake: the greeting is theirs. */
export interface FeedbackRecipient {
  name?: string | null | undefined;
  /** "mevrouw Jansen", "de heer De Vries", "familie Bakker": as the reporter wishes to be addressed. */
  salutation?: string | null | undefined;
}

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
  /** The category written for a sentence ("een boomtak" in "uw melding over een boomtak"), per category. */
  categoryPhrase?: string | null | undefined;
  /** Who this message greets ({naam}); absent: "melder" / "reporter". */
  recipient?: FeedbackRecipient | undefined;
  /** Name, phone and web address of the municipality ({gemeente}, {telefoon}, {website}); default Den Haag's. */
  municipality?: Municipality | undefined;
  resolution?: Resolution;
  /** `fixPhoto`: the approved photo of the fix ({?fotolink}), only when the desk sends it with the message. */
  links: { status: string; fixPhoto?: string };
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
  /** A main report's closing: its closed parts, one line each ({?deelmeldingen}; domain/sub-reports.ts partsSummary). */
  partsSummary?: string | undefined;
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

/**
 * An officer's fragment as a sentence inside prose: trimmed, inner whitespace collapsed, a capital first letter ("ij" →
 * "IJ", sentence-case.ts) and a full stop unless it already ends a sentence (. ! ? …, also before a closing quote or
 * bracket). Nothing else changes, so the words stay literally what was typed (checkSpecific compares them).
 */
export function asSentence(fragment: string): string {
  const text = fragment.replace(/\s+/g, ' ').trim();
  if (text === '') return '';
  const capital = capitalizeFirst(text);
  return /[.!?…]["'”’)\]]*$/.test(capital) ? capital : `${capital.replace(/[,;:]+$/, '')}.`;
}

/**
 * Who a message greets: the salutation the reporter gave ("mevrouw Jansen"), else their name ("Jan Jansen"), else
 * "melder" / "reporter". Never guessed from a name: a salutation is only what was typed at intake.
 */
export function greetingName(recipient: FeedbackRecipient | undefined, locale: FeedbackLocale): string {
  const salutation = recipient?.salutation?.replace(/\s+/g, ' ').trim();
  if (salutation) return salutation;
  const name = recipient?.name?.replace(/\s+/g, ' ').trim();
  if (name) return name;
  return locale === 'nl' ? 'melder' : 'reporter';
}

/** The category as it reads in a sentence: its own form, the built-in one, else its name starting lower-case. */
export function categoryInSentence(ctx: Pick<FeedbackContext, 'categoryPhrase' | 'categoryName' | 'report' | 'locale'>): string {
  const phrase = ctx.categoryPhrase?.trim();
  if (phrase) return phrase;
  const builtIn = CATEGORY_LABELS[ctx.report.category]?.[ctx.locale];
  if (builtIn) return builtIn;
  const name = ctx.categoryName?.trim();
  if (name) return name.charAt(0).toLocaleLowerCase('nl-NL') + name.slice(1);
  return ctx.report.category;
}

export function placeholderValues(ctx: FeedbackContext): PlaceholderValues {
  const { report, locale, resolution, sla } = ctx;
  const nl = locale === 'nl';
  const municipality = ctx.municipality ?? DEFAULT_MUNICIPALITY;
  const values: PlaceholderValues = {
    meldingnummer: report.number,
    categorie: categoryInSentence(ctx),
    naam: greetingName(ctx.recipient, locale),
    gemeente: municipality.name,
    afzender: signingTeam(municipality, locale),
    telefoon: municipality.phone,
    website: municipality.website,
    adres: report.address?.trim() || (nl ? 'de gemelde locatie' : 'the reported location'),
    statuslink: ctx.links.status,
    fotolink: ctx.links.fixPhoto,
    code: ctx.accessCode,
    toelichting: ctx.reply,
    aandachtsgebied_uitleg: ctx.focusAreaExplanation,
    deelmeldingen: ctx.partsSummary,
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
    // The officer's fragments are sentences in the message's prose (the desk's tidy-up frames them further).
    values.bevinding = asSentence(resolution.found.text);
    values.actie = asSentence(resolution.action.text);
    if (resolution.followUp) {
      values.vervolgdatum = formatLongDate(resolution.followUp.date, locale);
      values.vervolgactie = asSentence(resolution.followUp.what);
      values.vervolg_door = resolution.followUp.who;
    }
    if (resolution.kind === 'close') values.doorverwezen_naar = resolution.referredTo;
  }
  return values;
}
