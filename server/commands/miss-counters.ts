import { type MissCounter, refusedFor, THROTTLE_WINDOW_MS } from '../domain/throttle';
import { findThrottles, recordMiss, setBlockedUntil, type ThrottleRow, type ThrottleSubject } from '../store/throttles';
import type { HubDeps } from './context';

/** The counters behind the throttles (domain/throttle.ts), in the database so every hub node counts alike. */

export function counterOf(row: ThrottleRow): MissCounter {
  return { misses: row.misses, windowStart: row.window_start, lastMissAt: row.last_miss_at, blockedUntil: row.blocked_until };
}

/** The longest refusal (ms) any of these counters holds at the hub's now; 0 when none refuses. */
export async function longestRefusal(deps: HubDeps, keys: readonly string[]): Promise<{ ms: number; key: string | null }> {
  const now = deps.clock();
  let longest = { ms: 0, key: null as string | null };
  for (const row of await findThrottles(deps.store.db, keys)) {
    const ms = refusedFor(counterOf(row), now);
    if (ms > longest.ms) longest = { ms, key: row.key };
  }
  return longest;
}

export interface CountedMiss {
  row: ThrottleRow;
  /** The block this miss started (not one it only extended), else null. */
  newBlock: string | null;
}

/**
 * Counts a miss and applies the block the rule gives for the counter after it. A block that starts is
 * logged (without anything the caller typed); `onBlock` may record it further (an event).
 */
export async function countMiss(
  deps: HubDeps,
  subject: ThrottleSubject,
  rule: (counter: MissCounter) => string | null,
): Promise<CountedMiss> {
  const now = deps.clock();
  const windowEndedBefore = new Date(now.getTime() - THROTTLE_WINDOW_MS).toISOString();
  const row = await recordMiss(deps.store.db, subject, now.toISOString(), windowEndedBefore);
  const until = rule(counterOf(row));
  if (!until || Date.parse(until) <= now.getTime()) return { row, newBlock: null };
  const wasRefusing = refusedFor(counterOf(row), now) > 0;
  await setBlockedUntil(deps.store.db, row.id, until);
  const blocked = { ...row, blocked_until: until };
  if (wasRefusing) return { row: blocked, newBlock: null };
  deps.log.warn({ scope: row.scope, username: row.username, ip: row.ip, subject: row.subject, misses: row.misses, blockedUntil: until }, 'too many misses: blocked');
  return { row: blocked, newBlock: until };
}
