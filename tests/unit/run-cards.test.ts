import { describe, expect, it } from 'vitest';
import { autoDispatchReason, coveredCategories, deskAwayMs, settingFor } from '../../server/domain/auto-dispatch';
import { cardWindow, inWindow, matchRunCard, minuteOfDay, planSlots, type RunCardPlace } from '../../server/domain/run-cards';
import type { Recommendation } from '../../server/protocol/dispatch';
import type { RunCard } from '../../server/protocol/run-cards';

function card(id: string, over: Partial<RunCard> = {}): RunCard {
  return {
    id,
    category: 'overlast',
    area: { kind: 'any' },
    from: null,
    to: null,
    unitKinds: [],
    units: 1,
    team: null,
    priority: null,
    updatedAt: '2026-01-01T00:00:00.000Z',
    updatedBy: null,
    ...over,
  };
}

const at = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

describe('run card time windows', () => {
  const table: [string | null, string | null, string, boolean][] = [
    [null, null, '00:00', true],
    [null, null, '23:59', true],
    ['22:00', null, '21:59', false],
    ['22:00', null, '22:00', true],
    ['22:00', null, '23:59', true],
    ['22:00', '06:00', '23:30', true],
    ['22:00', '06:00', '00:00', true],
    ['22:00', '06:00', '05:59', true],
    ['22:00', '06:00', '06:00', false],
    ['22:00', '06:00', '12:00', false],
    ['08:00', '17:00', '07:59', false],
    ['08:00', '17:00', '08:00', true],
    ['08:00', '17:00', '16:59', true],
    ['08:00', '17:00', '17:00', false],
    [null, '07:00', '06:59', true],
    [null, '07:00', '07:00', false],
    ['10:00', '10:00', '03:00', true],
  ];
  it.each(table)('from %s to %s at %s holds: %s', (from, to, time, holds) => {
    expect(inWindow({ from, to }, at(time))).toBe(holds);
  });
  it('window lengths: all day is the widest, crossing midnight counts the night', () => {
    expect(cardWindow({ from: null, to: null }).length).toBe(1440);
    expect(cardWindow({ from: '22:00', to: '06:00' }).length).toBe(480);
    expect(cardWindow({ from: '22:00', to: null }).length).toBe(120);
  });
  it('local minute of the day (Europe/Amsterdam, winter and summer time)', () => {
    expect(minuteOfDay(new Date('2026-01-15T21:30:00Z'), 'Europe/Amsterdam')).toBe(at('22:30'));
    expect(minuteOfDay(new Date('2026-07-15T21:30:00Z'), 'Europe/Amsterdam')).toBe(at('23:30'));
  });
});

describe('matching a run card: the most specific card holding wins', () => {
  const cards = [
    card('a-any'),
    card('b-night', { from: '22:00', to: '06:00', units: 2, unitKinds: ['boa_domein_1'] }),
    card('c-late', { from: '23:00', to: '01:00', units: 3 }),
    card('d-wijk', { area: { kind: 'neighbourhood', id: 'centrum' }, units: 2 }),
    card('e-focus', { area: { kind: 'focus_area', id: 'fa-1' }, from: '00:00', to: '23:00' }),
    card('f-other', { category: 'afval', units: 4 }),
    card('g-any-dup'),
  ];
  const place = (over: Partial<RunCardPlace>): RunCardPlace => ({ category: 'overlast', focusAreaIds: [], neighbourhoodIds: [], minuteOfDay: at('12:00'), ...over });
  const table: [string, Partial<RunCardPlace>, string | null][] = [
    ['midday, nowhere special: the all-day card (smallest id of equals)', {}, 'a-any'],
    ['22:30: the night card', { minuteOfDay: at('22:30') }, 'b-night'],
    ['23:30: the narrower late window', { minuteOfDay: at('23:30') }, 'c-late'],
    ['00:30 crossing midnight: still the late window', { minuteOfDay: at('00:30') }, 'c-late'],
    ['05:00: the night card', { minuteOfDay: at('05:00') }, 'b-night'],
    ['in the neighbourhood at 23:30: area beats time', { neighbourhoodIds: ['centrum'], minuteOfDay: at('23:30') }, 'd-wijk'],
    ['in the focus area and the neighbourhood: focus area first', { neighbourhoodIds: ['centrum'], focusAreaIds: ['fa-1'] }, 'e-focus'],
    ['in the focus area outside its hours: the neighbourhood card', { neighbourhoodIds: ['centrum'], focusAreaIds: ['fa-1'], minuteOfDay: at('23:30') }, 'd-wijk'],
    ['another category', { category: 'afval' }, 'f-other'],
    ['a category without cards', { category: 'groen' }, null],
    ['another neighbourhood: not the wijk card', { neighbourhoodIds: ['west'] }, 'a-any'],
  ];
  it.each(table)('%s', (_what, over, expected) => {
    expect(matchRunCard(cards, place(over))?.id ?? null).toBe(expected);
  });
  it('the order of the cards does not matter', () => {
    const reversed = [...cards].reverse();
    for (const [, over, expected] of table) expect(matchRunCard(reversed, place(over))?.id ?? null).toBe(expected);
  });
});

