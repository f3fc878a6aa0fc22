import type { Outcome } from '../protocol/report';
import {
  FeedbackTemplate,
  type FeedbackLocale,
  type FeedbackTrigger,
  type Resolution,
} from '../protocol/resolution';
import { defaultTemplates } from './feedback-templates';
import { categoryLabel } from './resolution-codes';
import { DEFAULT_TIME_ZONE, localDateString } from './sla';

export { defaultTemplates };
export type { FeedbackLocale, FeedbackTemplate, FeedbackTrigger };

/**
 * Placeholders a template may use. `{name}` must be filled or the message is refused;
 * `{?name}` is optional and renders empty (a line left empty by it is removed).
 */
export const PLACEHOLDERS = [
  'meldingnummer',
  'categorie',
  'adres',
  'bevinding',
  'actie',
  'vervolgdatum',
  'vervolgactie',
  'vervolg_door',
  'doorverwezen_naar',
  'afhandeltermijn',
  'streefdatum',
  'statuslink',
  'code',
  'toelichting',
  'aandachtsgebied_uitleg',
] as const;
export type PlaceholderName = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Partial<Record<PlaceholderName, string>>;

const KNOWN = new Set<string>(PLACEHOLDERS);

/** Placeholders a template of a trigger must contain, required (not `{?...}`), in its body. */
export function requiredPlaceholders(trigger: FeedbackTrigger, outcome?: Outcome): PlaceholderName[] {
  const always: PlaceholderName[] = ['meldingnummer', 'statuslink'];
  switch (trigger) {
    case 'receipt':
      return [...always, 'afhandeltermijn'];
    case 'scheduled':
      return [...always, 'bevinding', 'vervolgactie', 'vervolgdatum'];
    case 'closed':
      return [...always, 'bevinding', 'actie', ...(outcome === 'referred' ? (['doorverwezen_naar'] as const) : [])];
    case 'reopen_accepted':
    case 'reopen_rejected':
      return [...always, 'toelichting'];
  }
}

// ---- placeholders ----

interface PlaceholderToken {
  name: string;
  optional: boolean;
}

const TOKEN = /\{([^{}]*)\}/g;

export function placeholdersIn(text: string): PlaceholderToken[] {
  return [...text.matchAll(TOKEN)].map((m) => {
    const inner = (m[1] ?? '').trim();
    const optional = inner.startsWith('?');
    return { name: optional ? inner.slice(1).trim() : inner, optional };
  });
}

export type FillResult = { ok: true; text: string } | { ok: false; missing: string[]; unknown: string[] };

/**
 * Replaces placeholders in one pass (values are never scanned again, so a value that
 * contains braces is safe). Refuses unknown placeholders and required ones without a
 * non-blank value, listing their names.
 */
export function fillTemplate(text: string, values: PlaceholderValues): FillResult {
  const missing = new Set<string>();
  const unknown = new Set<string>();
  for (const token of placeholdersIn(text)) {
    if (!KNOWN.has(token.name)) unknown.add(token.name);
    else if (!token.optional && !filledValue(values, token.name)) missing.add(token.name);
  }
  if (missing.size > 0 || unknown.size > 0) return { ok: false, missing: [...missing], unknown: [...unknown] };

  const lines = text.split('\n').flatMap((line) => {
    let droppedOptional = false;
    const filled = line.replace(TOKEN, (_match, inner: string) => {
      const token = inner.trim();
      const optional = token.startsWith('?');
      const value = filledValue(values, optional ? token.slice(1).trim() : token);
      if (!value) droppedOptional = true;
      return value ?? '';
    });
    return droppedOptional && filled.trim() === '' ? [] : [filled.trimEnd()];
  });
  return { ok: true, text: lines.join('\n').replace(/\n{3,}/g, '\n\n').trim() };
}

function filledValue(values: PlaceholderValues, name: string): string | undefined {
  const value = values[name as PlaceholderName];
  return value !== undefined && value.trim() !== '' ? value : undefined;
}

// ---- selection ----

export interface TemplateQuery {
  category: string;
  trigger: FeedbackTrigger;
  outcome?: Outcome;
  locale: FeedbackLocale;
}

/**
 * Most specific template wins: category+outcome > category > '*'+outcome > '*'.
 * A template for another outcome or category never applies. Without a template in
 * the requested locale, the Dutch one is used. Ties go to the first in the list.
 */
export function selectTemplate(
  templates: readonly FeedbackTemplate[],
  query: TemplateQuery,
): FeedbackTemplate | undefined {
  return bestIn(templates, query, query.locale) ?? (query.locale === 'nl' ? undefined : bestIn(templates, query, 'nl'));
}

