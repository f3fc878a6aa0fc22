import type { PositionFix } from '../../server/protocol/dispatch';
import type { GeoState, SnapshotStore } from './fieldSnapshot';

/**
 * The unit's position (AVL) to the hub: the latest fix on every tick, the first one at once, and an
 * unchanged fix again after `keepaliveMs` so the desk sees the unit is still there.
 */
export class PositionReporter {
  private lastSent: { at: string; sentAt: number } | null = null;

  constructor(
    private readonly store: SnapshotStore,
    /** Sends a fix now; false when there is no connection. */
    private readonly emit: (fix: PositionFix) => boolean,
    private readonly keepaliveMs: number,
  ) {}

  setGeoState(geo: GeoState): void {
    if (geo !== this.store.get().geo) this.store.update({ geo });
  }

  /** A new fix from the device (or a test): sent right away if it is the first, else with the next tick. */
  setPosition(fix: PositionFix): void {
    const first = this.store.get().position === null;
    this.store.update({ position: fix, geo: 'ok' });
    if (first) this.send();
  }

  /** (Re)connected: the hub knows the unit is back, so it gets the latest fix at once. */
  resend(): void {
    this.lastSent = null;
    this.send();
  }

  send(): void {
    const fix = this.store.get().position;
    if (!fix) return;
    const now = Date.now();
    if (this.lastSent && this.lastSent.at === fix.at && now - this.lastSent.sentAt < this.keepaliveMs) return;
    if (this.emit(fix)) this.lastSent = { at: fix.at, sentAt: now };
  }
}
