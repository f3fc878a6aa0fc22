import type { ShiftName } from './shifts';

/**
 * Safety timers (officer safety), as pure rules on the hub clock:
 *
 * 1. A unit `ter_plaatse` or `bezet` gets a check-in request ("Alles in orde?") once it has been in that status
 *    longer than its limit. The limit is the category's (checkInCategoryMinutes[category], else checkInMinutes,
 *    default 20); in the night shift it is at most checkInNightMinutes (default 15). The timer runs from the
 *    moment the unit entered the status, or from its last answer in that status, whichever is later: an answer
 *    ("Alles in orde") resets it.
 * 2. An unanswered request escalates, counted from the request: amber after amberMinutes (2; the alert
 *    'check_in_missed' is raised on every console), red after redMinutes (4), sound after soundMinutes (6).
 *    One level per evaluation: a sweep that wakes late jumps straight to the level the time says.
 * 3. A request ends without an answer when the unit's status changes (a status from the field is a sign of
 *    life; a dispatcher's change means the desk is on it) or it leaves `ter_plaatse`/`bezet`: the request is
 *    cancelled and its alert, if any, is closed.
 * 4. "Geen positie": a unit on duty (any status but `pauze` and `uit_dienst`) whose last fix is older than
 *    noFixMinutes (5), or that has sent none since it came on duty that long ago, is shown as a warning on the
 *    units board. It is no alarm: a locked phone sends nothing.
 */

export const TIMED_STATUSES = ['ter_plaatse', 'bezet'] as const;
export const OFF_DUTY_STATUSES = ['pauze', 'uit_dienst'] as const;

export const ESCALATION_LEVELS = ['amber', 'red', 'sound'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

export interface SafetySettings {
  checkInMinutes: number;
  checkInNightMinutes: number;
  /** Per category (report category code): minutes before a check-in; the night limit still caps it. */
  checkInCategoryMinutes: Record<string, number>;
  amberMinutes: number;
  redMinutes: number;
  soundMinutes: number;
  noFixMinutes: number;
}

export const DEFAULT_SAFETY: SafetySettings = {
  checkInMinutes: 20,
  checkInNightMinutes: 15,
  checkInCategoryMinutes: {},
  amberMinutes: 2,
  redMinutes: 4,
  soundMinutes: 6,
  noFixMinutes: 5,
};

const MINUTE = 60_000;

export interface TimedUnit {
  status: string;
  statusSince: string;
  position: { at: string } | null;
}

/** A check-in request that has not been answered (or cancelled). */
export interface OpenCheckIn {
  requestedAt: string;
  /** The unit's statusSince when it was requested. */
  statusSince: string;
  /** 0: none yet; 1 amber, 2 red, 3 sound. */
  level: number;
}

export type SafetyAction =
  | { kind: 'none' }
  | { kind: 'request' }
  | { kind: 'escalate'; level: EscalationLevel }
  | { kind: 'cancel' };

export function checkInLimitMinutes(category: string | null, shift: ShiftName, s: SafetySettings): number {
  const day = (category !== null ? s.checkInCategoryMinutes[category] : undefined) ?? s.checkInMinutes;
  return shift === 'nacht' ? Math.min(day, s.checkInNightMinutes) : day;
}

/** The level an unanswered request has reached after `elapsedMs`; null before amber. */
export function escalationAfter(elapsedMs: number, s: SafetySettings): EscalationLevel | null {
  if (elapsedMs >= s.soundMinutes * MINUTE) return 'sound';
  if (elapsedMs >= s.redMinutes * MINUTE) return 'red';
  if (elapsedMs >= s.amberMinutes * MINUTE) return 'amber';
  return null;
}

export function levelRank(level: EscalationLevel | null): number {
  return level === null ? 0 : ESCALATION_LEVELS.indexOf(level) + 1;
}

export interface SafetyInput {
  unit: TimedUnit;
  /** The category of the report the unit works on, if any. */
  category: string | null;
  shift: ShiftName;
  open: OpenCheckIn | null;
  /** The unit's last answer in its current status period (null: none). */
  lastAnsweredAt: string | null;
  now: Date;
}

/** What the sweeper does for one unit now (rules 1-3). */
export function evaluateSafety(input: SafetyInput, s: SafetySettings): SafetyAction {
  const { unit, open, now } = input;
  const timed = (TIMED_STATUSES as readonly string[]).includes(unit.status);
  if (open) {
    if (!timed || open.statusSince !== unit.statusSince) return { kind: 'cancel' };
    const level = escalationAfter(now.getTime() - Date.parse(open.requestedAt), s);
    return level !== null && levelRank(level) > open.level ? { kind: 'escalate', level } : { kind: 'none' };
  }
  if (!timed) return { kind: 'none' };
  const since = Math.max(Date.parse(unit.statusSince), input.lastAnsweredAt ? Date.parse(input.lastAnsweredAt) : 0);
  const limit = checkInLimitMinutes(input.category, input.shift, s) * MINUTE;
  return now.getTime() - since >= limit ? { kind: 'request' } : { kind: 'none' };
}

/** Rule 4: "geen positie" (a warning on the board). */
export function positionMissing(unit: TimedUnit, now: Date, s: Pick<SafetySettings, 'noFixMinutes'>): boolean {
  if ((OFF_DUTY_STATUSES as readonly string[]).includes(unit.status)) return false;
  const last = unit.position ? Date.parse(unit.position.at) : Date.parse(unit.statusSince);
  return now.getTime() - last > s.noFixMinutes * MINUTE;
}
