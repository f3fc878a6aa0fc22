import type { HubDeps } from '../commands/context';
import { settleFixTime } from '../domain/fix-time';
import { distanceMeters } from '../domain/geo';
import type { PositionFix } from '../protocol/dispatch';
import type { UnitFix } from '../protocol/socket';
import { saveTrail } from '../store/units';

export interface PositionTrackerOptions {
  /** Fixes closer together than this (per unit) are dropped: the rate limit. */
  minIntervalMs?: number;
  /** The trail keeps a fix at least this often… */
  persistEveryMs?: number;
  /** …or when the unit moved this far since the last kept fix. */
  persistAfterMeters?: number;
  /** How often consoles get the batch of changed fixes. */
  broadcastEveryMs?: number;
}

/**
 * Live positions (AVL): the latest fix per unit in memory, a thinned trail in the store, and one batched,
 * volatile broadcast to the consoles per interval, so 500 units at one fix per 5 s stay cheap.
 */
export class PositionTracker {
  readonly latest = new Map<string, PositionFix>();
  private readonly received = new Map<string, number>();
  private readonly persisted = new Map<string, PositionFix>();
  private readonly dirty = new Set<string>();
  /** Fixes the trail keeps, written together at the next flush. */
  private trail: { unitId: string; fix: PositionFix }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly opts: Required<PositionTrackerOptions>;

  constructor(
    private readonly deps: HubDeps,
    private readonly broadcast: (fixes: UnitFix[]) => void,
    opts: PositionTrackerOptions = {},
  ) {
    this.opts = { minIntervalMs: 1000, persistEveryMs: 30_000, persistAfterMeters: 50, broadcastEveryMs: 1000, ...opts };
  }

  start(): void {
    this.timer ??= setInterval(() => this.flush(), this.opts.broadcastEveryMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.writeTrail();
  }

  /** Returns false when the fix was dropped by the rate limit. A fix dated far ahead of the hub clock is dated now. */
  accept(unitId: string, sent: PositionFix): boolean {
    const fix = settleFixTime(sent, this.deps.clock());
    const now = Date.now();
    const last = this.received.get(unitId);
    if (last !== undefined && now - last < this.opts.minIntervalMs) return false;
    this.received.set(unitId, now);
    this.latest.set(unitId, fix);
    this.dirty.add(unitId);
    const kept = this.persisted.get(unitId);
    const due =
      !kept ||
      Date.parse(fix.at) - Date.parse(kept.at) >= this.opts.persistEveryMs ||
      distanceMeters(kept, fix) >= this.opts.persistAfterMeters;
    if (due) {
      this.persisted.set(unitId, fix);
      this.trail.push({ unitId, fix });
    }
    return true;
  }

  flush(): void {
    this.writeTrail();
    if (this.dirty.size === 0) return;
    const fixes: UnitFix[] = [];
    for (const unitId of this.dirty) {
      const fix = this.latest.get(unitId);
      if (fix) fixes.push({ unitId, ...fix });
    }
    this.dirty.clear();
    this.broadcast(fixes);
  }

  private writeTrail(): void {
    if (this.trail.length === 0) return;
    const fixes = this.trail;
    this.trail = [];
    saveTrail(this.deps.store.db, fixes).catch((err) => this.deps.log.warn({ err, fixes: fixes.length }, 'position trail not saved'));
  }
}
