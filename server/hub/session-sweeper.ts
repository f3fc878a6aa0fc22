import type { HubDeps } from '../commands/context';
import { THROTTLE_WINDOW_MS } from '../domain/throttle';
import { endExpiredSessions } from '../store/sessions';
import { pruneThrottles } from '../store/throttles';
import { Periodic } from './periodic';

/**
 * Ends sessions that expired on the hub clock and disconnects their sockets (on every node); forgets
 * guessing counters a day after their last miss. Runs on every node: each expired session is deleted,
 * and so disconnected, by exactly one of them.
 */
export class SessionSweeper {
  private readonly schedule: Periodic;

  constructor(
    private readonly deps: HubDeps,
    everyMs = 15_000,
  ) {
    this.schedule = new Periodic(everyMs, () => this.sweep(), deps.log, 'session sweep');
  }

  start(): void {
    this.schedule.start();
  }

  stop(): Promise<void> {
    return this.schedule.stop();
  }

  /** Returns how many sessions this call ended. */
  async sweep(): Promise<number> {
    const now = this.deps.clock();
    const ended = await endExpiredSessions(this.deps.store.db, now);
    if (ended.length > 0) {
      this.deps.endSessions(ended);
      this.deps.log.info({ sessions: ended.length }, 'expired sessions ended');
    }
    await pruneThrottles(this.deps.store.db, new Date(now.getTime() - 24 * THROTTLE_WINDOW_MS).toISOString(), now.toISOString());
    return ended.length;
  }
}
