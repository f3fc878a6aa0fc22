/**
 * Per-item retry back-off for a periodic job (hub/follow-up-job.ts): an item that failed waits before it is tried
 * again, twice as long after each failure in a row (from `firstMs` up to `maxMs`), so items that fail every time do
 * not take each run's turn from the others. Kept in memory per hub node: a restart tries everything again at once.
 */
export class FailureBackoff {
  private readonly failing = new Map<string, { failures: number; retryAt: number }>();

  constructor(
    private readonly firstMs: number,
    private readonly maxMs: number,
    /** The most items remembered; past it the longest-remembered is forgotten (and simply tried again). */
    private readonly maxItems = 10_000,
  ) {}

  /** True while the item waits after a failure (it is skipped this run). */
  waiting(key: string, now: number): boolean {
    const entry = this.failing.get(key);
    return entry !== undefined && now < entry.retryAt;
  }

  /** Records a failure; returns how many in a row and when the item is tried again. */
  failed(key: string, now: number): { failures: number; retryAt: Date } {
    const failures = (this.failing.get(key)?.failures ?? 0) + 1;
    const wait = Math.min(this.maxMs, this.firstMs * 2 ** Math.min(failures - 1, 30));
    this.failing.delete(key);
    if (this.failing.size >= this.maxItems) {
      const oldest = this.failing.keys().next().value;
      if (oldest !== undefined) this.failing.delete(oldest);
    }
    this.failing.set(key, { failures, retryAt: now + wait });
    return { failures, retryAt: new Date(now + wait) };
  }

  succeeded(key: string): void {
    this.failing.delete(key);
  }

  get size(): number {
    return this.failing.size;
  }
}
