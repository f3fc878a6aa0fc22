import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../server/protocol/report';
import { Resolution } from '../../server/protocol/resolution';
import { isCalendarDate, isGenericText, validateResolution } from '../../server/domain/resolution';
import { CATEGORY_CODES, CATEGORY_LABELS, codesFor, GENERIC_CODES } from '../../server/domain/resolution-codes';

const ctx = { category: 'groen', today: '2027-05-20' };

const found = { code: 'tak_laag', text: 'Tak hangt op 1,80 m over de stoep' };
const action = { code: 'tak_verwijderd', text: 'Tak ter plaatse afgezaagd en afgevoerd' };
const followUp = { date: '2027-06-14', what: 'Boom snoeien in de onderhoudsronde', who: 'Stadsbeheer, team groen' };

function errors(input: unknown, context = ctx): Record<string, string> {
  const result = validateResolution(input, context);
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.value)}`);
  return result.fields;
}

function value(input: unknown, context = ctx) {
  const result = validateResolution(input, context);
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.fields)}`);
  return result.value;
}

describe('valid resolutions', () => {
  it('closes as resolved', () => {
    const v = value({ kind: 'close', outcome: 'resolved', found, action });
    expect(v).toEqual({ kind: 'close', outcome: 'resolved', found, action });
    expect(Resolution.parse(v)).toEqual(v);
  });

  it('schedules the branch case without an outcome', () => {
    const v = value({
      kind: 'schedule',
      found: { code: 'tak_laag', text: 'Tak hangt laag over de stoep, niet urgent' },
      action: { code: 'onderhoudsronde', text: 'Meegenomen in de onderhoudsronde' },
      followUp,
    });
    expect(v).toEqual({
      kind: 'schedule',
      found: { code: 'tak_laag', text: 'Tak hangt laag over de stoep, niet urgent' },
      action: { code: 'onderhoudsronde', text: 'Meegenomen in de onderhoudsronde' },
      followUp,
    });
    expect(Resolution.parse(v)).toEqual(v);
  });

  const perOutcome: [Outcome, Record<string, unknown>][] = [
    ['resolved', {}],
    ['referred', { referredTo: 'Waternet' }],
    ['no_action', {}],
    ['not_found', { found: { code: 'niet_aangetroffen', text: 'Geen tak meer aanwezig op de stoep' } }],
    ['duplicate', { found: { code: 'al_gemeld', text: 'Zelfde tak als melding M-000120' } }],
    ['cancelled', { action: { code: 'ingetrokken', text: 'Melder belde: tak is door bewoner weggehaald' } }],
  ];
  it.each(perOutcome)('closes as %s', (outcome, extra) => {
    const v = value({ kind: 'close', outcome, found, action, ...extra });
    expect(v.kind).toBe('close');
    if (v.kind === 'close') expect(v.outcome).toBe(outcome);
    expect(Resolution.parse(v)).toEqual(v);
  });

  it('trims texts', () => {
    const v = value({
      kind: 'close',
      outcome: 'resolved',
      found: { code: ' tak_laag ', text: '  Tak hangt laag  ' },
      action,
    });
    expect(v.found).toEqual({ code: 'tak_laag', text: 'Tak hangt laag' });
  });

  it('keeps a complete optional follow-up on a closing resolution', () => {
    const v = value({ kind: 'close', outcome: 'resolved', found, action, followUp });
    expect(v.followUp).toEqual(followUp);
  });

  it('treats an all-blank follow-up on a closing resolution as absent', () => {
    const v = value({ kind: 'close', outcome: 'resolved', found, action, followUp: { date: '', what: ' ', who: '' } });
    expect(v.followUp).toBeUndefined();
  });

  it('drops values that do not belong to the choice', () => {
    const scheduled = value({ kind: 'schedule', outcome: 'resolved', found, action, followUp, referredTo: 'X' });
    expect(scheduled).not.toHaveProperty('outcome');
    expect(scheduled).not.toHaveProperty('referredTo');
    const resolved = value({ kind: 'close', outcome: 'resolved', found, action, referredTo: 'Waternet' });
    expect(resolved).not.toHaveProperty('referredTo');
  });

  it('accepts generic codes in every category, and only generic codes for an unknown one', () => {
    value({
      kind: 'close',
      outcome: 'duplicate',
      found: { code: 'al_gemeld', text: 'Zelfde situatie als M-000120' },
      action: { code: 'samengevoegd', text: 'Samengevoegd met M-000120' },
    });
    const unknownCategory = { category: 'graffiti', today: ctx.today };
    expect(
      value(
        {
          kind: 'close',
          outcome: 'resolved',
          found: { code: 'zoals_gemeld', text: 'Tekening op de gevel' },
          action: { code: 'ter_plaatse_opgelost', text: 'Laten verwijderen door reiniging' },
        },
        unknownCategory,
      ).kind,
    ).toBe('close');
    expect(errors({ kind: 'close', outcome: 'resolved', found, action }, unknownCategory)).toEqual({
      'found.code': 'Deze code hoort niet bij deze categorie',
      'action.code': 'Deze code hoort niet bij deze categorie',
    });
  });
});

