import type { Outcome } from '../protocol/report';
import type { FeedbackTrigger } from '../protocol/resolution';

/**
 * Placeholders a template may use. `{name}` must be filled or the message is refused;
 * `{?name}` is optional: when it has no value, its whole line is left out (unless that line also holds a
 * required placeholder: then only the optional one renders empty).
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
  /** A main report's closing: one sentence per closed part (sub-reports, domain/sub-reports.ts partsSummary). */
  'deelmeldingen',
  /** Who the message greets: the salutation given at intake, else the name, else "melder" ("Beste {naam},"). */
  'naam',
  /** The municipality (settings, hub/municipality-config.ts): name, phone number, web address. */
  'gemeente',
  /** The team that signs (settings MELDKAMER_MUNICIPALITY_TEAM / _EN; default "Team Handhaving" / "Enforcement team"). */
  'afzender',
  'telefoon',
  'website',
  /** The approved photo of the fix on the status page (/status/:token/foto), when the desk ticked "foto meesturen". */
  'fotolink',
] as const;
export type PlaceholderName = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Partial<Record<PlaceholderName, string>>;

const KNOWN = new Set<string>(PLACEHOLDERS);

export function isPlaceholder(name: string): boolean {
  return KNOWN.has(name);
}

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
    case 'follow_up_visit':
      return [...always, 'vervolgactie'];
  }
}

interface PlaceholderToken {
  name: string;
  optional: boolean;
}

const TOKEN = /\{([^{}]*)\}/g;
/** Marks where a template's full stop follows a value that already ends a sentence (removed with that stop). */
const STOP_MARK = '\uE001';

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
    let required = false;
    const filled = line.replace(TOKEN, (_match, inner: string, offset: number) => {
      const token = inner.trim();
      const optional = token.startsWith('?');
      if (!optional) required = true;
      const value = filledValue(values, optional ? token.slice(1).trim() : token);
      if (!value) droppedOptional = true;
      // A value that ends its sentence ("Tak hangt laag.") before the template's own full stop: one stop, not two.
      if (value && /[.!?…]$/.test(value) && line[offset + _match.length] === '.' && line[offset + _match.length + 1] !== '.') {
        return `${value}${STOP_MARK}`;
      }
      return value ?? '';
    }).replaceAll(`${STOP_MARK}.`, '');
    // A line about an absent optional value goes ("Uw code is {?code}, …"); one that also carries a required value stays.
    return droppedOptional && !required ? [] : [filled.trimEnd()];
  });
  return { ok: true, text: lines.join('\n').replace(/\n{3,}/g, '\n\n').trim() };
}

function filledValue(values: PlaceholderValues, name: string): string | undefined {
  const value = values[name as PlaceholderName];
  return value !== undefined && value.trim() !== '' ? value : undefined;
}
