import { describe, expect, it } from 'vitest';
import { type KpiFacts, groupFacts, kpiRow, median, percentile } from '../../server/domain/kpi';
import { periodAt, periodDays, previousPeriods } from '../../server/domain/kpi-periods';
import { kpiStepsOf } from '../../server/domain/kpi-steps';
import { DEFAULT_SHIFTS } from '../../server/domain/shifts';
import { safeCellText } from '../../server/domain/spreadsheet-cell';
import { csvDocument } from '../../server/http/csv-document';
import type { HubEvent } from '../../server/protocol/events';
import type { Report } from '../../server/protocol/report';

const TZ = 'Europe/Amsterdam';

describe('percentiles', () => {
  it('median of odd and even counts; p90 by nearest rank; null without values', () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([1, 3])).toBe(2);
    expect(median([1, 2, 9])).toBe(2);
    expect(percentile([], 0.9)).toBeNull();
    expect(percentile([1, 2], 0.9)).toBe(2);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9)).toBe(10);
  });
});

describe('KPI rows', () => {
  const s = { category: 'groen', lat: 52, lng: 4, team: null };
  const facts: KpiFacts = {
    received: [s, { ...s, category: 'afval' }],
    intervals: [
      { ...s, kind: 'queue', ms: 10 },
      { ...s, kind: 'queue', ms: 30 },
      { ...s, kind: 'close', ms: 100 },
    ],
    closings: [
      { ...s, withinTerm: true, edited: true, hasReporter: true },
      { ...s, withinTerm: false, edited: false, hasReporter: true },
      { ...s, category: 'afval', withinTerm: null, edited: null, hasReporter: false },
    ],
    followUps: [{ ...s, done: true }],
    reopenRequests: [s],
    failedDeliveries: [],
    answers: [{ ...s, satisfied: true }, { ...s, satisfied: false }, { ...s, satisfied: true }],
  };

  it('shares leave out what they cannot judge (no deadline, no message); more answers than closings cap the rate at 1', () => {
    const k = kpiRow(facts);
    expect(k.received).toBe(2);
    expect(k.queue).toEqual({ count: 2, medianMs: 20, p90Ms: 30 });
    expect(k.dispatch).toEqual({ count: 0, medianMs: null, p90Ms: null });
    expect(k.withinTermShare).toBe(0.5);
    expect(k.editedShare).toBe(0.5);
    expect(k.asked).toBe(2);
    expect(k.responseRate).toBe(1);
    expect(k.satisfiedShare).toBeCloseTo(2 / 3, 10);
    expect(k.reopenRate).toBeCloseTo(1 / 3, 10);
    expect(k.followUpsDoneShare).toBe(1);
    expect(k.deliveriesFailed).toBe(0);
  });

  it('groups by the key given, in key order', () => {
    const groups = groupFacts(facts, (f) => f.category);
    expect([...groups.keys()]).toEqual(['afval', 'groen']);
    expect(kpiRow(groups.get('afval') as KpiFacts).closed).toBe(1);
    expect(kpiRow(groups.get('groen') as KpiFacts).received).toBe(1);
  });
});

describe('periods', () => {
  it('shift, day, week and month in Amsterdam time; the night shift runs past midnight', () => {
    const t = new Date('2026-12-02T01:30:00Z'); // Wednesday 02:30 local
    expect(periodAt('shift', t, DEFAULT_SHIFTS)).toEqual({ from: '2026-12-01T22:00:00.000Z', to: '2026-12-02T06:00:00.000Z' });
    expect(periodAt('day', t, DEFAULT_SHIFTS)).toEqual({ from: '2026-12-01T23:00:00.000Z', to: '2026-12-02T23:00:00.000Z' });
    expect(periodAt('week', t, DEFAULT_SHIFTS)).toEqual({ from: '2026-11-29T23:00:00.000Z', to: '2026-12-06T23:00:00.000Z' });
    expect(periodAt('month', t, DEFAULT_SHIFTS)).toEqual({ from: '2026-11-30T23:00:00.000Z', to: '2026-12-31T23:00:00.000Z' });
  });

  it('trend periods: calendar months across the clock change, else the same length laid back', () => {
    const march = { from: '2026-02-28T23:00:00.000Z', to: '2026-03-31T22:00:00.000Z' };
    expect(previousPeriods(march, 2, TZ)).toEqual([
      { from: '2025-12-31T23:00:00.000Z', to: '2026-01-31T23:00:00.000Z' },
      { from: '2026-01-31T23:00:00.000Z', to: '2026-02-28T23:00:00.000Z' },
    ]);
    const shift = { from: '2026-12-01T06:00:00.000Z', to: '2026-12-01T14:00:00.000Z' };
    expect(previousPeriods(shift, 1, TZ)).toEqual([{ from: '2026-11-30T22:00:00.000Z', to: '2026-12-01T06:00:00.000Z' }]);
    expect(periodDays({ from: '2026-11-30T23:00:00.000Z', to: '2026-12-01T23:00:00.000Z' }, TZ)).toEqual({ first: '2026-12-01', last: '2026-12-01' });
  });

  it('trend periods across the clock change start at the same local time (midnight stays midnight, a shift its start)', () => {
    // The week from Monday 26 October 2026 (winter time since Sunday 25 October 03:00): the week before runs from
    // Monday 19 October 00:00 summer time (22:00Z) to Monday 26 October 00:00 winter time (23:00Z): 169 hours.
    const week = { from: '2026-10-25T23:00:00.000Z', to: '2026-11-01T23:00:00.000Z' };
    expect(previousPeriods(week, 2, TZ)).toEqual([
      { from: '2026-10-11T22:00:00.000Z', to: '2026-10-18T22:00:00.000Z' },
      { from: '2026-10-18T22:00:00.000Z', to: '2026-10-25T23:00:00.000Z' },
    ]);
    // Monday 26 October; the day before (Sunday 25 October) has 25 hours.
    const day = { from: '2026-10-25T23:00:00.000Z', to: '2026-10-26T23:00:00.000Z' };
    expect(previousPeriods(day, 2, TZ)).toEqual([
      { from: '2026-10-23T22:00:00.000Z', to: '2026-10-24T22:00:00.000Z' },
      { from: '2026-10-24T22:00:00.000Z', to: '2026-10-25T23:00:00.000Z' },
    ]);
    // The early shift of Sunday 29 March 2026 (07:00 summer time): the night shift before it began 23:00 winter time.
    const early = { from: '2026-03-29T05:00:00.000Z', to: '2026-03-29T13:00:00.000Z' };
    expect(previousPeriods(early, 1, TZ)).toEqual([{ from: '2026-03-28T22:00:00.000Z', to: '2026-03-29T05:00:00.000Z' }]);
  });
});

