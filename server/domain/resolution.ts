import { Outcome } from '../protocol/report';
import type { ClosingResolution, CodedText, FollowUp, Resolution } from '../protocol/resolution';
import { type DomainText, textMaker } from './domain-text';
import { findCode } from './resolution-codes';

export interface ResolutionContext {
  category: string;
  /** Today in the municipality's time zone, YYYY-MM-DD. */
  today: string;
}

/** Field errors by dot path, in Dutch (`fields`) and coded (`fieldTexts`, same keys). */
export type ResolutionValidation =
  | { ok: true; value: Resolution }
  | { ok: false; fields: Record<string, string>; fieldTexts: Record<string, DomainText> };

export const MIN_TEXT_LENGTH = 5;
export const MAX_TEXT_LENGTH = 2000;
/** A follow-up further away than this is almost certainly a typo in the year. */
export const MAX_FOLLOW_UP_DAYS = 366;

/**
 * Words that say nothing about what was found or done. A text made only of these
 * ("Afgehandeld.", "melding is opgelost", "ok", "n.v.t.") is rejected: the citizen must
 * hear what happened, not that something happened.
 */
const GENERIC_WORDS = new Set([
  'afgehandeld',
  'afgerond',
  'opgelost',
  'gedaan',
  'klaar',
  'geregeld',
  'verholpen',
  'gereed',
  'ok',
  'oke',
  'oké',
  'okay',
  'nvt',
  'done',
  'fixed',
  'solved',
  'resolved',
  'handled',
  'melding',
  'is',
  'de',
  'het',
  'een',
  'en',
  'zie',
  'boven',
  'wordt',
  'al',
  'reeds',
  'nu',
]);

export function isGenericText(text: string): boolean {
  const words = text
    .toLowerCase()
    .replace(/n\.v\.t\.?/g, 'nvt')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
  return words.every((w) => GENERIC_WORDS.has(w));
}

/** Dutch texts of field errors, by code (see domain-text.ts). */
export const RESOLUTION_TEXTS = {
  'resolution.kind': 'Kies of de melding wordt afgesloten of ingepland',
  'resolution.outcome': 'Kies een uitkomst',
  'resolution.found_code': 'Kies wat er is aangetroffen',
  'resolution.found_text': 'Beschrijf wat er is aangetroffen',
  'resolution.action_code': 'Kies wat er is gedaan',
  'resolution.action_text': 'Beschrijf wat er is gedaan',
  'resolution.unknown_code': 'Deze code hoort niet bij deze categorie',
  'resolution.too_short': 'Schrijf minstens {min} tekens',
  'resolution.too_long': 'Schrijf hoogstens {max} tekens',
  'resolution.generic': 'Schrijf concreet wat er is aangetroffen of gedaan, niet alleen "afgehandeld"',
  'resolution.follow_up_date': 'Vervolgdatum is verplicht bij ingepland',
  'resolution.follow_up_date_invalid': 'Vul een geldige datum in (JJJJ-MM-DD)',
  'resolution.follow_up_date_past': 'De vervolgdatum ligt in het verleden: kies vandaag of later',
  'resolution.follow_up_date_far': 'Vervolgdatum ligt meer dan een jaar vooruit',
  'resolution.follow_up_what': 'Beschrijf wat er gaat gebeuren',
  'resolution.follow_up_who': 'Geef aan wie het vervolg uitvoert',
  'resolution.referred_to': 'Geef aan naar wie is doorverwezen',
} as const;

const say = textMaker(RESOLUTION_TEXTS);

type FieldTexts = Record<string, DomainText>;

/**
 * Turns whatever a client sent into a Resolution, or into field errors keyed by dot
 * path ("found.text", "followUp.date") with Dutch messages and their codes. All errors are reported at
 * once so a form can show them next to every field.
 *
 * Values that do not belong to the chosen kind/outcome (an outcome on a scheduling
 * resolution, `referredTo` on a non-referral) are dropped, not rejected: forms keep
 * them around when the user switches choices.
 */
