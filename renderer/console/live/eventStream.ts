/**
 * Applies the hub's event stream exactly once, in `seq` order, across gaps and reconnects.
 *
 * Pure TypeScript (no DOM, no React): the console uses it in the browser and the integration
 * tests drive it in Node with a real socket.io-client.
 *
 * Rules:
 * - a live event with `seq === lastSeq + 1` is applied; `seq <= lastSeq` is a duplicate and ignored;
 * - `seq > lastSeq + 1` is a gap: the event is buffered and the events after `lastSeq` are fetched
 *   (page by page while `hasMore`), applied in order, then the buffer is drained;
 * - on every connect (the first one too: events committed between the snapshot and the socket joining
 *   its room would otherwise only be noticed at the next live event) the state is `catching_up`,
 *   the events after `lastSeq` are fetched, then the state is `online`;
 * - on disconnect the state is `reconnecting` (or `offline` when socket.io will not retry);
 * - only one catch-up runs at a time; a request that arrives meanwhile runs one more round after it;
 * - a failed fetch is retried with backoff; live events are buffered meanwhile.
 */
import type { Socket } from 'socket.io-client';
import type { EventsPage, HubEvent } from '../../../server/protocol/events';
import type { ConsoleClientToServer, ConsoleServerToClient } from '../../../server/protocol/socket';

export type ConnectionState = 'connecting' | 'online' | 'reconnecting' | 'catching_up' | 'offline';

export interface EventStreamOptions {
  /** A socket.io-client socket on the console namespace, already created (autoConnect either way). */
  socket: Socket<ConsoleServerToClient, ConsoleClientToServer>;
  /** `GET /api/events?after=N`. */
  fetchEvents: (after: number) => Promise<EventsPage>;
  /** Called exactly once per seq, in strictly increasing seq order, never for seq <= the start seq. */
  onEvent: (event: HubEvent) => void;
  onState?: (state: ConnectionState) => void;
  /** First retry delay after a failed fetch (doubles up to `maxRetryDelayMs`). Default 1000. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** Called when a fetch fails or `onEvent` throws; default `console.warn`. */
  onError?: (error: unknown) => void;
}

/** How many catch-up rounds may leave a gap unfilled before buffered live events are applied anyway. */
const MAX_STALLED_ROUNDS = 3;

export class EventStream {
  private readonly opts: EventStreamOptions;
  private seq = 0;
  private started = false;
  private stopped = false;
  private readonly buffer = new Map<number, HubEvent>();
  private catchUpRunning = false;
  private catchUpRequested = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryDelay: number;
  private stalledRounds = 0;
  private state: ConnectionState | undefined;
  private idleWaiters: Array<() => void> = [];

  constructor(opts: EventStreamOptions) {
    this.opts = opts;
    this.retryDelay = opts.retryDelayMs ?? 1000;
  }

  /** The seq of the last event applied (or the start seq). */
  get lastSeq(): number {
    return this.seq;
  }

  /** The current connection state. */
  get connectionState(): ConnectionState {
    return this.state ?? 'connecting';
  }

  start(fromSeq: number): void {
    if (this.started) throw new Error('EventStream.start() called twice');
    this.started = true;
    this.seq = fromSeq;
    const { socket } = this.opts;
    socket.on('event', this.onLiveEvent);
    socket.on('connect', this.onConnect);
    socket.on('disconnect', this.onDisconnect);
    socket.on('connect_error', this.onConnectError);
    if (socket.connected) this.onConnect();
    else this.setState('connecting');
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    const { socket } = this.opts;
    socket.off('event', this.onLiveEvent);
    socket.off('connect', this.onConnect);
    socket.off('disconnect', this.onDisconnect);
    socket.off('connect_error', this.onConnectError);
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.buffer.clear();
    this.checkIdle();
  }

  /** Resolves when no catch-up is running or pending and no live event is buffered. */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  // ---- socket handlers (arrow functions so they can be removed again) ----

  private readonly onLiveEvent = (event: HubEvent): void => {
    if (this.stopped || !this.started) return;
    if (event.seq <= this.seq) return; // duplicate or already fetched
    if (this.busy()) {
      this.buffer.set(event.seq, event);
      return;
    }
    if (event.seq === this.seq + 1) {
      this.apply(event);
      this.drainBuffer();
      this.checkIdle();
      return;
    }
    this.buffer.set(event.seq, event);
    this.requestCatchUp();
  };

  private readonly onConnect = (): void => {
    if (this.stopped) return;
    this.requestCatchUp();
  };