describe('KPI steps of the event log', () => {
  const report = { id: 'r1', createdAt: '2026-12-01T08:00:00.000Z', slaDeadline: '2026-12-01T12:00:00.000Z', reporterCount: 1, followUpDate: null } as Report;
  const base = { seq: 7, at: '2026-12-01T09:00:00.000Z', actorId: 'u' };

  it('a closing carries its time to close, the term, the edit and the reporter; without a message, no edit flag', () => {
    const closed = { ...base, type: 'report.transitioned', report, from: 'in_progress', to: 'closed', outcome: 'no_action', resolution: null, resolutionState: null, note: null, messages: 1, messageEdited: true } as HubEvent;
    expect(kpiStepsOf(closed)).toMatchObject([{ kind: 'closed', reportId: 'r1', ms: 3_600_000, withinTerm: 1, edited: 1, hasReporter: 1 }]);
    const silent = { ...closed, messages: 0 } as HubEvent;
    expect(kpiStepsOf(silent)[0]?.edited).toBeNull();
  });

  it('a referred report is not asked for satisfaction: its closing does not count as asked', () => {
    const referred = { ...base, type: 'report.transitioned', report: { ...report, outcome: 'referred' }, from: 'in_progress', to: 'closed', outcome: 'referred', resolution: null, resolutionState: null, note: null, messages: 1, messageEdited: false } as HubEvent;
    expect(kpiStepsOf(referred)).toMatchObject([{ kind: 'closed', reportId: 'r1', hasReporter: 0 }]);
  });

  it('a unit arriving counts only when its status changed in this event; a unit without a report is free', () => {
    const unit = { id: 'u1', callsign: 'B-1', kind: 'boa_domein_1', officerCount: 2, status: 'ter_plaatse', statusSince: base.at, currentReportId: 'r1', position: null, version: 1 };
    expect(kpiStepsOf({ ...base, type: 'unit.updated', unit } as HubEvent)).toMatchObject([{ kind: 'ter_plaatse', unitId: 'u1', reportId: 'r1' }]);
    expect(kpiStepsOf({ ...base, type: 'unit.updated', unit: { ...unit, statusSince: '2026-12-01T08:00:00.000Z' } } as HubEvent)).toEqual([]);
    expect(kpiStepsOf({ ...base, type: 'unit.updated', unit: { ...unit, status: 'beschikbaar', currentReportId: null } } as HubEvent)).toMatchObject([{ kind: 'unit_free' }]);
  });
});

describe('spreadsheet cells (OWASP CSV injection)', () => {
  it('text that a spreadsheet would run gets an apostrophe; numbers stay numbers; CSV quotes what it must', () => {
    for (const v of ['=1+1', '+31', '-2', '@SUM(A1)', '\tx', '\rx']) expect(safeCellText(v)).toBe(`'${v}`);
    expect(safeCellText('Groen')).toBe('Groen');
    expect(csvDocument([[-2, null, '=HYPERLINK("x")', 'a,b', 'x\ny']])).toBe(`\uFEFF-2,,"'=HYPERLINK(""x"")","a,b","x\ny"\r\n`);
    expect(csvDocument([['a', 1]])).toBe('\uFEFFa,1\r\n');
  });
});
