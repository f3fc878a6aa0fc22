import type { HubDeps } from '../commands/context';
import { type BatchResult, deleteAgedRows, deleteOldReports, eraseReportData } from '../commands/retention';
import { runCommand } from '../commands/run-command';
import { deleteExpiredAddressNotes } from '../commands/context-notes';
import { AGED_KINDS, REPORT_DATA_KINDS, type RetentionKind, type RetentionSettings, retentionCutoff } from '../domain/retention';
import { finishJobLease, renewJobLease, takeJobLease } from '../store/retention-log';
import { Periodic } from './periodic';

const JOB = 'retention';
/** A node that dies mid-run frees the job after this long. */
const LEASE_MS = 10 * 60_000;
/** How often a node looks whether a run is due (the lease decides whether it is this node's). */
const MAX_TICK_MS = 5 * 60_000;

export type RetentionRun = { ran: false } | { ran: true; counts: Record<RetentionKind, number> };

/**
 * Erases and deletes personal data past its retention period (domain/retention.ts), every
 * `intervalMinutes`, on one hub node at a time (a lease row in the store, taken with a conditional
 * update). Each batch is one command (commands/retention.ts), so it commits with its log line and event
 * and holds the write lock briefly; the next batch follows until a kind has nothing left.
 */
export class RetentionJob {
  private readonly schedule: Periodic;
  private running: Promise<RetentionRun> | undefined;
  private stopping = false;

  constructor(
    private readonly deps: HubDeps,
    private readonly settings: RetentionSettings,
    private readonly nodeId: string,
  ) {
    // With `intervalMinutes` 0 the hub never runs it by itself (a Periodic of 0 ms does not start).
    const everyMs = settings.intervalMinutes === 0 ? 0 : Math.min(settings.intervalMinutes * 60_000, MAX_TICK_MS);
    // A failed run is logged (as an error) in runLeased already.
    this.schedule = new Periodic(everyMs, () => this.tick().catch(() => undefined), deps.log, 'retention');
  }

  /** Schedules the job. */
  start(): void {
    this.schedule.start();
  }

  /** Stops the schedule and waits for a run in progress to finish its batch. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.schedule.stop();
    await this.running?.catch(() => undefined);
  }

  /** A scheduled look: runs when the last run (on any node) is `intervalMinutes` ago and no node runs it now. */
  tick(): Promise<RetentionRun> {
    return this.run(this.settings.intervalMinutes * 60_000);
  }

  /** Runs now, whenever the last run was (still never beside another node's run). */
  runNow(): Promise<RetentionRun> {
    return this.run(0);
  }

  private run(everyMs: number): Promise<RetentionRun> {
    if (this.running) return Promise.resolve({ ran: false });
    this.running = this.runLeased(everyMs).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async runLeased(everyMs: number): Promise<RetentionRun> {
    const { deps, nodeId } = this;
    const lease = { name: JOB, owner: nodeId, leaseMs: LEASE_MS };
    try {
      if (!(await takeJobLease(deps.store.db, { ...lease, now: deps.clock(), everyMs }))) return { ran: false };
    } catch (err) {
      deps.log.warn({ err }, 'retention: could not take the lease');
      return { ran: false };
    }
    let completed = false;
    try {
      const counts = await this.allKinds();
      // Address notes past their expiry date (commands/context-notes.ts): never shown, now gone.
      const notes = this.stopping ? 0 : await deleteExpiredAddressNotes(deps, this.settings.batchSize);
      if (notes > 0) deps.log.info({ addressNotes: notes }, 'retention: expired address notes deleted');
      completed = !this.stopping;
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      if (total > 0) deps.log.info({ counts }, 'retention applied');
      return { ran: true, counts };
    } catch (err) {
      deps.log.error({ err }, 'retention run failed');
      throw err;
    } finally {
      await finishJobLease(deps.store.db, { name: JOB, owner: nodeId, now: deps.clock(), completed }).catch(() => undefined);
    }
  }

  private async allKinds(): Promise<Record<RetentionKind, number>> {
    const counts = Object.fromEntries([...REPORT_DATA_KINDS, ...AGED_KINDS, 'reports'].map((k) => [k, 0])) as Record<RetentionKind, number>;
    // Deleting whole reports first spares erasing what goes anyway.
    counts.reports = await this.batches('reports', (cutoff, limit) => runCommand(this.deps, deleteOldReports, 'system', { cutoff, limit }));
    for (const kind of REPORT_DATA_KINDS) {
      counts[kind] = await this.batches(kind, (cutoff, limit) => runCommand(this.deps, eraseReportData, 'system', { kind, cutoff, limit }));
    }
    for (const kind of AGED_KINDS) {
      counts[kind] = await this.batches(kind, (cutoff, limit) => runCommand(this.deps, deleteAgedRows, 'system', { kind, cutoff, limit }));
    }
    return counts;
  }

  /** Batch after batch of one kind until one comes back short; the lease is renewed between batches. */
  private async batches(kind: RetentionKind, batch: (cutoff: string, limit: number) => Promise<BatchResult>): Promise<number> {
    const { deps, settings } = this;
    const cutoff = retentionCutoff(kind, settings, deps.clock());
    let total = 0;
    for (;;) {
      if (this.stopping) return total;
      const { processed, count } = await batch(cutoff, settings.batchSize);
      total += count;
      if (processed < settings.batchSize) return total;
      if (!(await renewJobLease(deps.store.db, { name: JOB, owner: this.nodeId, now: deps.clock(), leaseMs: LEASE_MS }))) {
        throw new Error('retention: the lease was taken over by another node');
      }
    }
  }
}