describe('field-level errors in Dutch', () => {
  it('an empty submission names every required field', () => {
    expect(errors({})).toEqual({
      kind: 'Kies of de melding wordt afgesloten of ingepland',
      'found.code': 'Kies wat er is aangetroffen',
      'found.text': 'Beschrijf wat er is aangetroffen',
      'action.code': 'Kies wat er is gedaan',
      'action.text': 'Beschrijf wat er is gedaan',
    });
  });

  it.each([null, undefined, 'afgehandeld', 42, []])('non-object input %j gives field errors, not a crash', (input) => {
    expect(Object.keys(errors(input))).toEqual(['kind', 'found.code', 'found.text', 'action.code', 'action.text']);
  });

  it('a closing without found and action is refused', () => {
    expect(errors({ kind: 'close', outcome: 'resolved' })).toEqual({
      'found.code': 'Kies wat er is aangetroffen',
      'found.text': 'Beschrijf wat er is aangetroffen',
      'action.code': 'Kies wat er is gedaan',
      'action.text': 'Beschrijf wat er is gedaan',
    });
  });

  it('a closing needs a valid outcome', () => {
    expect(errors({ kind: 'close', found, action })).toEqual({ outcome: 'Kies een uitkomst' });
    expect(errors({ kind: 'close', outcome: 'afgehandeld', found, action })).toEqual({ outcome: 'Kies een uitkomst' });
  });

  it('an unknown kind is refused', () => {
    expect(errors({ kind: 'done', outcome: 'resolved', found, action })).toEqual({
      kind: 'Kies of de melding wordt afgesloten of ingepland',
    });
  });

  it('scheduled without a date', () => {
    expect(errors({ kind: 'schedule', found, action })).toEqual({
      'followUp.date': 'Vervolgdatum is verplicht bij ingepland',
      'followUp.what': 'Beschrijf wat er gaat gebeuren',
      'followUp.who': 'Geef aan wie het vervolg uitvoert',
    });
    expect(errors({ kind: 'schedule', found, action, followUp: { ...followUp, date: '' } })).toEqual({
      'followUp.date': 'Vervolgdatum is verplicht bij ingepland',
    });
  });

  it.each(['2027-05-19', '2020-01-01'])('scheduled with a date in the past (%s)', (date) => {
    expect(errors({ kind: 'schedule', found, action, followUp: { ...followUp, date } })).toEqual({
      'followUp.date': 'De vervolgdatum ligt in het verleden: kies vandaag of later',
    });
  });

  it('today is allowed (a time later today is still in the future; the date acts at its hour or at once after it)', () => {
    expect(value({ kind: 'schedule', found, action, followUp: { ...followUp, date: '2027-05-20' } }).kind).toBe('schedule');
  });

  it('tomorrow is in the future', () => {
    expect(value({ kind: 'schedule', found, action, followUp: { ...followUp, date: '2027-05-21' } }).kind).toBe(
      'schedule',
    );
  });

  it.each(['2027-02-30', '14-06-2027', '2027-6-14', 'volgende maand'])('scheduled with invalid date %s', (date) => {
    expect(errors({ kind: 'schedule', found, action, followUp: { ...followUp, date } })).toEqual({
      'followUp.date': 'Vul een geldige datum in (JJJJ-MM-DD)',
    });
  });

  it('scheduled more than a year ahead is a typo', () => {
    expect(errors({ kind: 'schedule', found, action, followUp: { ...followUp, date: '2028-05-21' } })).toEqual({
      'followUp.date': 'Vervolgdatum ligt meer dan een jaar vooruit',
    });
    expect(value({ kind: 'schedule', found, action, followUp: { ...followUp, date: '2028-05-20' } }).kind).toBe(
      'schedule',
    );
  });

  it('a partial follow-up on a closing resolution is checked', () => {
    expect(errors({ kind: 'close', outcome: 'resolved', found, action, followUp: { date: '2027-06-14' } })).toEqual({
      'followUp.what': 'Beschrijf wat er gaat gebeuren',
      'followUp.who': 'Geef aan wie het vervolg uitvoert',
    });
  });

  it('referred without a party', () => {
    expect(errors({ kind: 'close', outcome: 'referred', found, action })).toEqual({
      referredTo: 'Geef aan naar wie is doorverwezen',
    });
    expect(errors({ kind: 'close', outcome: 'referred', found, action, referredTo: ' ' })).toEqual({
      referredTo: 'Geef aan naar wie is doorverwezen',
    });
  });

  it('a code from another category is refused', () => {
    expect(errors({ kind: 'close', outcome: 'resolved', found, action: { ...action, code: 'bekeuring' } })).toEqual({
      'action.code': 'Deze code hoort niet bij deze categorie',
    });
  });

  it('too short texts', () => {
    expect(errors({ kind: 'close', outcome: 'resolved', found: { ...found, text: 'tak' }, action })).toEqual({
      'found.text': 'Schrijf minstens 5 tekens',
    });
  });

  it('too long texts', () => {
    expect(
      errors({ kind: 'close', outcome: 'resolved', found, action: { ...action, text: 'a'.repeat(2001) } }),
    ).toEqual({ 'action.text': 'Schrijf hoogstens 2000 tekens' });
  });

  const genericTexts = [
    'afgehandeld',
    'Afgehandeld.',
    'AFGEHANDELD!',
    'Melding is afgehandeld',
    'opgelost',
    'is opgelost',
    'gedaan',
    'n.v.t.',
    'nvt nvt',
    'oké oké',
    'Zie boven.',
    '.....',
  ];
  it.each(genericTexts)('generic text %j is rejected for found, action and follow-up', (text) => {
    const fields = errors({
      kind: 'schedule',
      found: { ...found, text },
      action: { ...action, text },
      followUp: { ...followUp, what: text },
    });
    const message = 'Schrijf concreet wat er is aangetroffen of gedaan, niet alleen "afgehandeld"';
    expect(fields).toEqual({ 'found.text': message, 'action.text': message, 'followUp.what': message });
  });

  it('gives every field error as a coded text too, under the same key and with the same Dutch', () => {
    const result = validateResolution({ kind: 'schedule', found: { ...found, text: 'kort' }, action, followUp: {} }, ctx);
    if (result.ok) throw new Error('expected errors');
    expect(Object.keys(result.fieldTexts)).toEqual(Object.keys(result.fields));
    for (const [key, text] of Object.entries(result.fieldTexts)) expect(text.message).toBe(result.fields[key]);
    expect(result.fieldTexts['found.text']).toEqual({
      code: 'resolution.too_short',
      params: { min: 5 },
      message: 'Schrijf minstens 5 tekens',
    });
    expect(result.fieldTexts['followUp.date']?.code).toBe('resolution.follow_up_date');
  });

  it.each(['ok', 'OK', 'done'])('very short generic text %j is rejected too', (text) => {
    const fields = errors({ kind: 'close', outcome: 'resolved', found, action: { ...action, text } });
    expect(fields['action.text']).toBeDefined();
  });

  it('reports all errors at once', () => {
    expect(
      Object.keys(
        errors({
          kind: 'schedule',
          found: { code: 'nope', text: 'ok' },
          action: {},
          followUp: { date: '2020-01-01', what: '', who: '' },
        }),
      ).sort(),
    ).toEqual(
      ['found.code', 'found.text', 'action.code', 'action.text', 'followUp.date', 'followUp.what', 'followUp.who'].sort(),
    );
  });
});