describe('slots and the recommendation line', () => {
  const rec = (unitId: string, kind: Recommendation['kind'], distanceMeters: number | null): Recommendation => ({
    unitId,
    callsign: unitId,
    kind,
    status: 'beschikbaar',
    distanceMeters,
    positionAgeSeconds: 0,
    load: 0,
    taskedToArea: false,
    score: distanceMeters ?? 5000,
    reasons: [],
    reasonTexts: [],
  });
  const recs = [rec('P1', 'toezicht_parkeren', 300), rec('B1', 'boa_domein_1', 800), rec('B2', 'boa_domein_1', 1900)];
  const twoBoas = { units: 2, unitKinds: ['boa_domein_1' as const] };

  it('"2 BOA-eenheden nodig, 2 beschikbaar binnen 1,9 km" and suggests both BOAs', () => {
    const plan = planSlots(twoBoas, recs, { accepted: 0, offered: 0 });
    expect(plan.text.message).toBe('2 BOA-eenheden nodig, 2 beschikbaar binnen 1,9 km');
    expect(plan.suggested.map((r) => r.unitId)).toEqual(['B1', 'B2']);
  });
  it('one BOA available: says so and suggests it', () => {
    const plan = planSlots(twoBoas, recs.slice(0, 2), { accepted: 0, offered: 0 });
    expect(plan.text.message).toBe('2 BOA-eenheden nodig, 1 beschikbaar binnen 800 m');
    expect(plan.suggested.map((r) => r.unitId)).toEqual(['B1']);
  });
  it('one accepted, one offered: no open slot', () => {
    const plan = planSlots(twoBoas, recs, { accepted: 1, offered: 1, busyUnitIds: ['B1'] });
    expect([plan.open, plan.suggested.length]).toEqual([0, 0]);
  });
  it('filled: "2 van 2 BOA-eenheden geaccepteerd"', () => {
    expect(planSlots(twoBoas, recs, { accepted: 2, offered: 0 }).text.message).toBe('2 van 2 BOA-eenheden geaccepteerd');
  });
  it('no card: one unit of any kind, the nearest', () => {
    const plan = planSlots(null, recs, { accepted: 0, offered: 0 });
    expect(plan.text.message).toBe('1 eenheid nodig, 1 beschikbaar binnen 300 m');
    expect(plan.suggested.map((r) => r.unitId)).toEqual(['P1']);
  });
  it('none of the kind: "geen beschikbaar"', () => {
    expect(planSlots(twoBoas, recs.slice(0, 1), { accepted: 0, offered: 0 }).text.message).toBe('2 BOA-eenheden nodig, geen beschikbaar');
  });
});

describe('auto-dispatch: when a waiting report is due', () => {
  const now = new Date('2026-01-15T22:00:00Z');
  const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();
  const settings = { overlast: { noDeskMinutes: 10, waitMinutes: 30 }, '*': { waitMinutes: 60 }, groen: {} };
  const table: [string, string, number, number, string | null][] = [
    // what, category, report age (min), desk away (min), expected reason
    ['desk here, fresh report', 'overlast', 1, 0, null],
    ['desk away 9 min', 'overlast', 1, 9, null],
    ['desk away 10 min', 'overlast', 1, 10, 'no_desk'],
    ['desk here, report waited 30 min', 'overlast', 30, 0, 'waited'],
    ['both: no_desk first', 'overlast', 45, 20, 'no_desk'],
    ['other category by *: waited 59 min', 'afval', 59, 100, null],
    ['other category by *: waited 60 min', 'afval', 60, 0, 'waited'],
    ['an empty setting is off', 'groen', 600, 600, null],
  ];
  it.each(table)('%s', (_what, category, age, away, expected) => {
    const reason = autoDispatchReason(settingFor(settings, category), { createdAt: minutesAgo(age) }, now, away * 60_000);
    expect(reason?.kind ?? null).toBe(expected);
  });
  it('covered categories: * covers all', () => {
    expect(coveredCategories(settings)).toBeNull();
    expect(coveredCategories({ overlast: { waitMinutes: 5 }, groen: {} })).toEqual(['overlast']);
    expect(coveredCategories({})).toEqual([]);
  });
  it('desk away: 0 while here or never seen, else since last seen', () => {
    expect(deskAwayMs(now, true, minutesAgo(50))).toBe(0);
    expect(deskAwayMs(now, false, null)).toBe(0);
    expect(deskAwayMs(now, false, minutesAgo(12))).toBe(12 * 60_000);
  });
});
