import { PLAIN_WORDS_EN, PLAIN_WORDS_NL, type PlainWord } from './plain-words';
import type { ReadabilityHint, ReadabilityLocale } from './readability-types';
import { HAS_DIGIT, type Token } from './readability-tokens';

/** The word hints of the plain-language check (rule 8 of readability.ts): plain words and jargon. Pure. */

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

export function plainWordHints(text: string, locale: ReadabilityLocale): ReadabilityHint[] {
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

export function jargonHint(token: Token, skip: ReadonlySet<string>): ReadabilityHint | null {
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
