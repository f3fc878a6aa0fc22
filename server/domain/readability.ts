import hyphenNl from 'hyphen/nl/index.js';
import { PLAIN_WORDS_EN, PLAIN_WORDS_NL, type PlainWord } from './plain-words';

/**
 * Plain-language check of a citizen message (taalniveau B1): a readability score and hints. Pure (the Dutch
 * hyphenation patterns of the `hyphen` package are data, no I/O). The score is a proxy for B1, not B1 itself.
 *
 * THE RULE (tests compute it by hand from this):
 *
 * 1. Tokens: the text split on white space. A token's word is the token with everything that is not a letter or a
 *    digit stripped from both ends ("(stoep)," → "stoep").
 * 2. Left out of every count (not a word, does not end or start a sentence):
 *    - URLs and e-mail addresses: a token containing "://", starting with "www." or containing "@";
 *    - anything with a digit: numbers, times, dates ("1-12-2026", "2026-12-01"), report numbers ("M-000123"),
 *      codes with digits ("EY7WVY");
 *    - codes: a token containing "_" (snake_case codes such as "tak_laag"), and the tokens the caller names as
 *      codes (`skip`: the report's short code and number, compared without case);
 *    - dates in words: a month name ("december", "dec") right after a left-out day number, and a weekday
 *      ("dinsdag", "tuesday") right before a left-out day number.
 *    Every other token with at least one letter is a word. All-caps abbreviations count as words (and get a hint).
 * 3. Sentences: a sentence ends after a token ending in ".", "!" or "?" (closing quotes or brackets after it
 *    allowed), except the abbreviations in ABBREVIATIONS, and at every line break. Sentences without words
 *    are not counted.
 * 4. Dutch syllables of a word: split the word into letter runs (at "-", "'" and other non-letters). For each run
 *    with at least one vowel, hyphenate it with the Dutch TeX patterns (`hyphen/nl/index.js`, minWordLength 1) and add,
 *    per hyphenation piece, the number of its vowel groups, at least 1. Runs without a vowel add 0; a word has
 *    at least 1 syllable. Vowel groups: read the piece left to right (lower case, é è ê á à â ó ô ú û í î read as
 *    their plain vowel), taking the longest of
 *      aai eeu ieu ooi oei eau | ij ie oe eu ui aa ee oo uu ei au ou ai | a e i o u y
 *    at each vowel; every match is one group, and a letter with a trema (ë ï ö ü ä) is always a group of its own.
 *    So where the patterns and the vowel groups agree that is the count, and where the patterns split a vowel
 *    group ("zee|ën") the split counts (one more syllable); the patterns never lower the count.
 *    Examples: "boomtak" boom|tak 2, "bioscoop" bios|coop (i, o | oo) 3, "mooie" (ooi, e) 2, "ideeën" 3,
 *    "geïnformeerd" 4, "snoeiploeg" 2.
 * 5. English syllables of a word: per letter run, the groups of a e i o u y; minus one for a final "e" when the
 *    run has more than one group and does not end in "le" after a consonant or in "ee"; at least 1 per word.
 * 6. Scores (W words, S sentences, Y syllables):
 *      Dutch (Flesch-Douma):      206.84 − 0.77 × (100 × Y / W) − 0.93 × (W / S)
 *      English (Flesch):          206.835 − 1.015 × (W / S) − 84.6 × (Y / W)
 *    rounded to one decimal (half away from zero), not clamped. No words: score null, level 'empty'.
 * 7. Level: 'easy' ≥ 80, 'plain' ≥ 60 (B1 reach), 'fair' ≥ 45, 'hard' below 45.
 * 8. Hints, in text order (start/end are offsets into the text, end exclusive):
 *    - 'long_sentence': a sentence of more than 15 words (`words`: its count);
 *    - 'plain_word': a form from plain-words.ts (case-insensitive, whole words, longest first, not overlapping);
 *    - 'jargon': a snake_case code ("tak_laag"), or an all-caps word of two or more letters (no digit) not in
 *      ALLOWED_ABBREVIATIONS and not a `skip` token, nor the two letters of a Dutch postcode (right after a token
 *      of exactly four digits: "2514 EE");
 *    - 'long_word': a word of more than 5 syllables or more than 20 letters.
 */

export type ReadabilityLocale = 'nl' | 'en';
export type ReadabilityLevel = 'easy' | 'plain' | 'fair' | 'hard' | 'empty';

export type ReadabilityHint =
  | { kind: 'long_sentence'; start: number; end: number; text: string; words: number }
  | { kind: 'plain_word'; start: number; end: number; text: string; replacement: string }
  | { kind: 'jargon'; start: number; end: number; text: string }
  | { kind: 'long_word'; start: number; end: number; text: string; syllables: number };

export interface Readability {
  score: number | null;
  level: ReadabilityLevel;
  words: number;
  sentences: number;
  syllables: number;
  hints: ReadabilityHint[];
}

