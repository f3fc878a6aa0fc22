import { describe, expect, it } from 'vitest';
import { UnitKind } from '../../server/protocol/dispatch';
import { canHandle, isKnownCategory, kindsForCategory, UNIT_KIND_LABELS, UNIT_KINDS } from '../../server/domain/unit-skills';

const CATEGORIES = ['afval', 'parkeren', 'zwerffiets', 'overlast', 'groen', 'verlichting'];

// Written out by hand: which kinds may handle which category.
const EXPECTED: Record<string, string[]> = {
  afval: ['boa_domein_1', 'toezicht_afval_fietsen'],
  parkeren: ['boa_domein_1', 'toezicht_parkeren'],
  zwerffiets: ['boa_domein_1', 'toezicht_afval_fietsen'],
  overlast: ['boa_domein_1'],
  groen: ['boa_domein_1'],
  verlichting: ['boa_domein_1'],
};

describe('unit skills', () => {
  it('knows every kind of the protocol, each with a Dutch label', () => {
    expect([...UNIT_KINDS].sort()).toEqual([...UnitKind.options].sort());
    expect(UNIT_KIND_LABELS).toEqual({
      boa_domein_1: 'BOA domein I',
      toezicht_parkeren: 'Toezichthouder parkeren',
      toezicht_afval_fietsen: 'Toezichthouder afval en fietsen',
    });
  });

  it.each(CATEGORIES.flatMap((c) => UNIT_KINDS.map((k) => [k, c] as const)))('%s may handle %s?', (kind, category) => {
    expect(canHandle(kind, category)).toBe(EXPECTED[category]?.includes(kind));
  });

  it('kindsForCategory lists the kinds in table order', () => {
    for (const category of CATEGORIES) expect(kindsForCategory(category)).toEqual(EXPECTED[category]);
  });

  it('a category the table does not know goes to BOAs only', () => {
    expect(isKnownCategory('graffiti')).toBe(false);
    expect(kindsForCategory('graffiti')).toEqual(['boa_domein_1']);
    for (const category of CATEGORIES) expect(isKnownCategory(category)).toBe(true);
  });
});
