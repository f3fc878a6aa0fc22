import { describe, expect, it } from 'vitest';
import { concernsUnit, trafficRecipients } from '../../server/domain/priority-traffic';
import {
  checkInLimitMinutes,
  DEFAULT_SAFETY,
  escalationAfter,
  evaluateSafety,
  type OpenCheckIn,
  positionMissing,
  type SafetyAction,
  type SafetySettings,
} from '../../server/domain/safety-timers';
import { DEFAULT_SHIFTS, type ShiftName, shiftAt, shiftLengthMinutes, shiftSettingsProblem } from '../../server/domain/shifts';
import { loadConfig } from '../../server/config';
import { safetySettingsOf, shiftSettingsOf } from '../../server/hub/safety-config';

const T0 = '2026-03-02T10:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000);
const iso = (minutes: number) => at(minutes).toISOString();
const S: SafetySettings = { ...DEFAULT_SAFETY, checkInCategoryMinutes: { overlast: 10, groen: 45 } };

describe('shifts (defaults vroeg 07–15, laat 15–23, nacht 23–07, Europe/Amsterdam)', () => {
  // Winter: Amsterdam is UTC+1; summer: UTC+2.
  it.each<[string, ShiftName, string]>([
    ['2026-01-15T05:59:00Z', 'nacht', '2026-01-14'],
    ['2026-01-15T06:00:00Z', 'vroeg', '2026-01-15'],
    ['2026-01-15T13:59:00Z', 'vroeg', '2026-01-15'],
    ['2026-01-15T14:00:00Z', 'laat', '2026-01-15'],
    ['2026-01-15T21:59:00Z', 'laat', '2026-01-15'],
    ['2026-01-15T22:00:00Z', 'nacht', '2026-01-15'],
    ['2026-01-15T23:30:00Z', 'nacht', '2026-01-15'],
    ['2026-07-15T04:59:00Z', 'nacht', '2026-07-14'],
    ['2026-07-15T05:00:00Z', 'vroeg', '2026-07-15'],
  ] as const)('%s is the %s shift of %s', (instant, shift, date) => {
    expect(shiftAt(new Date(instant))).toEqual({ shift, date });
  });

  it('other start times are settings; a night shift that starts after midnight keeps its own date', () => {
    const s = { starts: { vroeg: '06:00', laat: '14:00', nacht: '01:00' }, timeZone: 'Europe/Amsterdam' } as const;
    expect(shiftAt(new Date('2026-01-15T13:30:00Z'), s)).toEqual({ shift: 'laat', date: '2026-01-15' });
    expect(shiftAt(new Date('2026-01-15T23:30:00Z'), s)).toEqual({ shift: 'laat', date: '2026-01-15' });
    expect(shiftAt(new Date('2026-01-16T00:30:00Z'), s)).toEqual({ shift: 'nacht', date: '2026-01-16' });
    expect(shiftLengthMinutes('laat', s.starts)).toBe(11 * 60);
    expect(shiftLengthMinutes('nacht', DEFAULT_SHIFTS.starts)).toBe(8 * 60);
  });

  it('refuses start times that are not HH:MM or coincide', () => {
    expect(shiftSettingsProblem(DEFAULT_SHIFTS.starts)).toBeUndefined();
    expect(shiftSettingsProblem({ vroeg: '7:00', laat: '15:00', nacht: '23:00' })).toMatch(/HH:MM/);
    expect(shiftSettingsProblem({ vroeg: '07:00', laat: '07:00', nacht: '23:00' })).toMatch(/different/);
  });
});

describe('check-in limit per category and shift', () => {
  it.each([
    [null, 'vroeg', 20],
    [null, 'nacht', 15],
    ['overlast', 'laat', 10],
    ['overlast', 'nacht', 10],
    ['groen', 'vroeg', 45],
    ['groen', 'nacht', 15],
    ['afval', 'vroeg', 20],
  ] as const)('category %s in the %s shift: %i minutes', (category, shift, minutes) => {
    expect(checkInLimitMinutes(category, shift, S)).toBe(minutes);
  });
});

