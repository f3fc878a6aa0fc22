/**
 * A sliding-window limit per key, in memory: at most `limit` hits in any `windowMs`. Each hub node keeps
 * its own window, so behind N nodes a client gets up to N times the limit; enough to stop a runaway app.
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();
  private lastSweep = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts a hit for `key` if it is within the limit; otherwise says how long until the next one fits. */
  hit(key: string): { allowed: true; remaining: number; at: number } | { allowed: false; retryAfterMs: number } {
    const now = this.now();
    this.sweep(now);
    const since = now - this.windowMs;
    const recent = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      const oldest = recent[0] ?? now;
      return { allowed: false, retryAfterMs: Math.max(1, oldest + this.windowMs - now) };
    }
    recent.push(now);
    this.hits.set(key, recent);
    return { allowed: true, remaining: this.limit - recent.length, at: now };
  }

  /** Takes back a hit counted at `at` (a reservation that turned out not to count here). */
  release(key: string, at: number): void {
    const times = this.hits.get(key);
    const index = times?.lastIndexOf(at) ?? -1;
    if (times && index >= 0) times.splice(index, 1);
  }

  /** Whether a hit for `key` would be allowed now, without counting one. */
  peek(key: string): { allowed: true } | { allowed: false; retryAfterMs: number } {
    const now = this.now();
    const since = now - this.windowMs;
    const recent = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (recent.length < this.limit) return { allowed: true };
    return { allowed: false, retryAfterMs: Math.max(1, (recent[0] ?? now) + this.windowMs - now) };
  }

  /** Forgets keys without hits in the window, at most once per window, so memory follows active clients. */
  private sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    const since = now - this.windowMs;
    for (const [key, times] of this.hits) {
      if (!times.some((t) => t > since)) this.hits.delete(key);
    }
  }
}
