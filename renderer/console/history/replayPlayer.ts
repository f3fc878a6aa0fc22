import {
  type ReplayCursor,
  type ReplayFix,
  type ReplayState,
  fixesFromColumns,
  fromSnapshot,
  playTo,
} from '../../../server/domain/replay';
import type { ReplayEvent, ReplaySnapshot, ReplayWindow } from '../../../server/protocol/replay';

/**
 * The console's replay player (no React, no I/O of its own): holds the snapshot a window starts from, the window's
 * events and fixes, and the state played to the current instant (domain/replay.ts).
 *
 * Rules:
 * - `seek(t)` inside the loaded window plays forward from the current state, or (backwards) from the window's
 *   snapshot again; outside it the caller must `load` a new snapshot and window (`needsLoad`).
 * - Playing past the window's end moves on to the next window (fetched ahead by the caller), whose snapshot is the
 *   state at the end of this one; until it is there, play stops at the end (`waiting`).
 */
export interface LoadedWindow {
  base: ReplaySnapshot;
  from: string;
  until: string;
  events: ReplayEvent[];
  fixes: ReplayFix[];
}

export function loadedWindow(base: ReplaySnapshot, window: ReplayWindow): LoadedWindow {
  return { base, from: window.from, until: window.until, events: window.events, fixes: fixesFromColumns(window.fixes, window.from) };
}

export class ReplayPlayer {
  private window: LoadedWindow | null = null;
  private next: ReplayWindow | null = null;
  private state: ReplayState | null = null;
  private cursor: ReplayCursor = { event: 0, fix: 0 };

  /** A new snapshot and its window; plays to `t` (which should lie inside it). */
  load(w: LoadedWindow, t: number): void {
    this.window = w;
    this.next = null;
    this.state = fromSnapshot(w.base);
    this.cursor = { event: 0, fix: 0 };
    this.seek(t);
  }

  /** The window after the current one, fetched ahead. */
  offerNext(next: ReplayWindow): void {
    if (this.window && next.from === this.window.until) this.next = next;
  }

  get current(): LoadedWindow | null {
    return this.window;
  }

  get hasNext(): boolean {
    return this.next !== null;
  }

  needsLoad(t: number): boolean {
    const w = this.window;
    return !w || t < Date.parse(w.base.at) || t > Date.parse(w.until);
  }

  /** Plays to `t` inside the loaded window (see the rules); returns false when `t` needs a load. */
  seek(t: number): boolean {
    const w = this.window;
    if (!w || !this.state) return false;
    while (t > Date.parse(w.until) && this.next) this.advanceWindow();
    const win = this.window as LoadedWindow;
    if (this.needsLoad(t)) return false;
    if (t < Date.parse(this.state.at)) {
      this.state = fromSnapshot(win.base);
      this.cursor = { event: 0, fix: 0 };
    }
    this.cursor = playTo(this.state, win.events, win.fixes, new Date(t).toISOString(), this.cursor);
    return true;
  }

  private advanceWindow(): void {
    const w = this.window as LoadedWindow;
    const state = this.state as ReplayState;
    playTo(state, w.events, w.fixes, w.until, this.cursor);
    const next = this.next as ReplayWindow;
    // The next window's snapshot is the state at this one's end.
    const base: ReplaySnapshot = {
      at: w.until,
      seq: state.seq,
      reports: [...state.reports.values()],
      units: [...state.units.values()],
      alerts: [...state.alerts.values()],
      positions: [...state.positions.values()],
    };
    this.window = loadedWindow(base, next);
    this.next = null;
    this.state = fromSnapshot(base);
    this.cursor = { event: 0, fix: 0 };
  }

  /** The state played to, or null before the first load. */
  get played(): ReplayState | null {
    return this.state;
  }
}
