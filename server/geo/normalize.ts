/** Lower case, accents off, every run of other characters one space: how names are indexed and queries matched. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The words of a text as the full-text index has them. */
export function searchWords(text: string): string[] {
  const normal = normalizeText(text);
  return normal === '' ? [] : normal.split(' ');
}

/** "2514 ee" → "2514EE"; undefined when it is no Dutch postcode. */
export function compactPostcode(text: string): string | undefined {
  const match = /^\s*([1-9]\d{3})\s*([a-zA-Z]{2})\s*$/.exec(text);
  return match ? `${match[1]}${match[2]?.toUpperCase()}` : undefined;
}

/** "2514EE" → "2514 EE" (as written on letters). */
export function displayPostcode(postcode: string): string {
  return /^\d{4}[A-Z]{2}$/.test(postcode) ? `${postcode.slice(0, 4)} ${postcode.slice(4)}` : postcode;
}
