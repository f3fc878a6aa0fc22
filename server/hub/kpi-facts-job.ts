import type { Logger } from 'pino';
import type { Kysely } from 'kysely';
import { deriveKpiFacts } from '../store/kpi-facts';
import type { DB } from '../store/schema';
import { Periodic } from './periodic';

/**
 * Keeps the shift lead's KPI facts up with the event log (store/kpi-facts.ts): every few seconds the steps committed
 * since the last turn get their facts, so GET /api/stats, which derives what is still missing before it counts, finds
 * little or nothing left. After an upgrade the first turn derives the log written before (in batches, each its own
 * short transaction). Runs on every node; the store's lock lets one derive at a time.
 */
export class KpiFactsJob {
  private readonly schedule: Periodic;

  constructor(db: Kysely<DB>, log: Pick<Logger, 'warn'>, everyMs = 5_000) {
    this.schedule = new Periodic(everyMs, () => deriveKpiFacts(db), log, 'kpi facts');
  }

  start(): void {
    this.schedule.start();
  }

  /** One turn now (tests; the hub's start). */
  tick(): Promise<void> {
    return this.schedule.tick();
  }

  stop(): Promise<void> {
    return this.schedule.stop();
  }
}
