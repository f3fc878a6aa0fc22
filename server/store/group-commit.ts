import { AsyncResource } from 'node:async_hooks';
import { type Kysely, sql, type Transaction } from 'kysely';
import { forgetAppendedSeq } from './events';
import { DEFER } from './pg-pipeline';
import type { DB } from './schema';

type Work<T> = (trx: Transaction<DB>) => Promise<T>;

type Outcome = { ok: true; value: unknown } | { ok: false; err: unknown };

interface Job {
  work: Work<unknown>;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

export interface GroupCommitOptions {
  /** Opens the shared transaction (and takes the event-log lock where one is needed) and runs fn in it. */
  transaction<T>(fn: (trx: Transaction<DB>) => Promise<T>): Promise<T>;
  /** Releases the previous savepoint and sets the next in one statement (PostgreSQL: one round trip). */
  combineSavepoints: boolean;
  /**
   * Savepoints are marked to go with the command's first statement (store/pg-pipeline.ts), so setting one costs no
   * round trip of its own (PostgreSQL).
   */
  deferSavepoints?: boolean;
  /**
   * Runs a savepoint statement on the transaction's connection directly (SQLite: the one connection, synchronous),
   * instead of building, compiling and executing it through Kysely: two of them per command were ~6% of a report's
   * creation in CPU (docs/BENCHMARKS.md, the command path).
   */
  control?: (text: string) => void;
  /** The most commands one transaction takes before it commits, so a steady stream still gets acks. */
  maxGroup?: number;
}

/**
 * Group commit: commands that wait for the write transaction at the same time run one after the other in ONE
 * transaction, each inside its own savepoint, and one COMMIT (one fsync) makes all of them durable. A command
 * that fails is rolled back to its savepoint alone and gets its error; the others go on. Nobody's promise
 * settles before that COMMIT returned, so an answer is never sent for work that is not yet durable. When the
 * shared transaction itself fails (the COMMIT, or a rollback to a savepoint), every command of the group gets
 * the error: none of them was committed. Settled in queue order, so events are published in seq order.
 *
 * Each command's savepoint has a name of its own in the group (meldkamer_command_1, _2, …): when its savepoint
 * never ran (PostgreSQL rejected the whole message it was kept back in, store/pg-pipeline.ts), the rollback to it
 * fails and the group fails together. Under one shared name that rollback reached the savepoint of the command
 * before, undid a command already settled as done, and the COMMIT went on.
 */
export class GroupCommit {
  private readonly queue: Job[] = [];
  private draining: Promise<void> | undefined;
  private readonly maxGroup: number;

  constructor(private readonly options: GroupCommitOptions) {
    this.maxGroup = options.maxGroup ?? 64;
  }

  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // Bound to the caller's async context: the work runs under its own request's id (server/request-context.ts:
      // log lines, outbox.request_id), not under that of the command whose arrival started the group.
      // A resource and runInAsyncScope, as AsyncResource.bind does, without the deprecated properties bind defines
      // on every function it returns (~15 µs a command).
      const resource = new AsyncResource('meldkamer.write');
      const bound: Work<unknown> = (trx) => resource.runInAsyncScope(work, undefined, trx);
      this.queue.push({ work: bound, resolve: resolve as (value: unknown) => void, reject });
      this.draining ??= this.drain();
    });
  }

  /** Resolves once no group is running (for closing the store). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    // Each group waits one turn of the event loop, so the requests read in this turn join it (on SQLite a group
    // runs without yielding to I/O, so without this wait every HTTP request would commit alone).
    // `draining` is cleared in the same synchronous step as the last look at the queue: cleared later (a .finally),
    // a command queued in between would find `draining` still set and wait until some other command came along.
    try {
      do {
        await new Promise((resolve) => setImmediate(resolve));
        await this.runGroup();
      } while (this.queue.length > 0);
    } finally {
      this.draining = undefined;
    }
  }

  private async runGroup(): Promise<void> {
    const group: { job: Job; outcome?: Outcome }[] = [];
    // Taken before the transaction opens: when BEGIN (or the lock) fails, this command gets the error instead of
    // the queue retrying it for ever.
    const first = this.queue.shift();
    if (!first) return;
    try {
      await this.options.transaction(async (trx) => {
        let job: Job | undefined = first;
        while (job) {
          // In the group before it runs: if the transaction breaks during its savepoint, it gets the error too.
          const entry: { job: Job; outcome?: Outcome } = { job };
          group.push(entry);
          entry.outcome = await this.runOne(trx, job, group.length);
          job = group.length < this.maxGroup ? this.queue.shift() : undefined;
        }
      });
    } catch (err) {
      if (group.length === 0) first.reject(err);
      for (const { job } of group) job.reject(err);
      return;
    }
    for (const { job, outcome } of group) {
      if (outcome?.ok) job.resolve(outcome.value);
      else job.reject(outcome ? outcome.err : new Error('group commit: command did not run'));
    }
  }

  /** position: the command's place in the group, from 1. */
  private async runOne(trx: Transaction<DB>, job: Job, position: number): Promise<Outcome> {
    await this.savepoint(trx, position);
    try {
      return { ok: true, value: await job.work(trx) };
    } catch (err) {
      // Throws when the transaction as a whole is gone, or this command's savepoint was never set: then the group
      // fails together (see runGroup).
      await sql.raw(`rollback to savepoint ${savepointName(position)}`).execute(trx);
      forgetAppendedSeq(trx);
      return { ok: false, err };
    }
  }

  private async savepoint(trx: Kysely<DB>, position: number): Promise<void> {
    const defer = this.options.deferSavepoints ? DEFER : '';
    const name = savepointName(position);
    const { control } = this.options;
    if (control) {
      if (position > 1) control(`release savepoint ${savepointName(position - 1)}`);
      control(`savepoint ${name}`);
      return;
    }
    if (position === 1) {
      await sql.raw(`${defer}savepoint ${name}`).execute(trx);
      return;
    }
    const previous = savepointName(position - 1);
    if (this.options.combineSavepoints) {
      await sql.raw(`${defer}release savepoint ${previous}; savepoint ${name}`).execute(trx);
    } else {
      await sql.raw(`release savepoint ${previous}`).execute(trx);
      await sql.raw(`savepoint ${name}`).execute(trx);
    }
  }
}

function savepointName(position: number): string {
  return `meldkamer_command_${position}`;
}
