import { z } from 'zod';
import { type LoginLimits, refusedFor, THROTTLE_WINDOW_MS, throttleText } from '../domain/throttle';
import { type LoginThrottle, LoginThrottleScope } from '../protocol/throttles';
import { liftThrottle, listThrottles, type ThrottleRow, throttleById } from '../store/throttles';
import type { HubDeps } from './context';
import { CommandError } from './errors';
import { counterOf } from './miss-counters';
import { systemCommand, userCommand } from './run-command';

/** Sign-in throttles for the shift lead and admin: who is being tried, and lifting a block (an event, never a password). */

const LOGIN_SCOPES = LoginThrottleScope.options;

function isLoginScope(scope: string): scope is LoginThrottleScope {
  return (LOGIN_SCOPES as readonly string[]).includes(scope);
}

export function toLoginThrottle(row: ThrottleRow & { scope: LoginThrottleScope }, limits: LoginLimits, now: Date): LoginThrottle {
  const refusing = refusedFor(counterOf(row), now) > 0;
  const restricted = row.scope === 'login_user' ? row.misses >= limits.perUser : refusing;
  return {
    id: row.id,
    scope: row.scope,
    username: row.username,
    ip: row.ip,
    misses: row.misses,
    lastMissAt: row.last_miss_at,
    blockedUntil: refusing ? row.blocked_until : null,
    restricted,
  };
}

export async function loginThrottles(deps: HubDeps, limits: LoginLimits): Promise<LoginThrottle[]> {
  const now = deps.clock();
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS).toISOString();
  const rows = await listThrottles(deps.store.db, LOGIN_SCOPES, since, now.toISOString());
  return rows.flatMap((row) => (isLoginScope(row.scope) ? [toLoginThrottle({ ...row, scope: row.scope }, limits, now)] : []));
}

/** A block began (pair or address): an event for the consoles' sign-in panel; the hub's log has the line too. */
export function recordLoginBlock(limits: LoginLimits) {
  return systemCommand({
    name: 'auth.blocked',
    input: z.object({ id: z.string() }),
    async apply(tx, { id }): Promise<void> {
      const row = await throttleById(tx.trx, id);
      if (!row || !isLoginScope(row.scope)) return;
      const throttle = toLoginThrottle({ ...row, scope: row.scope }, limits, tx.now);
      await tx.emit(() => ({ type: 'auth.throttle' as const, at: tx.at, actorId: null, change: 'blocked' as const, throttle }));
    },
  });
}

/** The shift lead or admin lifts a sign-in block: the counter starts again at zero. */
export function unblockLogin(limits: LoginLimits) {
  return userCommand({
    name: 'auth.unblock',
    access: 'auth.throttles',
    input: z.object({ id: z.string().min(1).max(200) }),
    async apply(tx, { id }, user): Promise<LoginThrottle> {
      const before = await throttleById(tx.trx, id);
      const row = before && isLoginScope(before.scope) ? await liftThrottle(tx.trx, id, tx.at) : undefined;
      if (!row || !isLoginScope(row.scope)) throw new CommandError('not_found', throttleText('throttle.unblock.not_found'));
      const throttle = toLoginThrottle({ ...row, scope: row.scope }, limits, tx.now);
      await tx.emit(() => ({ type: 'auth.throttle' as const, at: tx.at, actorId: user.id, change: 'unblocked' as const, throttle }));
      tx.deps.log.info({ by: user.username, scope: row.scope, username: row.username, ip: row.ip }, 'sign-in block lifted');
      return throttle;
    },
  });
}
