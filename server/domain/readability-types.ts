/** The shapes of the plain-language check (readability.ts), shared by its parts. */

export type ReadabilityLocale = 'nl' | 'en';
export type ReadabilityLevel = 'easy' | 'plain' | 'fair' | 'hard' | 'empty';

export type ReadabilityHint =
  | { kind: 'long_sentence'; start: number; end: number; text: string; words: number }
  | { kind: 'fragment'; start: number; end: number; text: string }
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
