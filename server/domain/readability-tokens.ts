/**
 * Tokens and sentence ends of a citizen message for the plain-language check (rules 1 to 3 of readability.ts):
 * which tokens are words, which are left out (URLs, anything with a digit, codes, dates in words) and where a
 * sentence ends. Pure.
 */

/** Abbreviations ending in a dot that do not end a sentence (lower case). */
export const ABBREVIATIONS: ReadonlySet<string> = new Set([
  'bijv.',
  'bv.',
  'o.a.',
  'd.w.z.',
  'i.v.m.',
  'm.b.t.',
  't.a.v.',
  't.b.v.',
  'd.m.v.',
  'c.q.',
  'z.s.m.',
  'e.d.',
  'nr.',
  'dhr.',
  'mevr.',
  'mr.',
  'mrs.',
  'ms.',
  'dr.',
  'e.g.',
  'i.e.',
]);

const MONTHS = new Set([
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
  'jan',
  'feb',
  'mrt',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'okt',
  'nov',
  'dec',
  'january',
  'february',
  'march',
  'may',
  'june',
  'july',
  'august',
  'october',
  'mar',
  'oct',
]);

const WEEKDAYS = new Set([
  'maandag',
  'dinsdag',
  'woensdag',
  'donderdag',
  'vrijdag',
  'zaterdag',
  'zondag',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
]);

export interface Token {
  start: number;
  end: number;
  raw: string;
  /** Stripped of non-letters/digits at both ends. */
  word: string;
  counted: boolean;
  /** A left-out number (a day number candidate for dates in words). */
  number: boolean;
  endsSentence: boolean;
  /** Ends in . ! or ? (not a known abbreviation): a sentence written to its end. */
  endMark: boolean;
}

export const EDGE = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
const HAS_LETTER = /\p{L}/u;
export const HAS_DIGIT = /\p{N}/u;

export function tokenize(text: string, skip: ReadonlySet<string>): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(/\S+/g)) {
    const raw = m[0];
    const start = m.index ?? 0;
    const end = start + raw.length;
    const word = raw.replace(EDGE, '');
    const lower = raw.toLowerCase();
    const url = raw.includes('://') || lower.replace(EDGE, '').startsWith('www.') || raw.includes('@');
    const digit = HAS_DIGIT.test(word);
    const code = raw.includes('_') || skip.has(word.toLowerCase());
    const counted = !url && !digit && !code && HAS_LETTER.test(word);
    const lineBreak = /^[^\S\n]*\n/.test(text.slice(end, end + 200));
    const trimmed = raw.replace(/["'”’»)\]]+$/u, '');
    const dotEnd = /[.!?]$/.test(trimmed) && !ABBREVIATIONS.has(trimmed.toLowerCase().replace(/^[("'“‘«[]+/u, ''));
    tokens.push({ start, end, raw, word, counted, number: !url && /^\p{N}+$/u.test(word), endsSentence: dotEnd || lineBreak, endMark: dotEnd });
  }
  // Dates in words: a month right after a left-out day number, a weekday right before one.
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!t.counted) continue;
    const lower = t.word.toLowerCase();
    if (MONTHS.has(lower) && tokens[i - 1]?.number && !tokens[i - 1]!.endsSentence) t.counted = false;
    else if (WEEKDAYS.has(lower) && tokens[i + 1]?.number && !t.endsSentence) t.counted = false;
  }
  return tokens;
}
