/**
 * Hiding a report's citizen secrets in a public text by plain string scanning (no RegExp built per report): the
 * status poll makes 20,000 texts public in one answer, and a pattern like `\S*<token>` compiled and run per text
 * backtracks over every run of non-space characters. Each function gives exactly what the pattern in its comment
 * gives (tests/unit/open311-secret-mask.test.ts compares them on random texts).
 */

/** JavaScript's `\s` for one UTF-16 code unit. */
const SPACE = /\s/;
const isSpace = (text: string, index: number) => SPACE.test(text.charAt(index));

/** `[A-Za-z0-9_]`, what `\b` counts as a word character (no `u` flag). */
function isWordUnit(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/**
 * `text.replace(new RegExp('\\S*' + escaped(token), 'g'), replacement)`: each run of non-space characters up to and
 * including the last `token` in it (a link that carries the token) becomes `replacement`. `token` holds no space.
 */
export function replaceTokenRuns(text: string, token: string, replacement: string): string {
  if (token.length === 0) throw new RangeError('replaceTokenRuns needs a non-empty token');
  let out = '';
  let from = 0;
  let at = text.indexOf(token);
  while (at !== -1) {
    // The match starts where the run of non-space characters before the token starts (not before the last match).
    let start = at;
    while (start > from && !isSpace(text, start - 1)) start--;
    // Greedy: it ends after the last token that starts in the same run.
    let last = at;
    for (let next = text.indexOf(token, last + 1); next !== -1; next = text.indexOf(token, last + 1)) {
      let inRun = true;
      for (let i = last + token.length; i < next; i++) {
        if (isSpace(text, i)) {
          inRun = false;
          break;
        }
      }
      if (!inRun) break;
      last = next;
    }
    out += text.slice(from, start) + replacement;
    from = last + token.length;
    at = text.indexOf(token, from);
  }
  return from === 0 ? text : out + text.slice(from);
}

/** `text.replace(new RegExp('\\b' + escaped(word) + '\\b', 'g'), mask)`: each whole-word `word` becomes `mask`. */
export function maskWord(text: string, word: string, mask: string): string {
  if (word.length === 0) throw new RangeError('maskWord needs a non-empty word');
  const firstIsWord = isWordUnit(word.charCodeAt(0));
  const lastIsWord = isWordUnit(word.charCodeAt(word.length - 1));
  let out = '';
  let from = 0;
  let at = text.indexOf(word);
  while (at !== -1) {
    const end = at + word.length;
    const before = at > 0 && isWordUnit(text.charCodeAt(at - 1));
    const after = end < text.length && isWordUnit(text.charCodeAt(end));
    if (before !== firstIsWord && after !== lastIsWord) {
      out += text.slice(from, at) + mask;
      from = end;
      at = text.indexOf(word, end);
    } else {
      at = text.indexOf(word, at + 1);
    }
  }
  return from === 0 ? text : out + text.slice(from);
}
