import type { Logger } from 'pino';
import { databaseClock } from '../store/operations-readings';
import type { Store } from '../store/open';
import { Periodic } from './periodic';

/** Deadlines, offer expiry and safety timers compare the hub's clock with times other nodes wrote. */
export const CLOCK_SKEW_LIMIT_MS = 2000;
const EVERY_MS = 60_000;

/**
 * Compares the hub's clock with the database server's (PostgreSQL; on SQLite both are this machine's clock) once a
 * minute and warns when they differ by more than 2 seconds (`clock skew`, with both times), again each check while it
 * lasts, and once when it is over. The last skew is a metric (meldkamer_clock_skew_seconds).
 */
export class ClockCheck {
  private readonly schedule: Periodic;
  private skewed = false;

  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
    private readonly log: Pick<Logger, 'warn' | 'info'>,
    private readonly report: (skewSeconds: number) => void,
  ) {
    this.schedule = new Periodic(EVERY_MS, () => this.check(), log, 'clock check');
  }

  start(): void {
    if (this.store.kind === 'sqlite') return;
    void this.schedule.tick();
    this.schedule.start();
  }

  stop(): Promise<void> {
    return this.schedule.stop();
  }

  /** One comparison; answers the skew in ms (hub minus database), or null on SQLite. */
  async check(): Promise<number | null> {
    const before = Date.now();
    const database = await databaseClock(this.store.db, this.store.kind);
    if (!database) return null;
    // The database read its clock somewhere during the round trip: compare with the hub's clock at its middle.
    const hub = this.clock().getTime() - (Date.now() - before) / 2;
    const skew = hub - database.getTime();
    this.report(skew / 1000);
    if (Math.abs(skew) > CLOCK_SKEW_LIMIT_MS) {
      this.skewed = true;
      this.log.warn(
        { hubClock: new Date(hub).toISOString(), databaseClock: database.toISOString(), skewMs: Math.round(skew) },
        'clock skew: the hub and the database disagree by more than 2 seconds; deadlines and timers depend on it (sync both with NTP)',
      );
    } else if (this.skewed) {
      this.skewed = false;
      this.log.info({ skewMs: Math.round(skew) }, 'clock skew over');
    }
    return skew;
  }
}
