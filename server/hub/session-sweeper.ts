import type { HubDeps } from '../commands/context';
import { THROTTLE_WINDOW_MS } from '../domain/throttle';
import { endExpiredSessions } from '../store/sessions';
import { pruneThrottles } from '../store/throttles';

/**
 * Ends sessions that expired on the hub clock and disconnects their sockets (on every node); forgets
 * guessing counters a day after their last miss. Runs on every node: each expired session is deleted,
 * and so disconnected, by exactly one of them.
 */
export class SessionSweeper {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly deps: HubDeps,
    private readonly everyMs = 15_000,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => {
      this.sweep().catch((err) => this.deps.log.warn({ err }, 'session sweep failed'));
    }, this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
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
