import { describe, expect, it } from 'vitest';
import { addWorkingDays, dutchHolidays, isWorkingDay, localDateString, slaState } from '../../server/domain/sla';

const weekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();

describe('calendar facts the tests rely on', () => {
  it.each([
    ['2027-04-27', 2], // Koningsdag 2027: Tuesday
    ['2027-03-29', 1], // Easter Monday 2027
    ['2027-05-06', 4], // Ascension 2027: Thursday
    ['2027-05-05', 3], // Bevrijdingsdag 2027: Wednesday
    ['2026-12-25', 5], // Christmas 2026: Friday
    ['2027-05-17', 1], // Whit Monday 2027
  ])('%s is weekday %i', (date, day) => {
    expect(weekday(date)).toBe(day);
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2027-01-01', false, 'Nieuwjaarsdag'],
    ['2027-03-26', true, 'Goede Vrijdag counts as working day'],
    ['2027-03-28', false, 'Eerste Paasdag (Sunday)'],
    ['2027-03-29', false, 'Tweede Paasdag'],
    ['2027-04-26', true, 'Monday before Koningsdag'],
    ['2027-04-27', false, 'Koningsdag'],
    ['2027-05-05', false, 'Bevrijdingsdag, every year'],
    ['2027-05-06', false, 'Hemelvaartsdag'],
    ['2027-05-07', true, 'Friday after Ascension'],
    ['2027-05-17', false, 'Tweede Pinksterdag'],
    ['2026-12-24', true, 'Christmas Eve'],
    ['2026-12-25', false, 'Eerste Kerstdag'],
    ['2026-12-26', false, 'Tweede Kerstdag (Saturday)'],
    ['2026-12-28', true, 'Monday after Christmas'],
    ['2026-12-31', true, 'Oudejaarsdag'],
    ['2027-05-04', true, 'Dodenherdenking is not a day off'],
    ['2027-01-13', true, 'ordinary Wednesday'],
    ['2027-01-16', false, 'Saturday'],
    ['2027-01-17', false, 'Sunday'],
  ])('%s -> %s (%s)', (date, working) => {
    expect(isWorkingDay(date)).toBe(working);
  });

  it('reads an instant in the Amsterdam time zone by default', () => {
    expect(isWorkingDay(new Date('2027-04-26T21:30:00Z'))).toBe(true); // 23:30 on Monday 26 April
    expect(isWorkingDay(new Date('2027-04-26T22:30:00Z'))).toBe(false); // 00:30 on Koningsdag
    expect(isWorkingDay(new Date('2027-04-26T22:30:00Z'), 'UTC')).toBe(true);
  });

  it('policy switches: lustrum-only Bevrijdingsdag and Goede Vrijdag', () => {
    const lustrum = { liberationDay: 'lustrum', goodFriday: false } as const;
    expect(isWorkingDay('2027-05-05', undefined, lustrum)).toBe(true);
    expect(isWorkingDay('2025-05-05', undefined, lustrum)).toBe(false);
    expect(isWorkingDay('2027-05-05', undefined, { liberationDay: 'never', goodFriday: false })).toBe(true);
    expect(isWorkingDay('2027-03-26', undefined, { liberationDay: 'yearly', goodFriday: true })).toBe(false);
  });

  it('lists the holidays by name', () => {
    const names = [...dutchHolidays(2027).values()];
    for (const name of ['Koningsdag', 'Bevrijdingsdag', 'Hemelvaartsdag', 'Tweede paasdag', 'Kerstmis', 'Tweede kerstdag']) {
      expect(names).toContain(name);
    }
    expect(names).not.toContain('Goede Vrijdag');
    expect(dutchHolidays(2027).get('2027-04-27')).toBe('Koningsdag');
  });

  it('Koningsdag on a Sunday moves to Saturday (2025: 26 April)', () => {
    expect(dutchHolidays(2025).get('2025-04-26')).toBe('Koningsdag');
    expect(isWorkingDay('2025-04-28')).toBe(true);
  });
});

