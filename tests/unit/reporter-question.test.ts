import { describe, expect, it } from 'vitest';
import { addWorkingMs, answerDueAt, pausedDeadline } from '../../server/domain/reporter-question';
import { checkReason, reasonsFor, reopenReplyBy } from '../../server/domain/satisfaction';

const HOUR = 3_600_000;

describe('the paused handling-time clock (hand-computed, Europe/Amsterdam, winter time UTC+1)', () => {
  it('asked Friday 16:00, answered Monday 09:00: a working-day deadline moves 17 working hours, not 65 clock hours', () => {
    const asked = new Date('2026-12-11T15:00:00.000Z'); // Friday 16:00 local
    const answered = new Date('2026-12-14T08:00:00.000Z'); // Monday 09:00 local
    const deadline = new Date('2026-12-16T09:00:00.000Z'); // Wednesday 10:00 local
    const moved = pausedDeadline(deadline, { unit: 'working_days', amount: 5 }, asked, answered);
    // Friday 16:00-24:00 (8 h) + Monday 00:00-09:00 (9 h) = 17 h; Wednesday 10:00 + 14 h = Thursday 00:00, + 3 h = 03:00.
    expect(moved.waitedMs).toBe(17 * HOUR);
    expect(moved.deadline.toISOString()).toBe('2026-12-17T02:00:00.000Z');
  });

  it('an hours term (urgent, high) moves by clock time', () => {
    const asked = new Date('2026-12-11T15:00:00.000Z');
    const answered = new Date('2026-12-14T08:00:00.000Z');
    const deadline = new Date('2026-12-11T19:00:00.000Z');
    const moved = pausedDeadline(deadline, { unit: 'hours', amount: 4 }, asked, answered);
    expect(moved.deadline.getTime()).toBe(deadline.getTime() + 65 * HOUR);
    // The last 20 % of 4 hours before the new deadline.
    expect(moved.atRiskFrom.getTime()).toBe(moved.deadline.getTime() - 0.8 * HOUR);
  });

  it('working time skips the weekend and Christmas', () => {
    // Thursday 24 December 2026, 20:00 local + 8 working hours: Friday 25 and Saturday 26 (Kerst), Sunday 27 skipped.
    expect(addWorkingMs(new Date('2026-12-24T19:00:00.000Z'), 8 * HOUR).toISOString()).toBe('2026-12-28T03:00:00.000Z');
  });

  it('a question lapses five working days after asking, Dutch holidays not counted', () => {
    expect(answerDueAt(new Date('2026-12-07T09:00:00.000Z'), 5).toISOString()).toBe('2026-12-14T09:00:00.000Z');
    // Tuesday 22 December: 23, 24, (25, 26 Kerst, weekend), 28, 29, 30 → Wednesday 30 December.
    expect(answerDueAt(new Date('2026-12-22T09:00:00.000Z'), 5).toISOString()).toBe('2026-12-30T09:00:00.000Z');
  });
});

describe('satisfaction reasons', () => {
  it('only "niet opgelost" or a bare "nee" reopens; a reason must fit the answer', () => {
    expect(checkReason(false, 'niet_opgelost')).toEqual({ ok: true, reopens: true });
    expect(checkReason(false, null)).toEqual({ ok: true, reopens: true });
    expect(checkReason(false, 'te_lang')).toEqual({ ok: true, reopens: false });
    expect(checkReason(true, 'snel')).toEqual({ ok: true, reopens: false });
    expect(checkReason(true, null)).toEqual({ ok: true, reopens: false });
    expect(checkReason(true, 'te_lang')).toEqual({ ok: false, problem: 'mismatch' });
    expect(checkReason(false, 'onbekend')).toEqual({ ok: false, problem: 'unknown' });
    expect(reasonsFor(false).map((r) => r.nl)).toEqual([
      'Het probleem is niet opgelost',
      'Het duurde te lang',
      'Ik ben niet goed op de hoogte gehouden',
      'De medewerker was niet vriendelijk',
      'Anders',
    ]);
  });

  it('the citizen hears back two working days after a reopening "nee"', () => {
    // Friday 11 December 2026 → Tuesday 15 December.
    expect(reopenReplyBy(new Date('2026-12-11T10:00:00.000Z')).toISOString()).toBe('2026-12-15T10:00:00.000Z');
  });
});
