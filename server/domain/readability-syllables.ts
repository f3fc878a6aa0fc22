import hyphenNl from 'hyphen/nl/index.js';

/** Syllables of a word for the readability scores (rules 4 and 5 of readability.ts). Pure: the patterns are data. */

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
