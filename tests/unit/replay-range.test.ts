import { describe, expect, it } from 'vitest';
import { answeredRange, clampToRange, rangeAt } from '../../renderer/console/history/replayRange';

/**
 * The replay's 12 hours move on with the hub's clock: a view left open keeps its range moving (from the hub's answer
 * and the time since), so its slider's left end is not refused after a while.
 */
const MIN = 60_000;
const hubFrom = Date.parse('2026-11-29T21:00:00.000Z');
const hubUntil = Date.parse('2026-11-30T09:00:00.000Z');
// The console's own clock runs 2 minutes behind the hub's: the range follows the hub's.
const receivedAt = hubUntil - 2 * MIN;
const answered = answeredRange({ from: new Date(hubFrom).toISOString(), until: new Date(hubUntil).toISOString() }, receivedAt);

describe('replay range', () => {
  it('is the hub\'s range when it answered', () => {
    expect(rangeAt(answered, receivedAt)).toEqual({ from: hubFrom, until: hubUntil });
  });

  it('moves on with the time since: after 6 idle minutes the old left end lies 6 minutes outside and is clamped in', () => {
    const later = rangeAt(answered, receivedAt + 6 * MIN);
    expect(later).toEqual({ from: hubFrom + 6 * MIN, until: hubUntil + 6 * MIN });
    expect(clampToRange(hubFrom, later)).toBe(hubFrom + 6 * MIN);
    expect(clampToRange(hubUntil + 10 * MIN, later)).toBe(hubUntil + 6 * MIN);
    expect(clampToRange(hubFrom + 60 * MIN, later)).toBe(hubFrom + 60 * MIN);
  });

  it('never moves back when the console\'s clock is set back', () => {
    expect(rangeAt(answered, receivedAt - 5 * MIN)).toEqual({ from: hubFrom, until: hubUntil });
  });
});
