import type { AssignmentState, UnitStatus } from '../protocol/dispatch';
import type { ReportStatus } from '../protocol/report';
import { type DomainText, textMaker } from './domain-text';
import { findTransition } from './lifecycle';
import { checkUnitTransition, unitStatusText } from './unit-status';

/**
 * Offer timing. Pure: every function takes `now`, so the hub passes its (injectable)
 * clock's time and tests pass a fake one. Times are Dates or ISO strings (as stored in
 * Assignment). An offer is open from offeredAt up to, but not including, expiresAt: an
 * answer at or after expiresAt is refused.
 */

export const DEFAULT_OFFER_TIMEOUT_SECONDS = 60;
/** Same bounds as OfferCommand.timeoutSeconds. */
export const MIN_OFFER_TIMEOUT_SECONDS = 10;
export const MAX_OFFER_TIMEOUT_SECONDS = 600;

type Instant = Date | string;

export interface OfferTiming {
  state: AssignmentState;
  expiresAt: Instant;
}

function millis(instant: Instant): number {
  return (typeof instant === 'string' ? new Date(instant) : instant).getTime();
}

/** When an offer made at offeredAt runs out. Throws on a timeout that is not a positive, finite number. */
export function offerExpiry(offeredAt: Date, timeoutSeconds: number = DEFAULT_OFFER_TIMEOUT_SECONDS): Date {
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
    throw new RangeError(`Ongeldige bedenktijd voor een aanbod: ${timeoutSeconds} s.`);
  }
  return new Date(offeredAt.getTime() + timeoutSeconds * 1000);
}

/** The offer's time is up: still 'offered' at or after expiresAt. An unreadable expiresAt counts as up. */
function timeIsUp(expiresAt: Instant, now: Date): boolean {
  const expires = millis(expiresAt);
  return Number.isNaN(expires) || now.getTime() >= expires;
}

/**
 * Whether an offer can no longer be answered because of time: already marked 'expired',
 * or still 'offered' at or after expiresAt (the hub has not swept it yet). Answered,
 * withdrawn and completed assignments are not expired.
 */
export function isExpired(assignment: OfferTiming, now: Date): boolean {
  if (assignment.state === 'expired') return true;
  return assignment.state === 'offered' && timeIsUp(assignment.expiresAt, now);
}

/**
 * Whole seconds left for the countdown, rounded up (0.2 s left shows 1, so 0 means the
 * offer is over). 0 for anything that is not an open offer.
 */
export function secondsLeft(assignment: OfferTiming, now: Date): number {
  if (assignment.state !== 'offered' || timeIsUp(assignment.expiresAt, now)) return 0;
  return Math.ceil((millis(assignment.expiresAt) - now.getTime()) / 1000);
}

/** Ids of the open offers the hub should mark 'expired' now, in input order. */
export function expireDue(assignments: readonly (OfferTiming & { id: string })[], now: Date): string[] {
  return assignments.filter((a) => a.state === 'offered' && timeIsUp(a.expiresAt, now)).map((a) => a.id);
}

/** When the hub's timer should next fire: the earliest expiresAt of the open offers, or null. */
export function nextExpiry(assignments: readonly OfferTiming[]): Date | null {
  let earliest: number | null = null;
  for (const a of assignments) {
    if (a.state !== 'offered') continue;
    const t = millis(a.expiresAt);
    if (Number.isNaN(t)) continue;
    if (earliest === null || t < earliest) earliest = t;
  }
  return earliest === null ? null : new Date(earliest);
}

export type OfferAnswer = 'accept' | 'decline';

export type OfferErrorCode =
  | 'expired'
  | 'withdrawn'
  | 'already_answered'
  | 'not_offered'
  | 'unit_not_offered'
  | 'report_not_open';