export interface ReadabilityOptions {
  locale: ReadabilityLocale;
  /** Tokens that are codes here (the report's short code and number): left out and never jargon. */
  skip?: readonly string[];
}

export const LONG_SENTENCE_WORDS = 15;
/** The default floor below which a message needs a confirmation before it is sent (hub/readability-config.ts). */
export const DEFAULT_READABILITY_FLOOR = 60;
export const LONG_WORD_SYLLABLES = 5;
export const LONG_WORD_LETTERS = 20;
export const LEVEL_FLOORS = { easy: 80, plain: 60, fair: 45 } as const;

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

/** All-caps abbreviations every reader knows: no jargon hint. */
export const ALLOWED_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'SMS',
  'OV',
  'NS',
  'WC',
  'TV',
  'EU',
  'GGD',
  'PDF',
  'OK',
  'ANWB',
  'KPN',
  'UK',
  'USA',
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

interface Token {
  start: number;
  end: number;
  raw: string;
  /** Stripped of non-letters/digits at both ends. */
  word: string;
  counted: boolean;
  /** A left-out number (a day number candidate for dates in words). */
  number: boolean;
  endsSentence: boolean;
}

const EDGE = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
const HAS_LETTER = /\p{L}/u;
const HAS_DIGIT = /\p{N}/u;

function tokenize(text: string, skip: ReadonlySet<string>): Token[] {
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
    tokens.push({ start, end, raw, word, counted, number: !url && /^\p{N}+$/u.test(word), endsSentence: dotEnd || lineBreak });
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

// ---- syllables ----

const VOWEL_UNITS = ['aai', 'eeu', 'ieu', 'ooi', 'oei', 'eau', 'ij', 'ie', 'oe', 'eu', 'ui', 'aa', 'ee', 'oo', 'uu', 'ei', 'au', 'ou', 'ai'];
const PLAIN_VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);
const TREMA = new Set(['ë', 'ï', 'ö', 'ü', 'ä']);
const ACCENTED: Readonly<Record<string, string>> = {
  é: 'e',
  è: 'e',
  ê: 'e',
  á: 'a',
  à: 'a',
  â: 'a',
  ó: 'o',
  ô: 'o',
  ú: 'u',
  û: 'u',
  í: 'i',
  î: 'i',
};

/** Vowel groups of a piece, by the Dutch rule in the header (4). */
export function dutchVowelGroups(piece: string): number {
  const chars = [...piece.toLowerCase()].map((c) => (TREMA.has(c) ? c : (ACCENTED[c] ?? c)));
  let groups = 0;
  let i = 0;
  while (i < chars.length) {
    const c = chars[i]!;
    if (TREMA.has(c)) {
      groups++;
      i++;
      continue;
    }
    if (!PLAIN_VOWELS.has(c)) {
      i++;
      continue;
    }
    let length = 1;
    for (const unit of VOWEL_UNITS) {
      if (unit.length > length && chars.slice(i, i + unit.length).join('') === unit) {
        length = unit.length;
        break;
      }
    }
    groups++;
    i += length;
  }
  return groups;
}

const hyphenCache = new Map<string, string[]>();

/** The Dutch hyphenation pieces of a letter run ("onderhoudsronde" → on, der, houds, ron, de). */
export function dutchHyphenation(run: string): string[] {
  const lower = run.toLowerCase();
  const cached = hyphenCache.get(lower);
  if (cached) return cached;
  const pieces = hyphenNl.hyphenateSync(lower, { hyphenChar: '|', minWordLength: 1 }).split('|').filter(Boolean);
  if (hyphenCache.size > 20_000) hyphenCache.clear();
  hyphenCache.set(lower, pieces);
  return pieces;
}

function letterRuns(word: string): string[] {
  return word.split(/[^\p{L}]+/u).filter(Boolean);
}

export function dutchSyllables(word: string): number {
  let total = 0;
  for (const run of letterRuns(word)) {
    if (dutchVowelGroups(run) === 0) continue;
    for (const piece of dutchHyphenation(run)) total += Math.max(1, dutchVowelGroups(piece));
  }
  return Math.max(1, total);
}

export function englishSyllables(word: string): number {
  let total = 0;
  for (const run of letterRuns(word.toLowerCase())) {
    let groups = run.match(/[aeiouy]+/g)?.length ?? 0;
    if (groups > 1 && run.endsWith('e') && !run.endsWith('ee') && !/[^aeiouy]le$/.test(run)) groups--;
    total += groups;
  }
  return Math.max(1, total);
}

// ---- hints ----

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const plainPatterns = new Map<ReadabilityLocale, { pattern: RegExp; byForm: Map<string, PlainWord> }>();

