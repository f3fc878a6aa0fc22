import { describe, expect, it } from 'vitest';
import { maskWord, replaceTokenRuns } from '../../server/http/open311/secret-mask';
import { seededRandom } from '../support/seeded-random';

/** The patterns the scanners replace (server/http/open311/secret-mask.ts), as they were compiled per report. */
const escapePattern = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const byPattern = {
  tokenRuns: (text: string, token: string, replacement: string) => text.replace(new RegExp(`\\S*${escapePattern(token)}`, 'g'), () => replacement),
  word: (text: string, word: string, mask: string) => text.replace(new RegExp(`\\b${escapePattern(word)}\\b`, 'g'), () => mask),
};

describe('Open311 secret masking by scanning', () => {
  it('replaces the personal status link and masks the access code in a real message', () => {
    const text = 'Beste Jan,\n\nZie https://hub.example/status/Ab-_9xYz?x=1 voor uw melding.\nUw code is K7QX2P, (K7QX2PA niet).';
    expect(replaceTokenRuns(text, 'Ab-_9xYz', 'https://hub.example/status')).toBe(
      'Beste Jan,\n\nZie https://hub.example/status?x=1 voor uw melding.\nUw code is K7QX2P, (K7QX2PA niet).',
    );
    expect(maskWord(text, 'K7QX2P', '******')).toBe('Beste Jan,\n\nZie https://hub.example/status/Ab-_9xYz?x=1 voor uw melding.\nUw code is ******, (K7QX2PA niet).');
  });

  it('gives exactly what the per-report patterns gave, on 20,000 random texts', () => {
    const next = seededRandom(20_261_130);
    // Few letters, so tokens and words occur often, next to each other, overlapping, inside links and at the edges.
    const alphabet = ['a', 'b', 'A', '_', '-', '/', '.', ' ', '\n', '\u00a0', '\u2028', '$', 'é', '1'];
    const pick = () => alphabet[Math.floor(next() * alphabet.length)] ?? 'a';
    const piece = (min: number, max: number) => Array.from({ length: min + Math.floor(next() * (max - min + 1)) }, pick).join('');
    const differing: { text: string; secret: string }[] = [];
    for (let i = 0; i < 20_000; i++) {
      const secret = piece(1, 3).replace(/\s/g, 'a');
      const text = Array.from({ length: Math.floor(next() * 6) }, () => (next() < 0.5 ? secret : piece(0, 6))).join('');
      const same =
        replaceTokenRuns(text, secret, '<link $&>') === byPattern.tokenRuns(text, secret, '<link $&>') &&
        maskWord(text, secret, '**') === byPattern.word(text, secret, '**');
      if (!same) differing.push({ text, secret });
    }
    expect(differing.slice(0, 5)).toEqual([]);
  });

  it('refuses an empty secret (it would match everywhere)', () => {
    expect(() => replaceTokenRuns('abc', '', 'x')).toThrow(RangeError);
    expect(() => maskWord('abc', '', 'x')).toThrow(RangeError);
  });
});
