import { describe, expect, it } from 'vitest';
import { atRiskFrom, slaStateFor, slaTermFor, workingMsBetween } from '../../server/domain/sla';

// Amsterdam is UTC+1 in winter: 2027-01-15 is a Friday, 2027-01-18 a Monday.
const overlast = { slaWorkingDays: 1, slaUrgentHours: 2, slaHighHours: 8 };
const groen = { slaWorkingDays: 5 };

describe('SLA terms per priority', () => {
  // category, priority, received (UTC), term, deadline (UTC)
  const rows: [string, object, string, string, string, string][] = [
    ['overlast normal, Friday 23:00', overlast, 'normal', '2027-01-15T22:00:00Z', 'working_days 1', '2027-01-18T22:00:00Z'],
    ['overlast high, Friday 23:00: Saturday 07:00, not Monday', overlast, 'high', '2027-01-15T22:00:00Z', 'hours 8', '2027-01-16T06:00:00Z'],
    ['overlast urgent, Friday 23:00', overlast, 'urgent', '2027-01-15T22:00:00Z', 'hours 2', '2027-01-16T00:00:00Z'],
    ['groen high without own term: 24 h default', groen, 'high', '2027-01-13T09:00:00Z', 'hours 24', '2027-01-14T09:00:00Z'],
    ['groen urgent without own term: 4 h default', groen, 'urgent', '2027-01-13T09:00:00Z', 'hours 4', '2027-01-13T13:00:00Z'],
    ['a longer hours term never lengthens the deadline', { slaWorkingDays: 1, slaHighHours: 72 }, 'high', '2027-01-13T09:00:00Z', 'working_days 1', '2027-01-14T09:00:00Z'],
    ['low: working days', groen, 'low', '2027-01-13T09:00:00Z', 'working_days 5', '2027-01-20T09:00:00Z'],
  ];
  it.each(rows)('%s', (_name, category, priority, received, term, deadline) => {
    const got = slaTermFor(category as typeof overlast, priority, new Date(received));
    expect(`${got.term.unit} ${got.term.amount}`).toBe(term);
    expect(got.deadline.toISOString()).toBe(new Date(deadline).toISOString());
  });
});

describe('"bijna te laat": the last 20 % of the term, in its own units', () => {
  // term, deadline (UTC), at risk from (UTC)
  const rows: [string, { unit: 'hours' | 'working_days'; amount: number }, string, string][] = [
    ['8 clock hours: the last 96 minutes', { unit: 'hours', amount: 8 }, '2027-01-16T06:00:00Z', '2027-01-16T04:24:00Z'],
    ['1 working day due Wednesday 10:00: 4.8 h before', { unit: 'working_days', amount: 1 }, '2027-01-13T09:00:00Z', '2027-01-13T04:12:00Z'],
    ['1 working day due Monday 03:00: the weekend does not count', { unit: 'working_days', amount: 1 }, '2027-01-18T02:00:00Z', '2027-01-15T21:12:00Z'],
    ['5 working days due Wednesday 10:00: from Tuesday 10:00', { unit: 'working_days', amount: 5 }, '2027-01-20T09:00:00Z', '2027-01-19T09:00:00Z'],
    ['5 working days due Monday 10:00: from Friday 10:00', { unit: 'working_days', amount: 5 }, '2027-01-18T09:00:00Z', '2027-01-15T09:00:00Z'],
  ];
  it.each(rows)('%s', (_name, term, deadline, from) => {
    expect(atRiskFrom(term, new Date(deadline)).toISOString()).toBe(new Date(from).toISOString());
  });

  it('a one-day report is on time in its first hours (not amber from the first minute), at risk at the end, overdue after', () => {
    const term = { unit: 'working_days', amount: 1 } as const;
    const deadline = new Date('2027-01-14T09:00:00Z');
    expect(slaStateFor(term, deadline, new Date('2027-01-13T09:01:00Z'))).toBe('on_time');
    expect(slaStateFor(term, deadline, new Date('2027-01-14T05:00:00Z'))).toBe('at_risk');
    expect(slaStateFor(term, deadline, new Date('2027-01-14T09:00:00Z'))).toBe('at_risk');
    expect(slaStateFor(term, deadline, new Date('2027-01-14T09:00:01Z'))).toBe('overdue');
  });

  it('counts working time only on working days', () => {
    expect(workingMsBetween(new Date('2027-01-15T22:00:00Z'), new Date('2027-01-18T22:00:00Z')) / 3_600_000).toBe(24);
    expect(workingMsBetween(new Date('2027-01-13T09:00:00Z'), new Date('2027-01-14T09:00:00Z')) / 3_600_000).toBe(24);
  });
});