export function validateResolution(input: unknown, ctx: ResolutionContext): ResolutionValidation {
  const fields: FieldTexts = {};
  const root = asRecord(input);

  const kind = text(root.kind);
  if (kind !== 'close' && kind !== 'schedule') fields.kind = say('resolution.kind');

  const found = codedText(root.found, 'found', ctx.category, fields);
  const action = codedText(root.action, 'action', ctx.category, fields);

  let outcome: Outcome | undefined;
  if (kind === 'close') {
    const parsed = Outcome.safeParse(text(root.outcome));
    if (parsed.success) outcome = parsed.data;
    else fields.outcome = say('resolution.outcome');
  }

  const followUpInput = asRecord(root.followUp);
  const followUpRequired = kind === 'schedule';
  const followUpGiven = ['date', 'what', 'who'].some((k) => text(followUpInput[k]) !== '');
  const followUp = followUpRequired || followUpGiven ? parseFollowUp(followUpInput, ctx.today, fields) : undefined;

  let referredTo: string | undefined;
  if (outcome === 'referred') {
    referredTo = text(root.referredTo);
    if (referredTo.length < 2) fields.referredTo = say('resolution.referred_to');
  }

  if (Object.keys(fields).length > 0 || !found || !action) return refuse(fields);

  if (kind === 'schedule' && followUp) {
    return { ok: true, value: { kind: 'schedule', found, action, followUp } };
  }
  if (kind === 'close' && outcome) {
    const value: ClosingResolution = { kind: 'close', outcome, found, action };
    if (followUp) value.followUp = followUp;
    if (referredTo) value.referredTo = referredTo;
    return { ok: true, value };
  }
  // Unreachable: every path above that leaves kind/outcome/followUp unset also records an error.
  return refuse({ kind: say('resolution.kind') });
}

function refuse(fieldTexts: FieldTexts): ResolutionValidation {
  const fields = Object.fromEntries(Object.entries(fieldTexts).map(([key, t]) => [key, t.message]));
  return { ok: false, fields, fieldTexts };
}

function codedText(
  input: unknown,
  key: 'found' | 'action',
  category: string,
  fields: FieldTexts,
): CodedText | undefined {
  const record = asRecord(input);
  const code = text(record.code);
  const body = text(record.text);
  let ok = true;

  if (code === '') {
    fields[`${key}.code`] = say(key === 'found' ? 'resolution.found_code' : 'resolution.action_code');
    ok = false;
  } else if (!findCode(category, key, code)) {
    fields[`${key}.code`] = say('resolution.unknown_code');
    ok = false;
  }

  const textError = freeTextError(body, say(key === 'found' ? 'resolution.found_text' : 'resolution.action_text'));
  if (textError) {
    fields[`${key}.text`] = textError;
    ok = false;
  }
  return ok ? { code, text: body } : undefined;
}

function freeTextError(value: string, whenEmpty: DomainText): DomainText | undefined {
  if (value === '') return whenEmpty;
  if (value.length < MIN_TEXT_LENGTH) return say('resolution.too_short', { min: MIN_TEXT_LENGTH });
  if (value.length > MAX_TEXT_LENGTH) return say('resolution.too_long', { max: MAX_TEXT_LENGTH });
  if (isGenericText(value)) return say('resolution.generic');
  return undefined;
}

function parseFollowUp(
  input: Record<string, unknown>,
  today: string,
  fields: FieldTexts,
): FollowUp | undefined {
  const date = text(input.date);
  const what = text(input.what);
  const who = text(input.who);
  const before = Object.keys(fields).length;

  if (date === '') fields['followUp.date'] = say('resolution.follow_up_date');
  else if (!isCalendarDate(date)) fields['followUp.date'] = say('resolution.follow_up_date_invalid');
  // Today is allowed: a date-only follow-up of today acts at its hour (07:00), or at the job's next look when that
  // hour has passed (domain/follow-up.ts), which is how the desk tries the follow-up by hand. "Today" is the
  // municipality's civil date (ctx.today).
  else if (date < today) fields['followUp.date'] = say('resolution.follow_up_date_past');
  else if (daysBetween(today, date) > MAX_FOLLOW_UP_DAYS) fields['followUp.date'] = say('resolution.follow_up_date_far');

  const whatError = freeTextError(what, say('resolution.follow_up_what'));
  if (whatError) fields['followUp.what'] = whatError;
  if (who.length < 2) fields['followUp.who'] = say('resolution.follow_up_who');

  return Object.keys(fields).length === before ? { date, what, who } : undefined;
}

/** True for an existing YYYY-MM-DD date (rejects 2027-02-30). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}