  private readonly onDisconnect = (): void => {
    if (this.stopped) return;
    this.setState(this.opts.socket.active ? 'reconnecting' : 'offline');
  };

  private readonly onConnectError = (): void => {
    if (this.stopped) return;
    if (!this.opts.socket.active) this.setState('offline');
    else if (this.state !== 'connecting') this.setState('reconnecting');
  };

  // ---- catch-up ----

  private busy(): boolean {
    return this.catchUpRunning || this.retryTimer !== undefined;
  }

  private isIdle(): boolean {
    return this.stopped || (!this.busy() && this.buffer.size === 0);
  }

  private requestCatchUp(): void {
    if (this.stopped) return;
    if (this.catchUpRunning) {
      this.catchUpRequested = true;
      if (this.opts.socket.connected) this.setState('catching_up');
      return;
    }
    if (this.retryTimer !== undefined) {
      // A retry is pending; a fresh trigger (e.g. a reconnect) runs it now.
      clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
    }
    void this.runCatchUp();
  }

  private async runCatchUp(): Promise<void> {
    this.catchUpRunning = true;
    if (this.opts.socket.connected) this.setState('catching_up');
    try {
      do {
        this.catchUpRequested = false;
        const progressed = await this.fetchAfterLastSeq();
        if (this.stopped) return;
        this.drainBuffer();
        if (this.buffer.size > 0) {
          // A live event is still ahead of what the hub returned.
          if (progressed) {
            this.stalledRounds = 0;
            this.catchUpRequested = true;
          } else if (++this.stalledRounds >= MAX_STALLED_ROUNDS) {
            // The log has a hole the hub cannot fill (e.g. a rolled-back sequence value): accept it.
            this.stalledRounds = 0;
            this.applyBufferedInOrder();
          } else {
            throw new Error(`event stream: gap after seq ${this.seq} not filled by the hub yet`);
          }
        } else {
          this.stalledRounds = 0;
        }
      } while (this.catchUpRequested && !this.stopped);
      this.retryDelay = this.opts.retryDelayMs ?? 1000;
      this.catchUpRunning = false;
      this.setState(this.settledState());
    } catch (error) {
      this.catchUpRunning = false;
      if (this.stopped) return;
      this.report(error);
      this.scheduleRetry();
    } finally {
      this.catchUpRunning = false;
      this.checkIdle();
    }
  }

  /** Fetches and applies every event after lastSeq. Returns whether anything was applied. */
  private async fetchAfterLastSeq(): Promise<boolean> {
    let progressed = false;
    for (;;) {
      const page = await this.opts.fetchEvents(this.seq);
      if (this.stopped) return progressed;
      const events = [...page.events].sort((a, b) => a.seq - b.seq);
      let appliedHere = false;
      for (const event of events) {
        if (event.seq > this.seq) {
          this.apply(event);
          appliedHere = true;
        }
      }
      progressed ||= appliedHere;
      if (!page.hasMore || !appliedHere) return progressed;
    }
  }

  private scheduleRetry(): void {
    const delay = this.retryDelay;
    this.retryDelay = Math.min(this.retryDelay * 2, this.opts.maxRetryDelayMs ?? 15_000);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.stopped) return;
      void this.runCatchUp();
    }, delay);
  }

  private settledState(): ConnectionState {
    const { socket } = this.opts;
    if (socket.connected) return 'online';
    return socket.active ? 'reconnecting' : 'offline';
  }

  // ---- applying ----

  private apply(event: HubEvent): void {
    this.seq = event.seq;
    this.buffer.delete(event.seq);
    try {
      this.opts.onEvent(event);
    } catch (error) {
      this.report(error);
    }
  }

  private drainBuffer(): void {
    for (const seq of this.buffer.keys()) {
      if (seq <= this.seq) this.buffer.delete(seq);
    }
    let next = this.buffer.get(this.seq + 1);
    while (next !== undefined) {
      this.apply(next);
      next = this.buffer.get(this.seq + 1);
    }
  }

  private applyBufferedInOrder(): void {
    const events = [...this.buffer.values()].sort((a, b) => a.seq - b.seq);
    this.buffer.clear();
    for (const event of events) {
      if (event.seq > this.seq) this.apply(event);
    }
  }

  private setState(state: ConnectionState): void {
    if (this.stopped || state === this.state) return;
    this.state = state;
    this.opts.onState?.(state);
  }

  private checkIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private report(error: unknown): void {
    if (this.opts.onError) this.opts.onError(error);
    else console.warn('[event-stream]', error);
  }
}