function plainPattern(locale: ReadabilityLocale) {
  const cached = plainPatterns.get(locale);
  if (cached) return cached;
  const list = locale === 'en' ? PLAIN_WORDS_EN : PLAIN_WORDS_NL;
  const byForm = new Map<string, PlainWord>();
  for (const entry of list) for (const form of entry.forms) byForm.set(form, entry);
  const forms = [...byForm.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const built = { pattern: new RegExp(`(?<![\\p{L}\\p{N}])(?:${forms.join('|')})(?![\\p{L}\\p{N}])`, 'giu'), byForm };
  plainPatterns.set(locale, built);
  return built;
}

function plainWordHints(text: string, locale: ReadabilityLocale): ReadabilityHint[] {
  const { pattern, byForm } = plainPattern(locale);
  const hints: ReadabilityHint[] = [];
  for (const m of text.matchAll(pattern)) {
    const entry = byForm.get(m[0].toLowerCase());
    if (!entry) continue;
    const start = m.index ?? 0;
    hints.push({ kind: 'plain_word', start, end: start + m[0].length, text: m[0], replacement: entry.replacement });
  }
  return hints;
}

function jargonHint(token: Token, skip: ReadonlySet<string>): ReadabilityHint | null {
  if (token.raw.includes('://') || token.raw.includes('@')) return null;
  const snake = token.word.match(/\p{L}[\p{L}\p{N}]*(?:_[\p{L}\p{N}]+)+/u);
  if (snake) {
    const start = token.start + token.raw.indexOf(snake[0]);
    return { kind: 'jargon', start, end: start + snake[0].length, text: snake[0] };
  }
  const w = token.word;
  if (HAS_DIGIT.test(w) || skip.has(w.toLowerCase())) return null;
  const letters = w.replace(/[^\p{L}]/gu, '');
  if (letters.length < 2 || letters !== letters.toUpperCase() || letters === letters.toLowerCase()) return null;
  if (ALLOWED_ABBREVIATIONS.has(letters)) return null;
  const start = token.start + token.raw.indexOf(w);
  return { kind: 'jargon', start, end: start + w.length, text: w };
}

// ---- the check ----

export function levelOf(score: number | null): ReadabilityLevel {
  if (score === null) return 'empty';
  if (score >= LEVEL_FLOORS.easy) return 'easy';
  if (score >= LEVEL_FLOORS.plain) return 'plain';
  if (score >= LEVEL_FLOORS.fair) return 'fair';
  return 'hard';
}

function round1(n: number): number {
  return Math.sign(n) * Math.round(Math.abs(n) * 10) / 10;
}

export function fleschDouma(words: number, sentences: number, syllables: number): number {
  return 206.84 - 0.77 * ((100 * syllables) / words) - 0.93 * (words / sentences);
}

export function fleschEnglish(words: number, sentences: number, syllables: number): number {
  return 206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words);
}

export function readability(text: string, options: ReadabilityOptions): Readability {
  const skip = new Set((options.skip ?? []).filter(Boolean).map((s) => s.toLowerCase()));
  const tokens = tokenize(text, skip);
  const syllablesOf = options.locale === 'en' ? englishSyllables : dutchSyllables;
  const hints: ReadabilityHint[] = [];
  let words = 0;
  let sentences = 0;
  let syllables = 0;
  let sentenceWords = 0;
  let sentenceStart = -1;
  let sentenceEnd = -1;
  const closeSentence = () => {
    if (sentenceWords > 0) {
      sentences++;
      if (sentenceWords > LONG_SENTENCE_WORDS) {
        hints.push({
          kind: 'long_sentence',
          start: sentenceStart,
          end: sentenceEnd,
          text: text.slice(sentenceStart, sentenceEnd),
          words: sentenceWords,
        });
      }
    }
    sentenceWords = 0;
    sentenceStart = -1;
  };
  let previous: Token | undefined;
  for (const token of tokens) {
    const postcodeLetters = previous !== undefined && /^\d{4}$/.test(previous.word) && /^[A-Z]{2}$/.test(token.word);
    previous = token;
    const jargon = postcodeLetters ? null : jargonHint(token, skip);
    if (jargon) hints.push(jargon);
    if (token.counted) {
      const n = syllablesOf(token.word);
      words++;
      syllables += n;
      sentenceWords++;
      if (sentenceStart < 0) sentenceStart = token.start;
      const letters = token.word.replace(/[^\p{L}]/gu, '').length;
      if (n > LONG_WORD_SYLLABLES || letters > LONG_WORD_LETTERS) {
        const start = token.start + token.raw.indexOf(token.word);
        hints.push({ kind: 'long_word', start, end: start + token.word.length, text: token.word, syllables: n });
      }
    }
    if (sentenceStart >= 0) sentenceEnd = token.end;
    if (token.endsSentence) closeSentence();
  }
  closeSentence();
  hints.push(...plainWordHints(text, options.locale));
  hints.sort((a, b) => a.start - b.start || b.end - a.end);
  if (words === 0) return { score: null, level: 'empty', words, sentences, syllables, hints };
  const raw = options.locale === 'en' ? fleschEnglish(words, sentences, syllables) : fleschDouma(words, sentences, syllables);
  const score = round1(raw);
  return { score, level: levelOf(score), words, sentences, syllables, hints };
}
