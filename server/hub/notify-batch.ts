import type pg from 'pg';

/** The statement @socket.io/postgres-adapter (0.5.0) publishes with: `pool.query(NOTIFY_SQL, [channel, payload])`. */
export const NOTIFY_SQL = 'SELECT pg_notify($1, $2)';

/** One statement, one transaction, one commit for a whole batch; unnest hands the rows over in array order. */
const BATCH_SQL = 'select pg_notify(n.channel, n.payload) from unnest($1::text[], $2::text[]) as n(channel, payload)';

/** Notifications per statement at most (each payload is under 8,000 bytes: the adapter sends larger ones by attachment). */
const MAX_BATCH = 256;

interface Notify {
  channel: string;
  payload: string;
  resolve(result: pg.QueryResult): void;
  reject(err: unknown): void;
}

type Query = (text: string, values?: unknown[]) => Promise<pg.QueryResult>;

/**
 * NOTIFYs sent together. Every NOTIFY is a transaction of its own that PostgreSQL must make durable (a notifying
 * transaction gets an xid, so its commit waits for a WAL flush): three broadcasts per report created were three
 * flushes one after the other, next to the group commit's one flush for fifty reports. Here the NOTIFYs a node
 * publishes in one go ({@link collect}) go out as one statement, one commit, in the order they were made.
 *
 * Every NOTIFY passing through here, batched or not, is sent after the ones before it have committed, so the other
 * nodes receive them in that order. PostgreSQL delivers identical notifications of one transaction once, so a
 * batch is cut before a repeat of a (channel, payload) it already holds.
 */
export class NotifyBatcher {
  private collecting: Notify[] | undefined;
  /** Whether something other than a NOTIFY was asked for while collecting (an attachment's INSERT). */
  private interrupted = false;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly send: Query) {}

  /** The adapter's query: NOTIFYs are collected or put in line; everything else goes at once. */
  readonly query: Query = (text, values) => {
    if (text !== NOTIFY_SQL || !values) {
      if (this.collecting) this.interrupted = true;
      return this.send(text, values);
    }
    return new Promise<pg.QueryResult>((resolve, reject) => {
      const notify: Notify = { channel: String(values[0]), payload: String(values[1]), resolve, reject };
      if (this.collecting) this.collecting.push(notify);
      else this.enqueue([notify]);
    });
  };

  /**
   * Runs `publish` for each item, in order, and sends the NOTIFYs they ask for synchronously as one batch. Stops
   * after an item that asked for anything else first (the adapter stores a large payload before it notifies): that
   * item's NOTIFY comes later and must not be overtaken. Returns how many items were published.
   */
  collect<T>(items: readonly T[], publish: (item: T) => void): number {
    this.collecting = [];
    this.interrupted = false;
    let published = 0;
    try {
      for (const item of items) {
        publish(item);
        published++;
        if (this.interrupted) break;
      }
    } finally {
      const batch = this.collecting;
      this.collecting = undefined;
      this.interrupted = false;
      if (batch.length > 0) this.enqueue(batch);
    }
    return published;
  }

  private enqueue(batch: Notify[]): void {
    for (const part of distinctRuns(batch)) {
      this.tail = this.tail.then(() => this.flush(part));
    }
  }

  private async flush(batch: Notify[]): Promise<void> {
    try {
      const result =
        batch.length === 1
          ? await this.send(NOTIFY_SQL, [batch[0]?.channel, batch[0]?.payload])
          : await this.send(BATCH_SQL, [batch.map((n) => n.channel), batch.map((n) => n.payload)]);
      for (const n of batch) n.resolve(result);
    } catch (err) {
      for (const n of batch) n.reject(err);
    }
  }
}

/** Consecutive runs of at most MAX_BATCH notifications without a repeated (channel, payload). */
export function distinctRuns<T extends { channel: string; payload: string }>(batch: readonly T[]): T[][] {
  const runs: T[][] = [];
  let run: T[] = [];
  let seen = new Set<string>();
  for (const n of batch) {
    const key = `${n.channel}\u0000${n.payload}`;
    if (run.length >= MAX_BATCH || seen.has(key)) {
      runs.push(run);
      run = [];
      seen = new Set();
    }
    run.push(n);
    seen.add(key);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}
