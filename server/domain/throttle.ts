import { type DomainText, textMaker } from './domain-text';

/**
 * Limits on guessing, as rules over counters of misses (pure; the counters live in the store so every
 * hub node sees the same). A counter counts misses in a window of one hour that starts at its first miss;
 * a refused attempt is no miss (nothing was checked). Success never resets a counter an attacker could
 * reset with a report or account of their own: only the sign-in pair's counter is cleared by a sign-in.
 *
 * - Status lookup (number + code): at most `perNumber` misses per report number and `perAddress` misses
 *   per address over all numbers; then that number, or that address, is refused until the window ends.
 * - Sign-in: per user and address pair the first `pairFreeMisses` misses are free, then each miss blocks
 *   the pair for a doubling time (1, 2, 4 … minutes, at most `maxBlockMinutes`); per address at most
 *   `perAddress` misses over all usernames, then the address is refused until the window ends; per user,
 *   once `perUser` misses came from any addresses, every further pair gets one free miss only. The
 *   account itself is never locked: the right password from an address that is not blocked still works.
 */
export const THROTTLE_WINDOW_MS = 3_600_000;
const BACKOFF_BASE_MS = 60_000;

export type ThrottleScope = 'login_pair' | 'login_ip' | 'login_user' | 'status_number' | 'status_ip';

export interface StatusLookupLimits {
  perNumber: number;
  perAddress: number;
}

export interface LoginLimits {
  pairFreeMisses: number;
  perAddress: number;
  perUser: number;
  maxBlockMinutes: number;
}

export const DEFAULT_STATUS_LOOKUP_LIMITS: StatusLookupLimits = { perNumber: 5, perAddress: 20 };
export const DEFAULT_LOGIN_LIMITS: LoginLimits = { pairFreeMisses: 5, perAddress: 30, perUser: 20, maxBlockMinutes: 60 };

/** A counter as the store keeps it (ISO times). */
export interface MissCounter {
  misses: number;
  windowStart: string;
  lastMissAt: string;
  blockedUntil: string | null;
}

/** How long (ms) the counter still refuses at `now`; 0 when it does not. */
export function refusedFor(counter: MissCounter | undefined, now: Date): number {
  if (!counter?.blockedUntil) return 0;
  return Math.max(0, Date.parse(counter.blockedUntil) - now.getTime());
}

/** Whether a counter's window has ended at `now`, so its next miss starts counting from one again. */
export function windowEnded(windowStart: string, now: Date): boolean {
  return Date.parse(windowStart) + THROTTLE_WINDOW_MS <= now.getTime();
}

/** A counter with a plain limit: refused from the `limit`th miss until its window ends. */
export function windowBlock(counter: MissCounter, limit: number): string | null {
  if (counter.misses < limit) return null;
  return new Date(Date.parse(counter.windowStart) + THROTTLE_WINDOW_MS).toISOString();
}

/** The sign-in pair: free misses, then a doubling block from the last miss, capped. */
export function pairBlock(counter: MissCounter, freeMisses: number, maxBlockMinutes: number): string | null {
  if (counter.misses < freeMisses) return null;
  const doublings = Math.min(counter.misses - freeMisses, 20);
  const ms = Math.min(BACKOFF_BASE_MS * 2 ** doublings, maxBlockMinutes * 60_000);
  return new Date(Date.parse(counter.lastMissAt) + ms).toISOString();
}

/** How many misses a sign-in pair gets free: fewer once the user is being tried from many addresses. */
export function pairFreeMisses(userMisses: number, limits: LoginLimits): number {
  return userMisses >= limits.perUser ? 1 : limits.pairFreeMisses;
}

/** Whole minutes to wait, at least one (for the texts and rounded up for Retry-After). */
export function minutesToWait(ms: number): number {
  return Math.max(1, Math.ceil(ms / 60_000));
}

/** Dutch texts of the refusals; none says whether a user or a report exists. */
export const THROTTLE_TEXTS = {
  'throttle.login.blocked':
    'Te veel mislukte inlogpogingen vanaf dit adres. Probeer het over {minutes} min. opnieuw, of vraag de chef van dienst of een beheerder de blokkade op te heffen.',
  'throttle.status.number_blocked':
    'Voor dit meldingnummer is te vaak een verkeerde code ingevuld. Probeer het over {minutes} min. opnieuw, of gebruik de link in de e-mail of sms die u van ons kreeg.',
  'throttle.status.address_blocked':
    'Er is te vaak een verkeerd meldingnummer of een verkeerde code ingevuld. Probeer het over {minutes} min. opnieuw, of gebruik de link in de e-mail of sms die u van ons kreeg.',
  'throttle.status.one_value': 'Vul één meldingnummer en één code in.',
  'throttle.unblock.not_found': 'Deze blokkade bestaat niet (meer)',
} as const;

export const throttleText = textMaker(THROTTLE_TEXTS);

export function loginBlockedText(ms: number): DomainText {
  return throttleText('throttle.login.blocked', { minutes: minutesToWait(ms) });
}
