import { isFragment } from './readability-fragments';
import { jargonHint, plainWordHints } from './readability-hints';
import { dutchSyllables, englishSyllables } from './readability-syllables';
import { type Token, tokenize } from './readability-tokens';
import type { Readability, ReadabilityHint, ReadabilityLevel, ReadabilityOptions } from './readability-types';

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
 *    - 'long_word': a word of more than 5 syllables or more than 20 letters;
 *    - 'fragment': a sentence that is not a whole sentence (rule 9), "Schrijf hele zinnen".
 * 9. Fragments (readability-fragments.ts, where the word lists are): a sentence ending in . ! ? of 2+ words without
 *    a finite verb ("Gemarkeerd voor snoeiploeg."), or of 3+ words without any function word ("Tak hangt laag."); a
 *    line with a finite verb, 3+ words and a last word but no end mark ("Wij komen morgen langs"). The score does not
 *    change (rule 6 stays Flesch-Douma); the tip is what the dispatcher acts on.
 *
 * The parts, by job: readability-tokens.ts (rules 1–3), readability-syllables.ts (4–5), readability-hints.ts and
 * readability-fragments.ts (8–9); this module scores and collects.
 */

export type { Readability, ReadabilityHint, ReadabilityLevel, ReadabilityLocale, ReadabilityOptions } from './readability-types';
export { ALLOWED_ABBREVIATIONS } from './readability-hints';
export { dutchHyphenation, dutchSyllables, dutchVowelGroups, englishSyllables } from './readability-syllables';
export { ABBREVIATIONS } from './readability-tokens';

export const LONG_SENTENCE_WORDS = 15;
/** The default floor below which a message needs a confirmation before it is sent (hub/readability-config.ts). */
export const DEFAULT_READABILITY_FLOOR = 60;
export const LONG_WORD_SYLLABLES = 5;
export const LONG_WORD_LETTERS = 20;
export const LEVEL_FLOORS = { easy: 80, plain: 60, fair: 45 } as const;

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
  let sentenceWordList: string[] = [];
  let lastCounted = false;
  const closeSentence = (endMark: boolean) => {
    if (sentenceWords > 0) {
      sentences++;
      if (isFragment({ words: sentenceWordList, endMark, endsInWord: lastCounted }, options.locale)) {
        hints.push({ kind: 'fragment', start: sentenceStart, end: sentenceEnd, text: text.slice(sentenceStart, sentenceEnd) });
      }
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
    sentenceWordList = [];
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
      sentenceWordList.push(token.word.toLowerCase());
      if (sentenceStart < 0) sentenceStart = token.start;
      const letters = token.word.replace(/[^\p{L}]/gu, '').length;
      if (n > LONG_WORD_SYLLABLES || letters > LONG_WORD_LETTERS) {
        const start = token.start + token.raw.indexOf(token.word);
        hints.push({ kind: 'long_word', start, end: start + token.word.length, text: token.word, syllables: n });
      }
    }
    if (sentenceStart >= 0) sentenceEnd = token.end;
    // A line ending in "," or ":" opens what follows ("Met vriendelijke groet,"): not a sentence that lost its end.
    lastCounted = token.counted && !/[,:;]$/.test(token.raw);
    if (token.endsSentence) closeSentence(token.endMark);
  }
  closeSentence(false);
  hints.push(...plainWordHints(text, options.locale));
  hints.sort((a, b) => a.start - b.start || b.end - a.end);
  if (words === 0) return { score: null, level: 'empty', words, sentences, syllables, hints };
  const raw = options.locale === 'en' ? fleschEnglish(words, sentences, syllables) : fleschDouma(words, sentences, syllables);
  const score = round1(raw);
  return { score, level: levelOf(score), words, sentences, syllables, hints };
}