describe('evaluateSafety: request, escalate, cancel (table)', () => {
  const unit = (status: string, since = iso(0)) => ({ status, statusSince: since, position: null });
  const open = (requestedMin: number, level = 0, since = iso(0)): OpenCheckIn => ({ requestedAt: iso(requestedMin), statusSince: since, level });
  const rows: [string, Parameters<typeof evaluateSafety>[0], SafetyAction][] = [
    ['ter_plaatse 19:59 min: nothing', { unit: unit('ter_plaatse'), category: null, shift: 'vroeg', open: null, lastAnsweredAt: null, now: at(19.99) }, { kind: 'none' }],
    ['ter_plaatse 20 min: request', { unit: unit('ter_plaatse'), category: null, shift: 'vroeg', open: null, lastAnsweredAt: null, now: at(20) }, { kind: 'request' }],
    ['bezet 20 min: request', { unit: unit('bezet'), category: null, shift: 'laat', open: null, lastAnsweredAt: null, now: at(20) }, { kind: 'request' }],
    ['onderweg 60 min: nothing', { unit: unit('onderweg'), category: null, shift: 'vroeg', open: null, lastAnsweredAt: null, now: at(60) }, { kind: 'none' }],
    ['pauze 60 min: nothing', { unit: unit('pauze'), category: null, shift: 'vroeg', open: null, lastAnsweredAt: null, now: at(60) }, { kind: 'none' }],
    ['night: request at 15 min', { unit: unit('ter_plaatse'), category: null, shift: 'nacht', open: null, lastAnsweredAt: null, now: at(15) }, { kind: 'request' }],
    ['overlast: request at 10 min', { unit: unit('ter_plaatse'), category: 'overlast', shift: 'vroeg', open: null, lastAnsweredAt: null, now: at(10) }, { kind: 'request' }],
    ['answered at 20: timer restarts, nothing at 39', { unit: unit('ter_plaatse'), category: null, shift: 'vroeg', open: null, lastAnsweredAt: iso(20), now: at(39) }, { kind: 'none' }],
    ['answered at 20: request again at 40', { unit: unit('ter_plaatse'), category: null, shift: 'vroeg', open: null, lastAnsweredAt: iso(20), now: at(40) }, { kind: 'request' }],
    ['open, 1:59 after request: nothing', { unit: unit('ter_plaatse'), category: null, shift: 'vroeg', open: open(20), lastAnsweredAt: null, now: at(21.99) }, { kind: 'none' }],
    ['open, 2 min: amber', { unit: unit('ter_plaatse'), category: null, shift: 'vroeg', open: open(20), lastAnsweredAt: null, now: at(22) }, { kind: 'escalate', level: 'amber' }],
    ['open amber, 3 min: nothing new', { unit: unit('ter_plaatse'), category: null, shift: 'vroeg', open: open(20, 1), lastAnsweredAt: null, now: at(23) }, { kind: 'none' }],
    ['open amber, 4 min: red', { unit: unit('ter_plaatse'), category: null, shift: 'vroeg', open: open(20, 1), lastAnsweredAt: null, now: at(24) }, { kind: 'escalate', level: 'red' }],
    ['open red, 6 min: sound', { unit: unit('ter_plaatse'), category: null, shift: 'vroeg', open: open(20, 2), lastAnsweredAt: null, now: at(26) }, { kind: 'escalate', level: 'sound' }],
    ['open none, 7 min (late sweep): sound at once', { unit: unit('ter_plaatse'), category: null, shift: 'vroeg', open: open(20), lastAnsweredAt: null, now: at(27) }, { kind: 'escalate', level: 'sound' }],
    ['open sound, 30 min: nothing more', { unit: unit('ter_plaatse'), category: null, shift: 'vroeg', open: open(20, 3), lastAnsweredAt: null, now: at(50) }, { kind: 'none' }],
    ['open, unit went beschikbaar: cancel', { unit: unit('beschikbaar', iso(21)), category: null, shift: 'vroeg', open: open(20), lastAnsweredAt: null, now: at(22) }, { kind: 'cancel' }],
    ['open, ter_plaatse → bezet (new status period): cancel', { unit: unit('bezet', iso(21)), category: null, shift: 'vroeg', open: open(20), lastAnsweredAt: null, now: at(22) }, { kind: 'cancel' }],
  ];
  it.each(rows)('%s', (_name, input, expected) => {
    expect(evaluateSafety(input, S)).toEqual(expected);
  });

  it('escalation thresholds are settings', () => {
    const quick = { ...S, amberMinutes: 1, redMinutes: 2, soundMinutes: 3 };
    expect(escalationAfter(59_000, quick)).toBeNull();
    expect(escalationAfter(60_000, quick)).toBe('amber');
    expect(escalationAfter(120_000, quick)).toBe('red');
    expect(escalationAfter(180_000, quick)).toBe('sound');
  });
});

