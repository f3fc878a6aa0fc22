/**
 * Keeps the live overview (issue 14, point 1) from the hub: its snapshot on every (re)connect, then its events.
 *
 * Pure TypeScript (no DOM, no React): the console (fed from its event stream) and the wallboard (fed from the
 * /wallboard namespace) use it in the browser; unit tests drive it in Node.
 *
 * Rules:
 * - on every connect (the first one too) the snapshot (`GET /api/overview`) is fetched and replaces the state: the
 *   counts come from the hub, never from what a screen kept while it was away;
 * - events that arrive while a snapshot is on its way are buffered; once it is in, the buffered events with
 *   `seq > snapshot.seq` are applied in seq order (the others are already in it);
 * - a live event with `seq <= seq` is a duplicate and ignored; `seq === seq + 1` is applied; `seq > seq + 1` is a gap:
 *   it is buffered and the snapshot fetched again (events are never skipped);
 * - a failed fetch is retried with backoff (1 s doubling to 15 s); live events are buffered meanwhile;
 * - the figures are counted from the state and the caller's clock (server/domain/overview.ts), so a screen re-reads
 *   them on a tick without the hub.
 */
import { applyOverviewChange, type OverviewState, overviewState } from '../../../server/domain/overview';
import type { OverviewEvent, OverviewSnapshot } from '../../../server/protocol/overview';

export type OverviewFeedStatus = 'loading' | 'live' | 'retrying';

export interface OverviewFeedOptions {
  fetchSnapshot: () => Promise<OverviewSnapshot>;
  onError?: (error: unknown) => void;
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
}

export class OverviewFeed {
  private readonly opts: OverviewFeedOptions;
  private current: OverviewState | null = null;
  private seq = 0;
  private zone = 'Europe/Amsterdam';
  private feedStatus: OverviewFeedStatus = 'loading';
  private readonly buffer = new Map<number, OverviewEvent>();
  private fetching = false;
  private fetchAgain = false;
  private stopped = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryDelay: number;
  private changes = 0;
  private readonly listeners = new Set<() => void>();

  constructor(opts: OverviewFeedOptions) {
    this.opts = opts;
    this.retryDelay = opts.retryDelayMs ?? 1000;
  }

  /** The state, once the first snapshot is in. */
  get state(): OverviewState | null {
    return this.current;
  }
  get lastSeq(): number {
    return this.seq;
  }
  get timeZone(): string {
    return this.zone;
  }
  get status(): OverviewFeedStatus {
    return this.feedStatus;
  }
  /** Grows with every change: a cheap version for React's useSyncExternalStore. */
  get version(): number {
    return this.changes;
  }

  /** Calls `listener` after every change of the state or the status; returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The socket (re)connected: fetch the snapshot. */
  connected(): void {
    this.requestSnapshot();
  }

  /** A live event, in any order. */
  push(event: OverviewEvent): void {
    if (this.stopped || event.seq <= this.seq) return;
    if (this.fetching || this.retryTimer !== undefined || this.current === null) {
      this.buffer.set(event.seq, event);
      return;
    }
    if (event.seq === this.seq + 1) {
      this.apply(event);
      this.drain();
      this.changed();
      return;
    }
    this.buffer.set(event.seq, event);
    this.requestSnapshot();
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.buffer.clear();
  }

  private requestSnapshot(): void {
    if (this.stopped) return;
    if (this.fetching) {
      this.fetchAgain = true;
      return;
    }
    if (this.retryTimer !== undefined) {
      clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
    }
    void this.fetchSnapshot();
  }

  private async fetchSnapshot(): Promise<void> {
    this.fetching = true;
    if (this.current === null) this.setStatus('loading');
    try {
      do {
        this.fetchAgain = false;
        const snapshot = await this.opts.fetchSnapshot();
        if (this.stopped) return;
        this.current = overviewState(snapshot);
        this.seq = snapshot.seq;
        this.zone = snapshot.timeZone;
        this.drain();
        // Still a hole before a buffered event: the hub's next snapshot will include it.
        if (this.buffer.size > 0) this.fetchAgain = true;
      } while (this.fetchAgain && !this.stopped);
      this.fetching = false;
      this.retryDelay = this.opts.retryDelayMs ?? 1000;
      this.setStatus('live');
      this.changed();
    } catch (error) {
      this.fetching = false;
      if (this.stopped) return;
      (this.opts.onError ?? ((e: unknown) => console.warn('[overview]', e)))(error);
      this.setStatus('retrying');
      const delay = this.retryDelay;
      this.retryDelay = Math.min(this.retryDelay * 2, this.opts.maxRetryDelayMs ?? 15_000);
      this.retryTimer = setTimeout(() => {
        this.retryTimer = undefined;
        void this.fetchSnapshot();
      }, delay);
    }
  }

  private apply(event: OverviewEvent): void {
    this.seq = event.seq;
    this.buffer.delete(event.seq);
    if (!this.current) return;
    for (const change of event.changes) applyOverviewChange(this.current, change);
  }

  private drain(): void {
    for (const seq of this.buffer.keys()) if (seq <= this.seq) this.buffer.delete(seq);
    let next = this.buffer.get(this.seq + 1);
    while (next !== undefined) {
      this.apply(next);
      next = this.buffer.get(this.seq + 1);
    }
  }

  private setStatus(status: OverviewFeedStatus): void {
    if (this.feedStatus === status) return;
    this.feedStatus = status;
    this.changed();
  }

  private changed(): void {
    this.changes += 1;
    for (const listener of this.listeners) listener();
  }
}
