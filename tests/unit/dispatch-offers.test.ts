import { describe, expect, it } from 'vitest';
import type { AssignmentState, UnitStatus } from '../../server/protocol/dispatch';
import type { ReportStatus } from '../../server/protocol/report';
import {
  DEFAULT_OFFER_TIMEOUT_SECONDS,
  decideOfferAnswer,
  expireDue,
  isExpired,
  nextExpiry,
  offerExpiry,
  secondsLeft,
} from '../../server/domain/offers';

/** A fake clock: starts at a fixed instant and only moves when told to. */
function fakeClock(start = '2026-03-10T10:00:00.000Z') {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    advance: (ms: number) => {
      t += ms;
    },
  };
}

function offer(clock: ReturnType<typeof fakeClock>, timeoutSeconds?: number) {
  const offeredAt = clock.now();
  return { state: 'offered' as AssignmentState, expiresAt: offerExpiry(offeredAt, timeoutSeconds).toISOString() };
}

describe('offerExpiry', () => {
  it('defaults to 60 seconds', () => {
    expect(DEFAULT_OFFER_TIMEOUT_SECONDS).toBe(60);
    expect(offerExpiry(new Date('2026-03-10T10:00:00.000Z')).toISOString()).toBe('2026-03-10T10:01:00.000Z');
  });

  it('is configurable', () => {
    expect(offerExpiry(new Date('2026-03-10T10:00:00.000Z'), 90).toISOString()).toBe('2026-03-10T10:01:30.000Z');
    expect(offerExpiry(new Date('2026-03-10T10:00:00.000Z'), 10).toISOString()).toBe('2026-03-10T10:00:10.000Z');
  });

  it('refuses a timeout that is not a positive number', () => {
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => offerExpiry(new Date(), bad)).toThrow(RangeError);
    }
  });
});

describe('answering an offer with a fake clock', () => {
  it('accepts an answer 1 s before expiry: unit onderweg, report dispatched', () => {
    const clock = fakeClock();
    const assignment = offer(clock);
    clock.advance(59_000);
    expect(isExpired(assignment, clock.now())).toBe(false);
    expect(secondsLeft(assignment, clock.now())).toBe(1);
    expect(decideOfferAnswer({ assignment, answer: 'accept', now: clock.now(), unitStatus: 'aangeboden' })).toEqual({
      ok: true,
      assignmentState: 'accepted',
      unitStatus: 'onderweg',
      reportTransition: 'dispatched',
    });
  });

  it('refuses an answer exactly at expiry', () => {
    const clock = fakeClock();
    const assignment = offer(clock);
    clock.advance(60_000);
    expect(isExpired(assignment, clock.now())).toBe(true);
    expect(secondsLeft(assignment, clock.now())).toBe(0);
    for (const answer of ['accept', 'decline'] as const) {
      expect(decideOfferAnswer({ assignment, answer, now: clock.now(), unitStatus: 'aangeboden' })).toEqual({
        ok: false,
        code: 'expired',
        message: 'Het aanbod is verlopen.',
        text: { code: 'offer.refusal.expired', params: {}, message: 'Het aanbod is verlopen.' },
      });
    }
  });

  it('refuses an answer after expiry', () => {
    const clock = fakeClock();
    const assignment = offer(clock);
    clock.advance(60_001);
    expect(decideOfferAnswer({ assignment, answer: 'accept', now: clock.now(), unitStatus: 'aangeboden' })).toMatchObject({
      ok: false,
      code: 'expired',
    });
    clock.advance(3_600_000);
    expect(decideOfferAnswer({ assignment, answer: 'accept', now: clock.now(), unitStatus: 'aangeboden' })).toMatchObject({
      ok: false,
      code: 'expired',
    });
  });

  it('a configured timeout moves the boundary', () => {
    const clock = fakeClock();
    const assignment = offer(clock, 120);
    clock.advance(119_000);
    expect(decideOfferAnswer({ assignment, answer: 'accept', now: clock.now(), unitStatus: 'aangeboden' }).ok).toBe(true);
    clock.advance(1_000);
    expect(decideOfferAnswer({ assignment, answer: 'accept', now: clock.now(), unitStatus: 'aangeboden' })).toMatchObject({
      ok: false,
      code: 'expired',
    });
  });

  it('declining in time frees the unit and leaves the report as it is', () => {
    const clock = fakeClock();
    const assignment = offer(clock);
    clock.advance(5_000);
    expect(decideOfferAnswer({ assignment, answer: 'decline', now: clock.now(), unitStatus: 'aangeboden' })).toEqual({
      ok: true,
      assignmentState: 'declined',
      unitStatus: 'beschikbaar',
      reportTransition: null,
    });
  });

  it('counts down in whole seconds, rounded up', () => {
    const clock = fakeClock();
    const assignment = offer(clock);
    const seen: number[] = [];
    for (const ms of [0, 200, 800, 29_999, 30_000, 59_001, 59_999]) {
      const c = fakeClock();
      c.advance(ms);
      seen.push(secondsLeft(assignment, c.now()));
    }
    expect(seen).toEqual([60, 60, 60, 31, 30, 1, 1]);
  });
});

