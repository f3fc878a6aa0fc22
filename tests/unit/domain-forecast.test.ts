import { describe, expect, it } from 'vitest';
import {
  type ForecastPoint,
  SLOTS_PER_WEEK,
  WEEK_MS,
  bucketHistory,
  cityShape,
  expectedPerSlot,
  forecast,
  slotOf,
} from '../../server/domain/forecast';

const TZ = 'Europe/Amsterdam';
// Monday 2026-11-30 00:00 in Amsterdam (UTC+1): the end of the history, so week boundaries fall on Monday midnight.
const NOW = new Date('2026-11-29T23:00:00Z');
const HOUR = 3_600_000;

/** A point `weeksBack` whole weeks before NOW's week, on local weekday `day` (0 Monday) at local hour `hour`. */
function at(weeksBack: number, day: number, hour: number): string {
  // NOW is Monday 00:00 local: the week before starts 7 days earlier.
  return new Date(NOW.getTime() - (weeksBack + 1) * WEEK_MS + (day * 24 + hour) * HOUR + 60_000).toISOString();
}

describe('slotOf', () => {
  it('counts local weekday and hour from Monday 00:00, across daylight saving time', () => {
    expect(slotOf(Date.parse('2026-11-30T00:30:00+01:00'), TZ)).toBe(0); // Monday 00:30
    expect(slotOf(Date.parse('2026-12-06T23:59:00+01:00'), TZ)).toBe(167); // Sunday 23:59
    expect(slotOf(Date.parse('2026-07-01T08:15:00+02:00'), TZ)).toBe(2 * 24 + 8); // Wednesday 08:15 summer time
  });
});

describe('bucketHistory', () => {
  it('puts points into weeks oldest first and leaves out points outside the weeks', () => {
    const points: ForecastPoint[] = [
      { cell: 'a', kind: 'report', at: at(0, 0, 9) }, // last week, Monday 09h
      { cell: 'a', kind: 'report', at: at(2, 0, 9) }, // three weeks back
      { cell: 'a', kind: 'signal', at: at(1, 6, 23) },
      { cell: 'a', kind: 'report', at: at(3, 0, 9) }, // before the 3 weeks: left out
      { cell: 'b', kind: 'report', at: new Date(NOW.getTime() + HOUR).toISOString() }, // after now: left out
    ];
    const h = bucketHistory(points, NOW, 3, TZ);
    expect(h.cells.size).toBe(1);
    const a = h.cells.get('a');
    expect(a?.report[2 * SLOTS_PER_WEEK + 9]).toBe(1);
    expect(a?.report[0 * SLOTS_PER_WEEK + 9]).toBe(1);
    expect(a?.report.reduce((x, y) => x + y, 0)).toBe(2);
    expect(a?.signal[1 * SLOTS_PER_WEEK + 167]).toBe(1);
  });
});

describe('the seasonal model with shrinkage', () => {
  it('is (x + α·(T/n)·p(s)) / (n + α), worked by hand', () => {
    // Two weeks; the cell has 3 reports in slot 0 of week 0, 1 in slot 0 of week 1, 2 in slot 1 of week 1.
    const counts = new Int32Array(2 * SLOTS_PER_WEEK);
    counts[0] = 3;
    counts[SLOTS_PER_WEEK] = 1;
    counts[SLOTS_PER_WEEK + 1] = 2;
    const shape = new Float64Array(SLOTS_PER_WEEK);
    shape[0] = 0.5;
    shape[1] = 0.25;
    shape[2] = 0.25;
    // n = 2, T = 6, weekly = 3, α = 4.
    const e = expectedPerSlot(counts, shape, 0, 2, 4);
    expect(e[0]).toBeCloseTo((4 + 4 * 3 * 0.5) / 6, 10); // 10/6
    expect(e[1]).toBeCloseTo((2 + 4 * 3 * 0.25) / 6, 10); // 5/6
    expect(e[2]).toBeCloseTo((0 + 4 * 3 * 0.25) / 6, 10); // 3/6
    expect(e[3]).toBe(0);
    // The week's total is kept: (T + α·weekly) / (n + α) = weekly.
    expect(e.reduce((a, b) => a + b, 0)).toBeCloseTo(3, 10);
  });

  it('without shrinkage is the plain mean per slot; with no training weeks it expects nothing', () => {
    const counts = new Int32Array(2 * SLOTS_PER_WEEK);
    counts[5] = 2;
    counts[SLOTS_PER_WEEK + 5] = 4;
    expect(expectedPerSlot(counts, new Float64Array(SLOTS_PER_WEEK), 0, 2, 0)[5]).toBe(3);
    expect(expectedPerSlot(counts, new Float64Array(SLOTS_PER_WEEK), 0, 0)[5]).toBe(0);
  });

  it("takes the city's shape over every cell, flat when there is nothing", () => {
    const h = bucketHistory(
      [
        { cell: 'a', kind: 'report', at: at(0, 0, 1) },
        { cell: 'b', kind: 'report', at: at(0, 0, 1) },
        { cell: 'b', kind: 'report', at: at(1, 0, 2) },
        { cell: 'b', kind: 'report', at: at(1, 0, 2) },
      ],
      NOW,
      2,
      TZ,
    );
    const shape = cityShape(h, 'report', 0, 2);
    expect(shape[1]).toBe(0.5);
    expect(shape[2]).toBe(0.5);
    expect(cityShape(h, 'signal', 0, 2)[7]).toBeCloseTo(1 / 168, 12);
  });
});

