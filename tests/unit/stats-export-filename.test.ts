import { describe, expect, it } from 'vitest';
import { statsFileName } from '../../server/http/stats-export';
import type { StatsAnswer } from '../../server/protocol/stats';

/**
 * The KPI download's file name names the period's days as the control room reads them (the answer's time zone), not
 * the UTC dates of its instants: the day 30 November in Amsterdam starts at 29 November 23:00 UTC and was saved as
 * kpi-2026-11-29-2026-11-30.csv.
 */
const answer = (from: string, to: string, by: StatsAnswer['by'] = null) => ({ from, to, by, timeZone: 'Europe/Amsterdam' }) as StatsAnswer;

describe('statsFileName', () => {
  it('a day in Amsterdam (winter) is named by its local days', () => {
    expect(statsFileName(answer('2026-11-29T23:00:00.000Z', '2026-11-30T23:00:00.000Z'), 'csv')).toBe('kpi-2026-11-30-2026-12-01.csv');
  });
  it('a summer week with its grouping', () => {
    expect(statsFileName(answer('2026-06-28T22:00:00.000Z', '2026-07-05T22:00:00.000Z', 'category'), 'xlsx')).toBe('kpi-2026-06-29-2026-07-06-category.xlsx');
  });
  it('a period given in UTC midnight keeps its days', () => {
    expect(statsFileName(answer('2026-11-30T00:00:00Z', '2026-12-01T00:00:00Z'), 'csv')).toBe('kpi-2026-11-30-2026-12-01.csv');
  });
});
