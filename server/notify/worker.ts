import type { Logger } from '../log';
import type { Store } from '../store/open';
import type { OutboxRow } from '../store/schema';
import { claimDue, DEFAULT_BACKOFF_MS, type OutboxChannel, releaseLease, releaseLeasesOf } from '../store/outbox';

/** Sends one outbox message; resolving means the server/gateway accepted it, throwing means this attempt failed. */
export interface DeliveryChannel {
  send(message: OutboxRow): Promise<unknown>;
}

/** What one attempt came to, for `record`: sent, or failed with the error (queued again after a backoff, or failed for good). */
export type DeliveryAttempt = { id: string; owner: string } & (
  | { outcome: 'sent' }
  | { outcome: 'failed'; error: string; maxAttempts: number; backoffMs: readonly number[] }
);

export interface OutboxWorkerOptions {
  store: Pick<Store, 'db'>;
  /**
   * Records an attempt: the message's new state and the report's delivery event in ONE transaction (the hub
   * runs the `outbox.attempt` command). Resolves to the updated row, or undefined when the lease was lost
   * and nothing was recorded. Throwing leaves the message leased and unrecorded: it is sent again once the
   * lease runs out, with the same Message-ID / reference.
   */
  record: (attempt: DeliveryAttempt) => Promise<OutboxRow | undefined>;
  channels: Partial<Record<OutboxChannel, DeliveryChannel | undefined>>;
  /** Unique per running hub process; keeping it stable across restarts lets a restarted node resume its leases at once. */
  owner: string;
  pollMs?: number;
  leaseMs?: number;
  maxAttempts?: number;
  /** Delay after the 1st, 2nd, … failed attempt; the last one repeats. */
  backoffMs?: readonly number[];
  batchSize?: number;
  clock?: () => Date;
  log: Logger;
  /** Called after every recorded attempt (sent, or failed and queued again / marked failed). */
  onChange?: (row: OutboxRow) => void;
}

const MISSING_CHANNEL: Record<OutboxChannel, string> = {
  email: 'geen SMTP geconfigureerd',
  sms: 'geen SMS-gateway geconfigureerd',
};

export class OutboxWorker {
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly backoffMs: readonly number[];
  private readonly batchSize: number;
  private readonly clock: () => Date;
  private running = false;
  private woken = false;
  private timer: NodeJS.Timeout | undefined;
  /** Batches run one after another; stop() waits for this. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: OutboxWorkerOptions) {
    this.pollMs = options.pollMs ?? 1000;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.maxAttempts = options.maxAttempts ?? 6;
    this.backoffMs = options.backoffMs ?? DEFAULT_BACKOFF_MS;
    this.batchSize = options.batchSize ?? 20;
    this.clock = options.clock ?? (() => new Date());
  }

  /** Between start() and stop() (the readiness check, GET /health). */
  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const { store, owner, log } = this.options;
    this.queue = this.queue
      .then(() => releaseLeasesOf(store.db, owner))
      .then((n) => {
        if (n > 0) log.info({ owner, released: n }, 'outbox: leases of a previous run released');
      })
      .catch((err: unknown) => log.error({ err }, 'outbox: releasing old leases failed'));
    this.schedule(0);
  }

  /** Deliver soon instead of at the next poll, e.g. right after a commit that enqueued messages. */
  wake(): void {
    if (!this.running) return;
    if (this.timer) {
      clearTimeout(this.timer);
      this.schedule(0);
    } else {
      this.woken = true;
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.queue.catch(() => undefined);
  }

  /** Claims one batch of due messages and tries each once. Resolves to the number claimed. */
  runOnce(): Promise<number> {
    const run = this.queue.then(() => this.batch());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    this.woken = false;
    let claimed = 0;
    try {
      claimed = await this.runOnce();
    } catch (err) {
      this.options.log.error({ err }, 'outbox: batch failed');
    }
    if (!this.running) return;
    this.schedule(claimed >= this.batchSize || this.woken ? 0 : this.pollMs);
  }

  private async batch(): Promise<number> {
    const { store, owner } = this.options;
    const rows = await claimDue(store.db, { owner, now: this.clock(), leaseMs: this.leaseMs, limit: this.batchSize });
    for (const row of rows) {
      // Past half its lease the row may be taken over before our send finishes: hand it back unsent.
      const remaining = Date.parse(row.lease_until ?? '') - this.clock().getTime();
      if (!(remaining > this.leaseMs / 2)) {
        await releaseLease(store.db, row.id, owner);
        continue;
      }
      try {
        await this.deliver(row);
      } catch (err) {
        // Not recorded (e.g. the database refused the transaction): the message stays leased and goes out
        // again once the lease runs out; the rest of the batch still gets its attempt.
        this.options.log.error({ err, outboxId: row.id }, 'outbox: attempt not recorded; retried after the lease');
      }
    }
    return rows.length;
  }

  private async deliver(row: OutboxRow): Promise<void> {
    const { record, owner, log } = this.options;
    // The id of the command that queued it (server/request-context.ts): its whole trail under one id.
    const context = { outboxId: row.id, reportId: row.report_id, channel: row.channel, trigger: row.trigger, reqId: row.request_id ?? undefined };
    const channel = this.options.channels[row.channel];
    let error: string | undefined;
    if (!channel) {
      error = MISSING_CHANNEL[row.channel] ?? `onbekend kanaal ${String(row.channel)}`;
    } else {
      try {
        await channel.send(row);
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      }
    }

    if (error === undefined) {
      const updated = await record({ id: row.id, owner, outcome: 'sent' });
      if (updated) {
        log.info({ ...context, attempts: updated.attempts }, 'outbox: message sent');
        this.changed(updated);
      } else {
        log.warn(context, 'outbox: message sent, but another node had taken it over; it records the outcome');
      }
      return;
    }

    const updated = await record({ id: row.id, owner, outcome: 'failed', error, maxAttempts: this.maxAttempts, backoffMs: this.backoffMs });
    if (!updated) {
      log.warn({ ...context, error }, 'outbox: attempt failed after the lease was lost; not recorded');
      return;
    }
    if (updated.status === 'failed') {
      log.error({ ...context, attempts: updated.attempts, error }, 'outbox: message failed, giving up');
    } else {
      log.warn(
        { ...context, attempts: updated.attempts, nextAttemptAt: updated.next_attempt_at, error },
        'outbox: attempt failed, will retry',
      );
    }
    this.changed(updated);
  }

  private changed(row: OutboxRow): void {
    try {
      this.options.onChange?.(row);
    } catch (err) {
      this.options.log.error({ err, outboxId: row.id }, 'outbox: onChange handler threw');
    }
  }
}