describe('forecast and back-test', () => {
  it('a cell with the same week every week is forecast exactly, and its back-test error is 0 for both models', () => {
    const points: ForecastPoint[] = [];
    // Five weeks, all after the end of summer time (25 October), so `at` is local time.
    for (let w = 0; w < 5; w++) points.push({ cell: 'a', kind: 'report', at: at(w, 4, 22) }, { cell: 'a', kind: 'report', at: at(w, 5, 23) });
    const f = forecast(bucketHistory(points, NOW, 5, TZ), 3);
    const a = f.cells[0];
    expect(a?.cell).toBe('a');
    // Only cell: the city shape is the cell's own, so shrinkage changes nothing: 1 per week in each slot.
    expect(a?.expected.report[4 * 24 + 22]).toBe(1);
    expect(a?.expected.report[5 * 24 + 23]).toBe(1);
    expect(a?.weekTotal.report).toBe(2);
    expect(a?.history.report).toBe(10);
    expect(a?.backTest.report).toEqual({ mae: 0, naiveMae: 0, weeksTested: 2 });
    expect(f.backTest.report).toEqual({ mae: 0, naiveMae: 0, weeksTested: 2 });
    expect(a?.weekTotal.signal).toBe(0);
  });

  it('back-test by hand: one report a week in alternating slots, model against "same as last week"', () => {
    // Weeks oldest first: slot 0, slot 1, slot 0, slot 1, slot 0 (5 weeks, train from 4 on: test week 4 only).
    const slots = [0, 1, 0, 1, 0];
    const points: ForecastPoint[] = slots.map((s, week) => ({ cell: 'a', kind: 'report', at: at(4 - week, 0, s) }));
    const f = forecast(bucketHistory(points, NOW, 5, TZ), 4);
    // Training weeks 0..3: x(0) = 2, x(1) = 2, T = 4, n = 4, weekly = 1; city shape p(0) = p(1) = 0.5.
    // expected(0) = expected(1) = (2 + 4·1·0.5) / 8 = 0.5; actual week 4: slot 0 = 1, slot 1 = 0.
    // Model: |0.5 - 1| + |0.5 - 0| = 1 over 168 slots. Naive (week 3: slot 1): |0 - 1| + |1 - 0| = 2 over 168.
    const score = f.cells[0]?.backTest.report;
    expect(score?.weeksTested).toBe(1);
    expect(score?.mae).toBeCloseTo(1 / 168, 4);
    expect(score?.naiveMae).toBeCloseTo(2 / 168, 4);
  });

  it('orders cells by expected reports, most first', () => {
    // Both weeks after the end of summer time; 12 history weeks.
    const points: ForecastPoint[] = [
      { cell: 'quiet', kind: 'report', at: at(0, 0, 1) },
      { cell: 'busy', kind: 'report', at: at(0, 0, 1) },
      { cell: 'busy', kind: 'report', at: at(1, 0, 1) },
      { cell: 'busy', kind: 'signal', at: at(1, 0, 1) },
    ];
    const f = forecast(bucketHistory(points, NOW, 12, TZ));
    expect(f.cells.map((c) => c.cell)).toEqual(['busy', 'quiet']);
    expect(f.cells[0]?.weekTotal.report).toBeCloseTo(2 / 12, 2);
    expect(f.cells[0]?.weekTotal.signal).toBeCloseTo(1 / 12, 2);
  });
});
