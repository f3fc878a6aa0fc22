import type { z } from 'zod';
import { type DomainText, textMaker } from './domain-text';

/**
 * Dutch texts of input that does not match its protocol schema (server/protocol): one code per kind of
 * zod issue, and one per message a schema writes out itself ('Kies een categorie'), so a console can
 * say each field's problem in its own language.
 */
const ISSUE_TEXTS = {
  'input.invalid': 'Ongeldige invoer',
  'input.required': 'Verplicht',
  'input.invalid_type': 'Ongeldig type: verwacht {expected}',
  'input.too_short': 'Te kort: minstens {minimum} tekens',
  'input.too_long': 'Te lang: hoogstens {maximum} tekens',
  'input.too_few': 'Te weinig: minstens {minimum}',
  'input.too_many': 'Te veel: hoogstens {maximum}',
  'input.too_small': 'Te klein: minstens {minimum}',
  'input.too_big': 'Te groot: hoogstens {maximum}',
  'input.invalid_format': 'Ongeldige notatie ({format})',
  'input.invalid_value': 'Ongeldige waarde',
  'input.unrecognized_keys': 'Onbekende velden: {keys}',
} as const;

/** Messages the schemas write out themselves; each text must be the schema's, word for word. */
const SCHEMA_MESSAGE_TEXTS = {
  'input.category_required': 'Kies een categorie',
  'input.description_too_short': 'Beschrijving is te kort',
  'input.email_invalid': 'Ongeldig e-mailadres',
  'input.phone_invalid': 'Ongeldig telefoonnummer',
  'input.contact_required': 'Geef minstens een naam, e-mailadres of telefoonnummer',
  'input.consent_required': 'De melder moet toestemming geven om de contactgegevens te bewaren',
  'input.original_required': 'Kies de oorspronkelijke melding',
  'input.column_required': 'Kies een kolom',
  'input.csv_empty': 'Het bestand is leeg',
  'input.csv_too_large': 'Het bestand is te groot (hoogstens 10 MB)',
  'input.text_missing': 'Tekst ontbreekt',
  'input.url_invalid': 'Ongeldige URL (alleen http of https)',
  'input.lat_lng_pair': 'Geef lat en lng allebei, of geen van beide',
  'input.app_name_required': 'Geef de naam van de app',
} as const;

export const INPUT_TEXTS = { ...ISSUE_TEXTS, ...SCHEMA_MESSAGE_TEXTS };

const say = textMaker(INPUT_TEXTS);

/** `inputText('input.required')`: for the hub's own checks of input the schemas leave open. */
export const inputText = say;

type InputCode = keyof typeof INPUT_TEXTS;

/** A schema's own message -> its code. */
const SCHEMA_MESSAGES = new Map<string, InputCode>(
  (Object.entries(SCHEMA_MESSAGE_TEXTS) as [InputCode, string][]).map(([code, message]) => [message, code]),
);

type Issue = z.core.$ZodIssue;

function sizeCode(issue: Issue & { origin: string }, short: InputCode, few: InputCode, small: InputCode): InputCode {
  if (issue.origin === 'string') return short;
  if (issue.origin === 'array' || issue.origin === 'set') return few;
  return small;
}

/** The value at an issue's path in the input (zod leaves it out of the issue). */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** One zod issue on `input` as a coded text: the schema's own message when it wrote one, else the issue's kind. */
export function issueText(issue: Issue, input: unknown): DomainText {
  const own = SCHEMA_MESSAGES.get(issue.message);
  if (own) return say(own);
  switch (issue.code) {
    case 'invalid_type':
      return valueAt(input, issue.path) === undefined ? say('input.required') : say('input.invalid_type', { expected: issue.expected });
    case 'too_small':
      return say(sizeCode(issue, 'input.too_short', 'input.too_few', 'input.too_small'), { minimum: Number(issue.minimum) });
    case 'too_big':
      return say(sizeCode(issue, 'input.too_long', 'input.too_many', 'input.too_big'), { maximum: Number(issue.maximum) });
    case 'invalid_format':
      return say('input.invalid_format', { format: issue.format });
    case 'unrecognized_keys':
      return say('input.unrecognized_keys', { keys: issue.keys.join(', ') });
    default:
      return say('input.invalid_value');
  }
}

/** The first issue per field (dot-joined path, `_` for the whole input) as coded texts: `fieldErrors` coded. */
export function issueTexts(error: z.ZodError, input: unknown): Record<string, DomainText> {
  const texts: Record<string, DomainText> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : '_';
    texts[key] ??= issueText(issue, input);
  }
  return texts;
}
