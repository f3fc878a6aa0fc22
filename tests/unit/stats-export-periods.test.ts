import { describe, expect, it } from 'vitest';
import { statsTable } from '../../server/http/stats-export';
import type { KpiRow, StatsAnswer } from '../../server/protocol/stats';

/**
 * The KPI export's "Periode van" and "Periode tot" read as the control room's clock (the answer's time zone), as the
 * KPI screen shows them: the month of November in Amsterdam was written as 2026-10-31T23:00:00.000Z – 2026-11-30T23:00:00.000Z.
 */
const none = { count: 0, medianMs: null, p90Ms: null };
const kpis: KpiRow = {
  ...{ received: 0, closed: 0, withTerm: 0, withinTerm: 0, withinTermShare: null, followUpsDue: 0, followUpsDone: 0, followUpsDoneShare: null },
  ...{ asked: 0, answered: 0, satisfied: 0, satisfiedShare: null, responseRate: null, reopenRequests: 0, reopenRate: null },
  ...{ closedWithMessage: 0, edited: 0, editedShare: null, deliveriesFailed: 0 },
  ...{ queue: none, dispatch: none, travel: none, onScene: none, close: none },
};
const answer = {
  from: '2026-10-31T23:00:00.000Z',
  to: '2026-11-30T23:00:00.000Z',
  by: null,
  timeZone: 'Europe/Amsterdam',
  groups: [],
  total: kpis,
  trend: [{ from: '2026-09-30T22:00:00.000Z', to: '2026-10-31T23:00:00.000Z', kpis }],
} as unknown as StatsAnswer;

describe('statsTable periods', () => {
  it('writes a period’s bounds as local date and time, summer and winter alike', () => {
    const [, total, previous] = statsTable(answer).map((row) => row.slice(0, 3));
    expect(total).toEqual(['2026-11-01 00:00', '2026-12-01 00:00', 'Totaal']);
    expect(previous).toEqual(['2026-10-01 00:00', '2026-11-01 00:00', 'Totaal (eerdere periode)']);
  });

  it('a shift keeps its start hour', () => {
    const shift = { ...answer, from: '2026-11-30T14:00:00.000Z', to: '2026-11-30T22:00:00.000Z', trend: [] } as StatsAnswer;
    expect(statsTable(shift)[1]?.slice(0, 2)).toEqual(['2026-11-30 15:00', '2026-11-30 23:00']);
  });
});

/** The export speaks the console's language: its column headers and total rows in Dutch or English. */
describe('statsTable language', () => {
  it('Dutch by default', () => {
    const [header, total, previous] = statsTable(answer);
    expect(header?.slice(0, 4)).toEqual(['Periode van', 'Periode tot', 'Groep', 'Ontvangen']);
    expect(header).toContain('Mislukte berichten');
    expect(total?.[2]).toBe('Totaal');
    expect(previous?.[2]).toBe('Totaal (eerdere periode)');
  });

  it('English for the English console: every header and the totals', () => {
    const [header, total, previous] = statsTable(answer, 'en');
    expect(header?.slice(0, 4)).toEqual(['Period from', 'Period to', 'Group', 'Received']);
    expect(header).toContain('Failed messages');
    expect(header).toHaveLength(statsTable(answer, 'nl')[0]?.length ?? 0);
    const dutch = new Set(statsTable(answer, 'nl')[0]);
    expect(header?.filter((h) => dutch.has(h))).toEqual([]);
    expect(total?.[2]).toBe('Total');
    expect(previous?.[2]).toBe('Total (earlier period)');
  });
});