describe('generic text detection', () => {
  it.each(['Niets aangetroffen', 'Tak gesnoeid', 'Bon uitgeschreven', 'Geen fiets meer aanwezig', 'Label aangebracht'])(
    '%j is specific',
    (text) => {
      expect(isGenericText(text)).toBe(false);
    },
  );
  it.each(['afgehandeld', 'Opgelost!', 'n.v.t', 'ok', 'Is gedaan', 'melding afgerond'])('%j is generic', (text) => {
    expect(isGenericText(text)).toBe(true);
  });
});

describe('calendar dates', () => {
  it.each([
    ['2027-02-28', true],
    ['2028-02-29', true],
    ['2027-02-29', false],
    ['2027-13-01', false],
    ['2027-1-01', false],
  ])('%s -> %s', (date, ok) => {
    expect(isCalendarDate(date)).toBe(ok);
  });
});

describe('resolution codes', () => {
  const demoCategories = ['afval', 'parkeren', 'zwerffiets', 'overlast', 'groen', 'verlichting'];

  it('every demo category has found and action codes and a label', () => {
    expect(Object.keys(CATEGORY_CODES).sort()).toEqual([...demoCategories].sort());
    for (const category of demoCategories) {
      expect(CATEGORY_CODES[category]?.found.length).toBeGreaterThan(0);
      expect(CATEGORY_CODES[category]?.action.length).toBeGreaterThan(0);
      expect(CATEGORY_LABELS[category]?.nl).toBeTruthy();
      expect(CATEGORY_LABELS[category]?.en).toBeTruthy();
    }
  });

  it('codes are unique per list, labelled in Dutch and English, category codes first', () => {
    for (const category of [...demoCategories, 'onbekend']) {
      const codes = codesFor(category);
      for (const list of [codes.found, codes.action]) {
        expect(new Set(list.map((c) => c.code)).size).toBe(list.length);
        for (const c of list) {
          expect(c.code).toMatch(/^[a-z_]+$/);
          expect(c.nl.length).toBeGreaterThan(2);
          expect(c.en.length).toBeGreaterThan(2);
        }
      }
      const own = CATEGORY_CODES[category];
      if (own) expect(codes.found.slice(0, own.found.length)).toEqual(own.found);
      for (const g of GENERIC_CODES.found) expect(codes.found.map((c) => c.code)).toContain(g.code);
    }
    expect(codesFor('onbekend')).toBe(GENERIC_CODES);
  });
});