// Amsterdam is UTC+1 in winter (CET) and UTC+2 in summer (CEST).
describe('addWorkingDays', () => {
  it.each([
    ['Friday + 1 -> Monday', '2027-01-08T09:00:00Z', 1, '2027-01-11T09:00:00Z'],
    ['Saturday + 1 -> Monday', '2027-01-09T09:00:00Z', 1, '2027-01-11T09:00:00Z'],
    ['Sunday + 1 -> Monday', '2027-01-10T09:00:00Z', 1, '2027-01-11T09:00:00Z'],
    ['Monday + 5 -> next Monday', '2027-01-11T09:00:00Z', 5, '2027-01-18T09:00:00Z'],
    ['Monday + 10 -> two weeks', '2027-01-11T09:00:00Z', 10, '2027-01-25T09:00:00Z'],
    ['skips Koningsdag (Tue 27 Apr 2027)', '2027-04-26T08:00:00Z', 1, '2027-04-28T08:00:00Z'],
    ['skips Bevrijdingsdag and Hemelvaart 2027', '2027-05-04T08:00:00Z', 3, '2027-05-11T08:00:00Z'],
    ['skips Tweede Pinksterdag 2027', '2027-05-14T08:00:00Z', 1, '2027-05-18T08:00:00Z'],
    ['Christmas 2026: Thu 24 Dec + 1 -> Mon 28 Dec', '2026-12-24T09:00:00Z', 1, '2026-12-28T09:00:00Z'],
    ['Christmas 2026: Wed 23 Dec + 3 -> Tue 29 Dec', '2026-12-23T09:00:00Z', 3, '2026-12-29T09:00:00Z'],
    ['New Year 2027: Wed 30 Dec + 2 -> Mon 4 Jan', '2026-12-30T09:00:00Z', 2, '2027-01-04T09:00:00Z'],
    // Good Friday counts; Easter Monday 29 March does not; DST starts Sunday 28 March:
    // 10:00 CET on Thursday -> 10:00 CEST on Tuesday.
    ['Easter 2027 across DST start', '2027-03-25T09:00:00Z', 2, '2027-03-30T08:00:00Z'],
    // DST ends Sunday 31 October 2027: 10:00 CEST on Friday -> 10:00 CET on Monday.
    ['across DST end', '2027-10-29T08:00:00Z', 1, '2027-11-01T09:00:00Z'],
  ])('%s', (_name, start, days, expected) => {
    expect(addWorkingDays(new Date(start), days).toISOString()).toBe(new Date(expected).toISOString());
  });

  it('counts days in the given time zone', () => {
    // Friday 23:30 UTC is Saturday 00:30 in Amsterdam.
    const start = new Date('2027-01-08T23:30:00Z');
    expect(addWorkingDays(start, 1).toISOString()).toBe('2027-01-10T23:30:00.000Z'); // Monday 00:30 local
    expect(addWorkingDays(start, 1, 'UTC').toISOString()).toBe('2027-01-11T23:30:00.000Z');
  });

  it('keeps milliseconds', () => {
    expect(addWorkingDays(new Date('2027-01-11T09:00:00.123Z'), 1).toISOString()).toBe('2027-01-12T09:00:00.123Z');
  });

  it('follows the policy', () => {
    const start = new Date('2027-05-04T08:00:00Z');
    const lustrum = { liberationDay: 'lustrum', goodFriday: false } as const;
    expect(addWorkingDays(start, 3, undefined, lustrum).toISOString()).toBe('2027-05-10T08:00:00.000Z');
  });

  it('0 days returns the start, also on a holiday', () => {
    const start = new Date('2027-04-27T08:00:00Z');
    expect(addWorkingDays(start, 0).getTime()).toBe(start.getTime());
    expect(addWorkingDays(start, 0)).not.toBe(start);
  });

  it.each([-1, 1.5, Number.NaN])('refuses %s days', (days) => {
    expect(() => addWorkingDays(new Date(), days)).toThrow(RangeError);
  });
});

describe('slaState', () => {
  const deadline = new Date('2027-05-11T08:00:00Z');
  const at = (ms: number) => new Date(deadline.getTime() + ms);
  const hour = 3_600_000;

  it('default threshold: 24 hours', () => {
    expect(slaState(deadline, at(-24 * hour - 1))).toBe('on_time');
    expect(slaState(deadline, at(-24 * hour))).toBe('at_risk');
    expect(slaState(deadline, at(-1))).toBe('at_risk');
    expect(slaState(deadline, at(0))).toBe('at_risk');
    expect(slaState(deadline, at(1))).toBe('overdue');
    expect(slaState(deadline, at(30 * 24 * hour))).toBe('overdue');
  });

  it('hours threshold', () => {
    expect(slaState(deadline, at(-4 * hour), { hours: 4 })).toBe('at_risk');
    expect(slaState(deadline, at(-4 * hour - 1), { hours: 4 })).toBe('on_time');
    expect(slaState(deadline, at(0), { hours: 0 })).toBe('at_risk');
    expect(slaState(deadline, at(-1), { hours: 0 })).toBe('on_time');
  });

  it('fraction of the handling time', () => {
    const start = at(-100 * hour);
    expect(slaState(deadline, at(-25 * hour), { start, fraction: 0.25 })).toBe('at_risk');
    expect(slaState(deadline, at(-25 * hour - 1), { start, fraction: 0.25 })).toBe('on_time');
    expect(slaState(deadline, at(1), { start, fraction: 0.25 })).toBe('overdue');
  });
});

describe('localDateString', () => {
  it('gives the local calendar date', () => {
    expect(localDateString(new Date('2027-04-26T22:30:00Z'))).toBe('2027-04-27');
    expect(localDateString(new Date('2027-04-26T22:30:00Z'), 'UTC')).toBe('2027-04-26');
  });
});