export type OfferDecision =
  | {
      ok: true;
      assignmentState: 'accepted' | 'declined';
      unitStatus: 'onderweg' | 'beschikbaar';
      /** 'dispatched' when the report must move there; null when it needs no step. */
      reportTransition: 'dispatched' | null;
    }
  | { ok: false; code: OfferErrorCode; message: string; text: DomainText };

export interface OfferAnswerRequest {
  assignment: OfferTiming;
  answer: OfferAnswer;
  now: Date;
  /** The unit's current status; must be 'aangeboden'. */
  unitStatus: UnitStatus;
  /**
   * The report's current status, when known. On accept: 'dispatched' follows for a report
   * that can be dispatched (new, triaged); none for one that already has a unit
   * (dispatched, in progress: this unit joins); refused for one under review, scheduled
   * or closed (its offers should have been withdrawn).
   */
  reportStatus?: ReportStatus;
}

/** Dutch texts of refused answers, by code (see domain-text.ts). */
export const OFFER_TEXTS = {
  'offer.refusal.expired': 'Het aanbod is verlopen.',
  'offer.refusal.withdrawn': 'Het aanbod is ingetrokken.',
  'offer.refusal.already_accepted': 'Het aanbod is al geaccepteerd.',
  'offer.refusal.already_declined': 'Het aanbod is al afgewezen.',
  'offer.refusal.completed': 'Deze toewijzing is al afgerond.',
  'offer.refusal.unit_not_offered': 'De eenheid staat op "{status}", niet op "{offered}".',
  'offer.refusal.report_not_open': 'De melding staat niet meer open voor toewijzing.',
} as const;

const say = textMaker(OFFER_TEXTS);

const ALREADY_HAS_UNIT: ReadonlySet<ReportStatus> = new Set(['dispatched', 'in_progress']);

/** What an answer to an offer leads to, or why it is refused (Dutch message for the field client). */
export function decideOfferAnswer({ assignment, answer, now, unitStatus, reportStatus }: OfferAnswerRequest): OfferDecision {
  switch (assignment.state) {
    case 'offered':
      break;
    case 'expired':
      return fail('expired', say('offer.refusal.expired'));
    case 'withdrawn':
      return fail('withdrawn', say('offer.refusal.withdrawn'));
    case 'accepted':
      return fail('already_answered', say('offer.refusal.already_accepted'));
    case 'declined':
      return fail('already_answered', say('offer.refusal.already_declined'));
    case 'completed':
      return fail('not_offered', say('offer.refusal.completed'));
  }
  if (timeIsUp(assignment.expiresAt, now)) {
    return fail('expired', say('offer.refusal.expired'));
  }
  if (unitStatus !== 'aangeboden') {
    return fail(
      'unit_not_offered',
      say('offer.refusal.unit_not_offered', { status: unitStatusText(unitStatus), offered: unitStatusText('aangeboden') }),
    );
  }

  if (answer === 'decline') {
    assertUnitStep('beschikbaar');
    return { ok: true, assignmentState: 'declined', unitStatus: 'beschikbaar', reportTransition: null };
  }

  let reportTransition: 'dispatched' | null = 'dispatched';
  if (reportStatus !== undefined) {
    if (ALREADY_HAS_UNIT.has(reportStatus)) {
      reportTransition = null;
    } else if (!findTransition(reportStatus, 'dispatched')) {
      return fail('report_not_open', say('offer.refusal.report_not_open'));
    }
  }
  assertUnitStep('onderweg');
  return { ok: true, assignmentState: 'accepted', unitStatus: 'onderweg', reportTransition };
}

/** The answer's unit step must be in the unit status table; a mismatch is a programming error. */
function assertUnitStep(to: 'onderweg' | 'beschikbaar'): void {
  const check = checkUnitTransition({ from: 'aangeboden', to, actor: 'system' });
  if (!check.ok) throw new Error(`Unit status table does not allow aangeboden -> ${to}: ${check.message}`);
}

function fail(code: OfferErrorCode, text: DomainText): OfferDecision {
  return { ok: false, code, message: text.message, text };
}