function bestIn(
  templates: readonly FeedbackTemplate[],
  query: TemplateQuery,
  locale: FeedbackLocale,
): FeedbackTemplate | undefined {
  let best: FeedbackTemplate | undefined;
  let bestScore = 0;
  for (const t of templates) {
    if (t.trigger !== query.trigger || t.locale !== locale) continue;
    if (t.category !== '*' && t.category !== query.category) continue;
    if (t.outcome !== undefined && t.outcome !== query.outcome) continue;
    const score = (t.category === '*' ? 0 : 2) + (t.outcome === undefined ? 0 : 1) + 1;
    if (score > bestScore) {
      best = t;
      bestScore = score;
    }
  }
  return best;
}

// ---- values from report and resolution ----

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
  sla?: { workingDays: number; deadline?: Date; timeZone?: string };
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
    const unit = sla.workingDays === 1 ? (nl ? 'werkdag' : 'working day') : nl ? 'werkdagen' : 'working days';
    values.afhandeltermijn = `${sla.workingDays} ${unit}`;
    if (sla.deadline) {
      values.streefdatum = formatLongDate(localDateString(sla.deadline, sla.timeZone ?? DEFAULT_TIME_ZONE), locale);
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

// ---- the specificity guard ----

export type SpecificCheck = { ok: true } | { ok: false; missing: PlaceholderName[]; message: string };

const DESCRIPTIONS: Partial<Record<PlaceholderName, string>> = {
  bevinding: 'wat er is aangetroffen',
  actie: 'wat er is gedaan',
  vervolgactie: 'wat er nog gaat gebeuren',
  vervolgdatum: 'de vervolgdatum',
  doorverwezen_naar: 'naar wie is doorverwezen',
};

/**
 * A message about a resolution must say, literally, what was found and what was done
 * (closing), what will happen and when (scheduling), and to whom it was referred.
 * Catches an edited message that dropped them or says only "afgehandeld".
 */
export function checkSpecific(text: string, resolution: Resolution, locale: FeedbackLocale): SpecificCheck {
  const haystack = normalize(text);
  const expected: [PlaceholderName, string][] = [['bevinding', resolution.found.text]];
  if (resolution.kind === 'close') {
    expected.push(['actie', resolution.action.text]);
    if (resolution.outcome === 'referred' && resolution.referredTo) {
      expected.push(['doorverwezen_naar', resolution.referredTo]);
    }
  } else {
    expected.push(['vervolgactie', resolution.followUp.what]);
    expected.push(['vervolgdatum', formatLongDate(resolution.followUp.date, locale)]);
  }
  const missing = expected.filter(([, value]) => !haystack.includes(normalize(value))).map(([name]) => name);
  if (missing.length === 0) return { ok: true };
  const what = missing.map((name) => DESCRIPTIONS[name] ?? name).join(', ');
  return {
    ok: false,
    missing,
    message: `Het bericht moet letterlijk vermelden: ${what}. Pas zo nodig de afhandeling aan, niet alleen het bericht.`,
  };
}

function normalize(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

// ---- composing ----

export interface ComposeInput extends FeedbackContext {
  trigger: FeedbackTrigger;
  /** Use this template instead of selecting one. */
  template?: FeedbackTemplate;
  /** Templates to select from; defaults to `defaultTemplates`. */
  templates?: readonly FeedbackTemplate[];
  /** The dispatcher's edit of the preview; may still contain placeholders. */
  edited?: { subject?: string; text?: string };
}

export type ComposeErrorCode = 'no_template' | 'resolution_required' | 'placeholders' | 'not_specific';

export type ComposeResult =
  | { ok: true; templateId: string; subject: string; text: string; html: string }
  | { ok: false; code: ComposeErrorCode; message: string; missing: string[]; unknown: string[] };

export function composeFeedback(input: ComposeInput): ComposeResult {
  const { trigger, resolution, locale } = input;
  const resolutionError = resolutionMismatch(trigger, resolution);
  if (resolutionError) return refuse('resolution_required', resolutionError);

  const outcome = resolution?.kind === 'close' ? resolution.outcome : undefined;
  const template =
    input.template ??
    selectTemplate(input.templates ?? defaultTemplates, { category: input.report.category, trigger, outcome, locale });
  if (!template) return refuse('no_template', 'Er is geen berichtsjabloon voor deze melding.');

  const values = placeholderValues(input);
  const subject = fillTemplate(input.edited?.subject ?? template.subject, values);
  const body = fillTemplate(input.edited?.text ?? template.body, values);
  if (!subject.ok || !body.ok) {
    const missing = unique([...(subject.ok ? [] : subject.missing), ...(body.ok ? [] : body.missing)]);
    const unknown = unique([...(subject.ok ? [] : subject.unknown), ...(body.ok ? [] : body.unknown)]);
    return refuse('placeholders', placeholderMessage(missing, unknown), missing, unknown);
  }

  if (resolution && (trigger === 'closed' || trigger === 'scheduled')) {
    const specific = checkSpecific(body.text, resolution, locale);
    if (!specific.ok) return refuse('not_specific', specific.message, specific.missing);
  }

  return {
    ok: true,
    templateId: template.id,
    subject: subject.text.replace(/\s*\n\s*/g, ' '),
    text: body.text,
    html: renderHtml(body.text, [input.links.status]),
  };
}

function resolutionMismatch(trigger: FeedbackTrigger, resolution: Resolution | undefined): string | undefined {
  if (trigger === 'closed' && resolution?.kind !== 'close') {
    return 'Een afsluitbericht kan alleen worden gemaakt bij een afhandeling met uitkomst.';
  }
  if (trigger === 'scheduled' && resolution?.kind !== 'schedule') {
    return 'Een bericht over inplannen kan alleen worden gemaakt bij een afhandeling met vervolgdatum.';
  }
  return undefined;
}

function placeholderMessage(missing: string[], unknown: string[]): string {
  const parts: string[] = [];
  if (missing.length > 0) parts.push(`niet ingevuld: ${missing.map((n) => `{${n}}`).join(', ')}`);
  if (unknown.length > 0) parts.push(`onbekend: ${unknown.map((n) => `{${n}}`).join(', ')}`);
  return `Het bericht kan niet worden verstuurd, plaatshouders ${parts.join('; ')}.`;
}

function refuse(
  code: ComposeErrorCode,
  message: string,
  missing: string[] = [],
  unknown: string[] = [],
): ComposeResult {
  return { ok: false, code, message, missing, unknown };
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}

// ---- html ----

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Plain text -> HTML body fragment: everything escaped, blank lines make paragraphs,
 * single newlines <br>. Only the given system links (http/https) become anchors.
 */
export function renderHtml(text: string, links: readonly string[] = []): string {
  const anchors = links.filter((l) => /^https?:\/\//.test(l)).map((l) => escapeHtml(l));
  return text
    .split(/\n{2,}/)
    .map((paragraph) => {
      let html = escapeHtml(paragraph).replace(/\n/g, '<br>\n');
      for (const link of anchors) html = html.split(link).join(`<a href="${link}">${link}</a>`);
      return `<p>${html}</p>`;
    })
    .join('\n');
}

// ---- admin edits ----

export type TemplateValidation = { ok: true; value: FeedbackTemplate } | { ok: false; fields: Record<string, string> };

/** Checks a template an admin submits: shape, outcome rules, unknown and missing placeholders. */
export function validateTemplate(input: unknown): TemplateValidation {
  const parsed = FeedbackTemplate.safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path.join('.') || '_';
      fields[key] ??= 'Ongeldige of ontbrekende waarde';
    }
    return { ok: false, fields };
  }
  const template = parsed.data;
  const fields: Record<string, string> = {};

  if (template.trigger === 'closed' && !template.outcome) {
    fields.outcome = 'Kies voor welke uitkomst dit afsluitbericht is';
  } else if (template.trigger !== 'closed' && template.outcome) {
    fields.outcome = 'Alleen afsluitberichten hebben een uitkomst';
  }

  if (template.subject.trim() === '') fields.subject = 'Onderwerp is verplicht';
  else if (template.subject.includes('\n')) fields.subject = 'Het onderwerp moet op één regel staan';
  else {
    const unknown = unknownIn(template.subject);
    if (unknown.length > 0) fields.subject = `Onbekende plaatshouder: ${braces(unknown)}`;
  }

  if (template.body.trim() === '') fields.body = 'Tekst is verplicht';
  else {
    const bodyError = bodyProblem(template.body, requiredPlaceholders(template.trigger, template.outcome));
    if (bodyError) fields.body = bodyError;
  }

  return Object.keys(fields).length > 0 ? { ok: false, fields } : { ok: true, value: template };
}

function bodyProblem(body: string, required: PlaceholderName[]): string | undefined {
  const unknown = unknownIn(body);
  if (unknown.length > 0) return `Onbekende plaatshouder: ${braces(unknown)}`;
  const tokens = placeholdersIn(body);
  const optionalRequired = required.filter((name) => tokens.some((t) => t.name === name && t.optional));
  const absent = required.filter((name) => !tokens.some((t) => t.name === name && !t.optional));
  if (absent.length > 0) {
    const note = optionalRequired.length > 0 ? ` (${braces(optionalRequired)} mag niet optioneel zijn)` : '';
    return `Verplichte plaatshouders ontbreken: ${braces(absent)}${note}`;
  }
  return undefined;
}

function unknownIn(text: string): string[] {
  return unique(placeholdersIn(text).filter((t) => !KNOWN.has(t.name)).map((t) => t.name));
}

function braces(names: readonly string[]): string {
  return names.map((n) => `{${n}}`).join(', ');
}
