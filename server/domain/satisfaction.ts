import { addWorkingDays, DEFAULT_TIME_ZONE } from './sla';

/**
 * The satisfaction question after closing (KTO, as Signalen asks it), as data (pure):
 * - "ja" or "nee", with at most one standard reason of that answer's list, and free text;
 * - a reason marked `reopens` moves the report to `reopen_requested` (as every "nee" did before); the other "nee"
 *   reasons ("het duurde te lang", …) are recorded for the KPIs and leave the report closed, as do all "ja" reasons.
 *   A "nee" without a reason reopens (the old behaviour: the citizen says it is not solved);
 * - after a reopening "nee" the citizen reads what happens now and by when: the shift lead decides within
 *   `reopenReplyWorkingDays` working days (setting, default 2).
 */

export interface SatisfactionReason {
  code: string;
  satisfied: boolean;
  nl: string;
  en: string;
  /** Sends the report back to the shift lead (reopen_requested). */
  reopens: boolean;
}

export const SATISFACTION_REASONS: readonly SatisfactionReason[] = [
  { code: 'snel', satisfied: true, nl: 'Snel opgepakt', en: 'Picked up quickly', reopens: false },
  { code: 'op_de_hoogte', satisfied: true, nl: 'Goed op de hoogte gehouden', en: 'Kept well informed', reopens: false },
  { code: 'goed_opgelost', satisfied: true, nl: 'Het probleem is goed opgelost', en: 'The problem was solved well', reopens: false },
  { code: 'vriendelijk', satisfied: true, nl: 'Vriendelijke medewerker', en: 'Friendly staff', reopens: false },
  { code: 'niet_opgelost', satisfied: false, nl: 'Het probleem is niet opgelost', en: 'The problem was not solved', reopens: true },
  { code: 'te_lang', satisfied: false, nl: 'Het duurde te lang', en: 'It took too long', reopens: false },
  { code: 'niet_op_de_hoogte', satisfied: false, nl: 'Ik ben niet goed op de hoogte gehouden', en: 'I was not kept informed', reopens: false },
  { code: 'onvriendelijk', satisfied: false, nl: 'De medewerker was niet vriendelijk', en: 'The staff member was not friendly', reopens: false },
  { code: 'anders', satisfied: false, nl: 'Anders', en: 'Other', reopens: false },
  { code: 'anders_positief', satisfied: true, nl: 'Anders', en: 'Other', reopens: false },
];

export const DEFAULT_REOPEN_REPLY_WORKING_DAYS = 2;

export function reasonsFor(satisfied: boolean): SatisfactionReason[] {
  return SATISFACTION_REASONS.filter((r) => r.satisfied === satisfied);
}

export function reasonByCode(code: string): SatisfactionReason | undefined {
  return SATISFACTION_REASONS.find((r) => r.code === code);
}

export type ReasonCheck = { ok: true; reopens: boolean } | { ok: false; problem: 'unknown' | 'mismatch' };

/** Whether a reason fits the answer, and whether the answer sends the report back. */
export function checkReason(satisfied: boolean, code: string | null): ReasonCheck {
  if (code === null) return { ok: true, reopens: !satisfied };
  const reason = reasonByCode(code);
  if (!reason) return { ok: false, problem: 'unknown' };
  if (reason.satisfied !== satisfied) return { ok: false, problem: 'mismatch' };
  return { ok: true, reopens: reason.reopens };
}

/** When the citizen hears back after a reopening "nee": N working days after the answer. */
export function reopenReplyBy(answeredAt: Date, workingDays: number = DEFAULT_REOPEN_REPLY_WORKING_DAYS, timeZone = DEFAULT_TIME_ZONE): Date {
  return addWorkingDays(answeredAt, workingDays, timeZone);
}

export interface SatisfactionCounts {
  /** Closed reports with a reporter in the period (asked). */
  asked: number;
  answered: number;
  satisfied: number;
  unsatisfied: number;
  /** reason code -> count; `none` for answers without a reason. */
  reasons: Record<string, number>;
}

/** Share of asked that answered, 0..1 (0 when none was asked). */
export function responseRate(counts: Pick<SatisfactionCounts, 'asked' | 'answered'>): number {
  return counts.asked === 0 ? 0 : Math.min(1, counts.answered / counts.asked);
}