describe('"geen positie" (a warning, not an alarm)', () => {
  const u = (status: string, fixMin: number | null) => ({ status, statusSince: iso(-60), position: fixMin === null ? null : { at: iso(fixMin) } });
  it.each([
    ['beschikbaar', 0, 5, false],
    ['beschikbaar', 0, 5.01, true],
    ['ter_plaatse', 0, 6, true],
    ['pauze', 0, 60, false],
    ['uit_dienst', 0, 60, false],
    ['onderweg', null, 1, true],
  ] as const)('%s, fix at %s, now %s min: %s', (status, fix, now, missing) => {
    expect(positionMissing(u(status, fix), at(now), S)).toBe(missing);
  });
});

describe('priority traffic: who gets it', () => {
  const area = { id: 'a1', polygon: [[[4.30, 52.07], [4.32, 52.07], [4.32, 52.09], [4.30, 52.09]]] as [number, number][][] };
  const inside = { lat: 52.08, lng: 4.31 };
  const outside = { lat: 52.10, lng: 4.31 };
  it('units inside or tasked to the area, on duty; not the others', () => {
    const units = [
      { unitId: 'in', status: 'beschikbaar', position: inside, taskedAreaIds: [] },
      { unitId: 'tasked', status: 'onderweg', position: outside, taskedAreaIds: ['a1'] },
      { unitId: 'out', status: 'beschikbaar', position: outside, taskedAreaIds: ['a2'] },
      { unitId: 'nofix', status: 'beschikbaar', position: null, taskedAreaIds: [] },
      { unitId: 'off', status: 'uit_dienst', position: inside, taskedAreaIds: ['a1'] },
      { unitId: 'pause', status: 'pauze', position: inside, taskedAreaIds: [] },
    ];
    expect(trafficRecipients(area, units)).toEqual(['in', 'tasked', 'pause']);
    expect(concernsUnit(area, { unitId: 'x', status: 'bezet', position: null, taskedAreaIds: ['a1'] })).toBe(true);
  });
});

describe('settings', () => {
  it('defaults, environment and the per-category list', () => {
    const c = loadConfig({
      MELDKAMER_CHECK_IN_MINUTES: '25',
      MELDKAMER_CHECK_IN_CATEGORY_MINUTES: 'overlast=10, groen=45',
      MELDKAMER_SHIFT_VROEG: '06:00',
    }, { dataDir: '/tmp/x' });
    expect(safetySettingsOf(c)).toEqual({ ...DEFAULT_SAFETY, checkInMinutes: 25, checkInCategoryMinutes: { overlast: 10, groen: 45 } });
    expect(shiftSettingsOf(c)).toEqual({ starts: { vroeg: '06:00', laat: '15:00', nacht: '23:00' }, timeZone: 'Europe/Amsterdam' });
    expect(() => loadConfig({ MELDKAMER_SHIFT_LAAT: '25:00' }, { dataDir: '/tmp/x' })).toThrow(/MELDKAMER_SHIFT_LAAT/);
    expect(() => loadConfig({ MELDKAMER_SHIFT_LAAT: '07:00' }, { dataDir: '/tmp/x' })).toThrow(/different/);
    expect(() => loadConfig({ MELDKAMER_CHECK_IN_CATEGORY_MINUTES: 'overlast' }, { dataDir: '/tmp/x' })).toThrow(/category=minutes/);
    expect(() => loadConfig({ MELDKAMER_SHIFT_TIME_ZONE: 'Mars/Olympus' }, { dataDir: '/tmp/x' })).toThrow(/time zone/);
  });
});
