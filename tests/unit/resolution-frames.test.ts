import { describe, expect, it } from 'vitest';
import { readability } from '../../server/domain/readability';
import { CATEGORY_CODES, GENERIC_CODES } from '../../server/domain/resolution-codes';
import { ACTION_FRAMES, asSentenceText, FOUND_FRAMES, isTidy, tidyText } from '../../server/domain/resolution-frames';

const allCodes = (part: 'found' | 'action') => [...GENERIC_CODES[part], ...Object.values(CATEGORY_CODES).flatMap((c) => c[part])].map((c) => c.code);

describe('resolution frames', () => {
  it('has a Dutch and an English frame with {tekst} for every found and action code', () => {
    for (const [part, frames] of [['found', FOUND_FRAMES], ['action', ACTION_FRAMES]] as const) {
      for (const code of allCodes(part)) {
        expect(frames[code], `${part} ${code}`).toBeDefined();
        for (const locale of ['nl', 'en'] as const) expect(frames[code]![locale]).toMatch(/^[A-Z].*: \{tekst\}\.$/);
      }
    }
  });

  it('frames are plain language: each frame itself reaches the floor (60)', () => {
    for (const frames of [FOUND_FRAMES, ACTION_FRAMES]) {
      for (const [code, frame] of Object.entries(frames)) {
        const r = readability(frame.nl.replace('{tekst}', 'zie foto'), { locale: 'nl' });
        expect(r.score, code).toBeGreaterThanOrEqual(60);
      }
    }
  });

  it('completes the tak_laag frame with the officer\'s words (the branch case)', () => {
    expect(tidyText('found', 'tak_laag', 'tak hangt laag', 'nl')).toBe('We zagen dat de tak laag over de stoep hangt: tak hangt laag.');
    expect(tidyText('found', 'tak_laag', '  Tak hangt  laag.. ', 'nl')).toBe('We zagen dat de tak laag over de stoep hangt: tak hangt laag.');
    expect(tidyText('action', 'onderhoudsronde', 'gemarkeerd voor snoeiploeg', 'nl')).toBe(
      'We hebben het werk aangemeld voor de vaste ronde: gemarkeerd voor snoeiploeg.',
    );
    expect(tidyText('found', 'tak_laag', 'branch at head height', 'en')).toBe('We saw that the branch hangs low over the pavement: branch at head height.');
  });

  it('keeps names and abbreviations, leaves a framed text as it is and drops the colon without words', () => {
    expect(tidyText('action', 'aangesproken', 'BOA sprak eigenaar aan', 'nl')).toBe('We hebben met de persoon gepraat: BOA sprak eigenaar aan.');
    const once = tidyText('found', 'tak_laag', 'tak hangt laag', 'nl');
    expect(tidyText('found', 'tak_laag', once, 'nl')).toBe(once);
    expect(isTidy('found', 'tak_laag', once, 'nl')).toBe(true);
    expect(isTidy('found', 'tak_laag', 'tak hangt laag', 'nl')).toBe(false);
    expect(tidyText('found', 'tak_laag', ' . ', 'nl')).toBe('We zagen dat de tak laag over de stoep hangt.');
  });

  it('without a frame: a capital letter and a full stop', () => {
    expect(tidyText('found', 'onbekend', 'tak hangt laag', 'nl')).toBe('Tak hangt laag.');
    expect(asSentenceText('is de tak weg?')).toBe('Is de tak weg?');
    expect(asSentenceText('')).toBe('');
  });
});
