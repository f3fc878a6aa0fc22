import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { HubDeps } from '../commands/context';
import { countMiss, longestRefusal } from '../commands/miss-counters';
import { runCommand } from '../commands/run-command';
import { ThrottledError } from '../commands/throttled-error';
import { recordLoginBlock } from '../commands/throttles';
import { type LoginLimits, loginBlockedText, pairBlock, pairFreeMisses, windowBlock } from '../domain/throttle';
import { clearThrottle } from '../store/throttles';

/**
 * Sign-in guarded against guessing (domain/throttle.ts): before the password is checked, a blocked user and
 * address pair or a blocked address is refused (429 with Retry-After, the same words whether or not the
 * user exists); a miss is counted per pair, per address and per user in the database, so every hub node
 * refuses alike. A username is kept only when the user exists: what is typed for an unknown one may be a
 * password typed in the wrong field.
 */
export interface LoginAttempt {
  ip: string;
  pairKey: string;
  ipKey: string;
  userKey: string;
}

function keyOfUsername(username: string): string {
  return createHash('sha256').update(username.trim().toLowerCase()).digest('hex').slice(0, 32);
}

export class LoginThrottle {
  private readonly blocked;

  constructor(
    private readonly deps: HubDeps,
    private readonly limits: LoginLimits,
  ) {
    this.blocked = recordLoginBlock(limits);
  }

  /** Throws the 429 (and sets Retry-After) when this address, or this user from this address, is blocked. */
  async admit(username: string, ip: string, reply: FastifyReply): Promise<LoginAttempt> {
    const user = keyOfUsername(username);
    const attempt = { ip, pairKey: `login_pair:${user}:${ip}`, ipKey: `login_ip:${ip}`, userKey: `login_user:${user}` };
    const refusal = await longestRefusal(this.deps, [attempt.pairKey, attempt.ipKey]);
    if (refusal.ms > 0) {
      reply.header('retry-after', String(Math.ceil(refusal.ms / 1000)));
      throw new ThrottledError(loginBlockedText(refusal.ms));
    }
    return attempt;
  }

  /** Counts a wrong username or password; `username` only when that user exists. */
  async miss(attempt: LoginAttempt, username: string | null): Promise<void> {
    const { ip } = attempt;
    const address = await countMiss(this.deps, { key: attempt.ipKey, scope: 'login_ip', ip }, (c) => windowBlock(c, this.limits.perAddress));
    const user = await countMiss(this.deps, { key: attempt.userKey, scope: 'login_user', username }, () => null);
    if (user.row.misses === this.limits.perUser) {
      this.deps.log.warn({ username, misses: user.row.misses }, 'sign-in: a user is being tried from many addresses');
    }
    const free = pairFreeMisses(user.row.misses, this.limits);
    const pair = await countMiss(this.deps, { key: attempt.pairKey, scope: 'login_pair', username, ip }, (c) =>
      pairBlock(c, free, this.limits.maxBlockMinutes),
    );
    for (const counted of [address, pair]) {
      if (counted.newBlock) await runCommand(this.deps, this.blocked, 'system', { id: counted.row.id });
    }
  }

  /** A sign-in clears its own pair (not the address or the user: an attacker could clear those with an account of their own). */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    await clearThrottle(this.deps.store.db, attempt.pairKey);
  }
}
