import { z } from 'zod';
import { IsoDateTime } from './common';

/** Sign-in throttles as the shift lead and admin see them (domain/throttle.ts); never what was typed as a password. */
export const LoginThrottleScope = z.enum(['login_pair', 'login_ip', 'login_user']);
export type LoginThrottleScope = z.infer<typeof LoginThrottleScope>;

export const LoginThrottle = z.object({
  id: z.string(),
  /** login_pair: one user from one address; login_ip: one address over all usernames; login_user: one user from all addresses. */
  scope: LoginThrottleScope,
  /** The user tried, when that user exists; null for a username nobody has (what was typed is not kept). */
  username: z.string().nullable(),
  ip: z.string().nullable(),
  misses: z.number().int().min(0),
  lastMissAt: IsoDateTime,
  blockedUntil: IsoDateTime.nullable(),
  /** Refused now (a pair or address), or a user tried so often that every address gets one free miss. */
  restricted: z.boolean(),
});
export type LoginThrottle = z.infer<typeof LoginThrottle>;

export const LoginThrottlesResponse = z.object({
  /** Counters with a miss in the last hour or a block still running, latest miss first. */
  throttles: z.array(LoginThrottle),
});
export type LoginThrottlesResponse = z.infer<typeof LoginThrottlesResponse>;

/** The event fields of a sign-in block that began, or was lifted by a shift lead or admin (the event's actor). */
export const AuthThrottleFields = {
  type: z.literal('auth.throttle'),
  change: z.enum(['blocked', 'unblocked']),
  throttle: LoginThrottle,
};
