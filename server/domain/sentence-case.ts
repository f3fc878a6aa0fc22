/**
 * Capital letters at the start of a sentence (pure), Dutch rules:
 * - the first letter becomes a capital; the Dutch digraph "ij" is one letter, so "ijzeren paal" → "IJzeren paal"
 *   (also "Ijzeren" as typed → "IJzeren"); nothing after the first letter changes;
 * - lower-casing a first letter to continue the words inside another sentence keeps names and abbreviations:
 *   a first word in capitals ("BOA") or with a capital later on ("McDonald", and so every "IJ…": "IJsselmeer" is a
 *   name as often as "IJzeren" is a word, and a kept capital reads better than a lost one).
 */

const IJ_START = /^[iI][jJ]/;

/** The text with its first letter a capital ("ij" → "IJ"). */
export function capitalizeFirst(text: string): string {
  if (text === '') return text;
  if (IJ_START.test(text)) return `IJ${text.slice(2)}`;
  return text.charAt(0).toLocaleUpperCase('nl-NL') + text.slice(1);
}

/** The text with its first letter lower-case, unless its first word is a name or abbreviation (see the header). */
export function lowerFirstWord(text: string): string {
  const first = text.split(' ')[0] ?? '';
  const letters = first.replace(/[^\p{L}]/gu, '');
  const keepsCase = (letters.length > 1 && letters === letters.toUpperCase()) || /\p{Lu}/u.test(letters.slice(1));
  return keepsCase ? text : text.charAt(0).toLocaleLowerCase('nl-NL') + text.slice(1);
}
