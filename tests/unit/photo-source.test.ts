import { describe, expect, it } from 'vitest';
import { isFixPhotoCandidate, photoSourceOf } from '../../server/domain/photo-source';

const answers = { reporter: new Set(['r1']), external: new Set(['e1', 'e2']) };

describe('where a photo came from', () => {
  it.each([
    [{ id: 'f1', unitId: 'u1' }, 'field'],
    [{ id: 'r1', unitId: null }, 'reporter'],
    [{ id: 'e2', unitId: null }, 'external'],
    // Imported before photos had units: the field's.
    [{ id: 'old', unitId: null }, 'field'],
    // A unit's photo is the field's, whatever else names it.
    [{ id: 'e1', unitId: 'u1' }, 'field'],
  ] as const)('%o is %s', (photo, source) => {
    expect(photoSourceOf(photo, answers)).toBe(source);
  });
});

describe('which photo the desk may approve for the citizen', () => {
  it.each([
    ['field', 'after', true],
    ['field', 'before', false],
    ['field', null, false],
    ['external', null, true],
    ['external', 'after', true],
    ['reporter', null, false],
    ['reporter', 'after', false],
  ] as const)('%s photo marked %s: %s', (source, kind, allowed) => {
    expect(isFixPhotoCandidate({ source, kind })).toBe(allowed);
  });
});