describe('refusals besides time', () => {
  const now = new Date('2026-03-10T10:00:10.000Z');
  const expiresAt = '2026-03-10T10:01:00.000Z';

  it.each([
    ['expired', 'expired', 'Het aanbod is verlopen.', 'offer.refusal.expired'],
    ['withdrawn', 'withdrawn', 'Het aanbod is ingetrokken.', 'offer.refusal.withdrawn'],
    ['accepted', 'already_answered', 'Het aanbod is al geaccepteerd.', 'offer.refusal.already_accepted'],
    ['declined', 'already_answered', 'Het aanbod is al afgewezen.', 'offer.refusal.already_declined'],
    ['completed', 'not_offered', 'Deze toewijzing is al afgerond.', 'offer.refusal.completed'],
  ] as const)('an assignment that is %s is refused (%s)', (state, code, message, textCode) => {
    expect(decideOfferAnswer({ assignment: { state, expiresAt }, answer: 'accept', now, unitStatus: 'aangeboden' })).toEqual({
      ok: false,
      code,
      message,
      text: { code: textCode, params: {}, message },
    });
  });

  it.each(['beschikbaar', 'onderweg', 'ter_plaatse', 'bezet', 'pauze', 'uit_dienst'] as UnitStatus[])(
    'a unit that is %s cannot answer',
    (unitStatus) => {
      const result = decideOfferAnswer({ assignment: { state: 'offered', expiresAt }, answer: 'accept', now, unitStatus });
      expect(result).toMatchObject({ ok: false, code: 'unit_not_offered' });
      if (!result.ok) {
        expect(result.message).toMatch(/^De eenheid staat op ".+", niet op "Aangeboden"\.$/);
        expect(result.text).toMatchObject({
          code: 'offer.refusal.unit_not_offered',
          params: { status: { code: `unit.status.${unitStatus}` }, offered: { code: 'unit.status.aangeboden' } },
          message: result.message,
        });
      }
    },
  );

  it.each([
    ['new', 'dispatched'],
    ['triaged', 'dispatched'],
    ['dispatched', null],
    ['in_progress', null],
  ] as [ReportStatus, 'dispatched' | null][])('accepting for a report that is %s: report step %s', (reportStatus, step) => {
    expect(
      decideOfferAnswer({ assignment: { state: 'offered', expiresAt }, answer: 'accept', now, unitStatus: 'aangeboden', reportStatus }),
    ).toMatchObject({ ok: true, reportTransition: step });
  });

  it.each(['awaiting_review', 'scheduled', 'closed', 'reopen_requested'] as ReportStatus[])(
    'accepting for a report that is %s is refused',
    (reportStatus) => {
      expect(
        decideOfferAnswer({ assignment: { state: 'offered', expiresAt }, answer: 'accept', now, unitStatus: 'aangeboden', reportStatus }),
      ).toEqual({
        ok: false,
        code: 'report_not_open',
        message: 'De melding staat niet meer open voor toewijzing.',
        text: { code: 'offer.refusal.report_not_open', params: {}, message: 'De melding staat niet meer open voor toewijzing.' },
      });
    },
  );

  it('declining works whatever the report status', () => {
    expect(
      decideOfferAnswer({
        assignment: { state: 'offered', expiresAt },
        answer: 'decline',
        now,
        unitStatus: 'aangeboden',
        reportStatus: 'closed',
      }),
    ).toMatchObject({ ok: true, assignmentState: 'declined' });
  });

  it('an unreadable expiresAt counts as expired', () => {
    const assignment = { state: 'offered' as const, expiresAt: 'straks' };
    expect(isExpired(assignment, now)).toBe(true);
    expect(secondsLeft(assignment, now)).toBe(0);
    expect(decideOfferAnswer({ assignment, answer: 'accept', now, unitStatus: 'aangeboden' })).toMatchObject({ code: 'expired' });
  });
});

describe('sweeping expired offers', () => {
  const at = (s: number) => new Date(Date.UTC(2026, 2, 10, 10, 0, s));
  const assignments = [
    { id: 'a1', state: 'offered' as AssignmentState, expiresAt: at(30).toISOString() },
    { id: 'a2', state: 'offered' as AssignmentState, expiresAt: at(45) },
    { id: 'a3', state: 'accepted' as AssignmentState, expiresAt: at(10).toISOString() },
    { id: 'a4', state: 'expired' as AssignmentState, expiresAt: at(5).toISOString() },
    { id: 'a5', state: 'offered' as AssignmentState, expiresAt: at(59).toISOString() },
  ];

  it('expireDue returns the open offers whose time is up, at or after expiry', () => {
    expect(expireDue(assignments, at(29))).toEqual([]);
    expect(expireDue(assignments, at(30))).toEqual(['a1']);
    expect(expireDue(assignments, at(45))).toEqual(['a1', 'a2']);
    expect(expireDue(assignments, at(59))).toEqual(['a1', 'a2', 'a5']);
  });

  it('isExpired: answered offers are never expired, marked ones always', () => {
    expect(isExpired(assignments[2]!, at(59))).toBe(false);
    expect(isExpired(assignments[3]!, at(0))).toBe(true);
  });

  it('nextExpiry gives the earliest open offer, or null', () => {
    expect(nextExpiry(assignments)?.toISOString()).toBe(at(30).toISOString());
    expect(nextExpiry(assignments.filter((a) => a.id !== 'a1'))?.toISOString()).toBe(at(45).toISOString());
    expect(nextExpiry([assignments[2]!, assignments[3]!])).toBeNull();
    expect(nextExpiry([])).toBeNull();
  });
});
