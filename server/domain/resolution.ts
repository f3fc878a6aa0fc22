import { Outcome } from '../protocol/report';
import type { ClosingResolution, CodedText, FollowUp, Resolution } from '../protocol/resolution';
import { findCode } from './resolution-codes';

export interface ResolutionContext {
  category: string;
  /** Today in the municipality's time zone, YYYY-MM-DD. */
  today: string;
}

export type ResolutionValidation =
  | { ok: true; value: Resolution }
  | { ok: false; fields: Record<string, string> };

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

const MESSAGES = {
  kind: 'Kies of de melding wordt afgesloten of ingepland',
  outcome: 'Kies een uitkomst',
  foundCode: 'Kies wat er is aangetroffen',
  foundText: 'Beschrijf wat er is aangetroffen',
  actionCode: 'Kies wat er is gedaan',
  actionText: 'Beschrijf wat er is gedaan',
  unknownCode: 'Deze code hoort niet bij deze categorie',
  tooShort: `Schrijf minstens ${MIN_TEXT_LENGTH} tekens`,
  tooLong: `Schrijf hoogstens ${MAX_TEXT_LENGTH} tekens`,
  generic: 'Schrijf concreet wat er is aangetroffen of gedaan, niet alleen "afgehandeld"',
  followUpDate: 'Vervolgdatum is verplicht bij ingepland',
  followUpDateInvalid: 'Vul een geldige datum in (JJJJ-MM-DD)',
  followUpDatePast: 'Vervolgdatum moet in de toekomst liggen',
  followUpDateFar: 'Vervolgdatum ligt meer dan een jaar vooruit',
  followUpWhat: 'Beschrijf wat er gaat gebeuren',
  followUpWho: 'Geef aan wie het vervolg uitvoert',
  referredTo: 'Geef aan naar wie is doorverwezen',
} as const;

/**
 * Turns whatever a client sent into a Resolution, or into field errors keyed by dot
 * path ("found.text", "followUp.date") with Dutch messages. All errors are reported at
 * once so a form can show them next to every field.
 *
 * Values that do not belong to the chosen kind/outcome (an outcome on a scheduling
 * resolution, `referredTo` on a non-referral) are dropped, not rejected: forms keep
 * them around when the user switches choices.
 */
export function validateResolution(input: unknown, ctx: ResolutionContext): ResolutionValidation {
  const fields: Record<string, string> = {};
  const root = asRecord(input);

  const kind = text(root.kind);
  if (kind !== 'close' && kind !== 'schedule') fields.kind = MESSAGES.kind;

  const found = codedText(root.found, 'found', ctx.category, fields);
  const action = codedText(root.action, 'action', ctx.category, fields);

  let outcome: Outcome | undefined;
  if (kind === 'close') {
    const parsed = Outcome.safeParse(text(root.outcome));
    if (parsed.success) outcome = parsed.data;
    else fields.outcome = MESSAGES.outcome;
  }

  const followUpInput = asRecord(root.followUp);
  const followUpRequired = kind === 'schedule';
  const followUpGiven = ['date', 'what', 'who'].some((k) => text(followUpInput[k]) !== '');
  const followUp = followUpRequired || followUpGiven ? parseFollowUp(followUpInput, ctx.today, fields) : undefined;

  let referredTo: string | undefined;
  if (outcome === 'referred') {
    referredTo = text(root.referredTo);
    if (referredTo.length < 2) fields.referredTo = MESSAGES.referredTo;
  }

  if (Object.keys(fields).length > 0 || !found || !action) return { ok: false, fields };

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
  return { ok: false, fields: { kind: MESSAGES.kind } };
}

function codedText(
  input: unknown,
  key: 'found' | 'action',
  category: string,
  fields: Record<string, string>,
): CodedText | undefined {
  const record = asRecord(input);
  const code = text(record.code);
  const body = text(record.text);
  let ok = true;

  if (code === '') {
    fields[`${key}.code`] = key === 'found' ? MESSAGES.foundCode : MESSAGES.actionCode;
    ok = false;
  } else if (!findCode(category, key, code)) {
    fields[`${key}.code`] = MESSAGES.unknownCode;
    ok = false;
  }

  const textError = freeTextError(body, key === 'found' ? MESSAGES.foundText : MESSAGES.actionText);
  if (textError) {
    fields[`${key}.text`] = textError;
    ok = false;
  }
  return ok ? { code, text: body } : undefined;
}

function freeTextError(value: string, whenEmpty: string): string | undefined {
  if (value === '') return whenEmpty;
  if (value.length < MIN_TEXT_LENGTH) return MESSAGES.tooShort;
  if (value.length > MAX_TEXT_LENGTH) return MESSAGES.tooLong;
  if (isGenericText(value)) return MESSAGES.generic;
  return undefined;
}

function parseFollowUp(
  input: Record<string, unknown>,
  today: string,
  fields: Record<string, string>,
): FollowUp | undefined {
  const date = text(input.date);
  const what = text(input.what);
  const who = text(input.who);
  const before = Object.keys(fields).length;

  if (date === '') fields['followUp.date'] = MESSAGES.followUpDate;
  else if (!isCalendarDate(date)) fields['followUp.date'] = MESSAGES.followUpDateInvalid;
  else if (date <= today) fields['followUp.date'] = MESSAGES.followUpDatePast;
  else if (daysBetween(today, date) > MAX_FOLLOW_UP_DAYS) fields['followUp.date'] = MESSAGES.followUpDateFar;

  const whatError = freeTextError(what, MESSAGES.followUpWhat);
  if (whatError) fields['followUp.what'] = whatError;
  if (who.length < 2) fields['followUp.who'] = MESSAGES.followUpWho;

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
