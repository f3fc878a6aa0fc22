import type { Logger } from 'pino';
import { runAsJob } from '../request-context';

/**
 * Runs `work` every `everyMs` on an unref'd timer, never two at once (a run still going when the next is due skips that
 * turn), logging a failure instead of ending the process. `stop()` ends the schedule and waits for a run in progress.
 */
export class Periodic {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly everyMs: number,
    private readonly work: () => Promise<unknown>,
    private readonly log: Pick<Logger, 'warn'>,
    private readonly what: string,
  ) {}

  start(): void {
    if (this.timer || this.everyMs <= 0) return;
    this.timer = setInterval(() => void this.tick(), this.everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /**
   * One turn now, unless one is running (then that one's end). Each turn is a run of job `what` under a new run id
   * (request-context.ts): its log lines, and the messages it queues, carry both.
   */
  tick(): Promise<void> {
    this.running ??= runAsJob(this.what, () =>
      this.work()
        .then(
          () => undefined,
          (err: unknown) => this.log.warn({ err }, `${this.what} failed`),
        )
        .finally(() => {
          this.running = undefined;
        }),
    );
    return this.running;
  }
}
