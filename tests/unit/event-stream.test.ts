import type { Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { applyEventToSnapshot, upsertOpenReport } from '../../renderer/console/api/reportsCache';
import { type ConnectionState, EventStream } from '../../renderer/console/live/eventStream';
import type { EventsPage, HubEvent } from '../../server/protocol/events';
import type { Report } from '../../server/protocol/report';
import type { ConsoleClientToServer, ConsoleServerToClient } from '../../server/protocol/socket';

/** The few members of a socket.io-client Socket that EventStream uses. */
class FakeSocket {
  connected = false;
  /** socket.io-client: true while the socket will (re)connect by itself. */
  active = true;
  private readonly handlers = new Map<string, Set<(...args: unknown[]) => void>>();

  on(name: string, fn: (...args: unknown[]) => void): this {
    let set = this.handlers.get(name);
    if (!set) {
      set = new Set();
      this.handlers.set(name, set);
    }
    set.add(fn);
    return this;
  }

  off(name: string, fn: (...args: unknown[]) => void): this {
    this.handlers.get(name)?.delete(fn);
    return this;
  }

  listenerCount(name: string): number {
    return this.handlers.get(name)?.size ?? 0;
  }

  private fire(name: string, ...args: unknown[]): void {
    for (const fn of [...(this.handlers.get(name) ?? [])]) fn(...args);
  }

  connect(): void {
    this.connected = true;
    this.active = true;
    this.fire('connect');
  }

  drop(reason = 'transport close'): void {
    this.connected = false;
    this.fire('disconnect', reason);
  }

  serverDisconnect(): void {
    this.connected = false;
    this.active = false;
    this.fire('disconnect', 'io server disconnect');
  }

  /** The hub emitting `event` to this client. */
  push(event: HubEvent): void {
    this.fire('event', event);
  }

  asSocket(): Socket<ConsoleServerToClient, ConsoleClientToServer> {
    return this as unknown as Socket<ConsoleServerToClient, ConsoleClientToServer>;
  }
}

function report(n: number): Report {
  const at = new Date(Date.UTC(2025, 0, 1, 8, 0, n)).toISOString();
  return {
    id: `r${n}`,
    number: `M-${String(n).padStart(6, '0')}`,
    category: 'afval',
    lat: 52.07,
    lng: 4.3,
    address: null,
    description: `melding ${n}`,
    source: 'phone',
    priority: 'normal',
    status: 'new',
    outcome: null,
    hasReporter: false,
    reporterCount: 0,
    followUpDate: null,
    slaDeadline: null,
    delivery: 'none',
    createdAt: at,
    updatedAt: at,
    version: n,
  };
}

function ev(seq: number): HubEvent {
  return {
    seq,
    at: new Date(Date.UTC(2025, 0, 1, 8, 0, seq)).toISOString(),
    actorId: null,
    type: 'report.created',
    report: report(seq),
  };
}

interface Deferred {
  resolve: () => void;
  promise: Promise<void>;
}
function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { resolve, promise };
}

/** The hub's event log behind `GET /api/events?after=N&limit=pageSize`. */
class FakeLog {
  events: HubEvent[] = [];
  calls: number[] = [];
  inFlight = 0;
  maxInFlight = 0;
  failNext = 0;
  /** When set, each fetch waits for it before answering. */
  gate: Deferred | undefined;

  constructor(readonly pageSize = 1000) {}

  append(count: number): HubEvent[] {
    const added: HubEvent[] = [];
    for (let i = 0; i < count; i++) {
      const e = ev(this.events.length + 1);
      this.events.push(e);
      added.push(e);
    }
    return added;
  }

  readonly fetch = async (after: number): Promise<EventsPage> => {
    this.calls.push(after);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await Promise.resolve();
      if (this.gate) await this.gate.promise;
      if (this.failNext > 0) {
        this.failNext--;
        throw new Error('hub unreachable');
      }
      const rest = this.events.filter((e) => e.seq > after);
      const page = rest.slice(0, this.pageSize);
      return { events: page, latestSeq: this.events.length, hasMore: rest.length > page.length };
    } finally {
      this.inFlight--;
    }
  };
}

function setup(opts: { pageSize?: number; startSeq?: number; connected?: boolean } = {}) {
  const socket = new FakeSocket();
  const log = new FakeLog(opts.pageSize);
  const applied: number[] = [];
  const states: ConnectionState[] = [];
  const errors: unknown[] = [];
  if (opts.connected) socket.connected = true;
  const stream = new EventStream({
    socket: socket.asSocket(),
    fetchEvents: log.fetch,
    onEvent: (e) => applied.push(e.seq),
    onState: (s) => states.push(s),
    onError: (e) => errors.push(e),
    retryDelayMs: 5,
    maxRetryDelayMs: 20,
  });
  return { socket, log, applied, states, errors, stream };
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i++) out.push(i);
  return out;
}

describe('EventStream', () => {
  it('applies live events in order and reports connecting → catching_up → online', async () => {
    const { socket, log, applied, states, stream } = setup();
    log.append(3); // seq 1..3 are in the snapshot
    stream.start(3);
    expect(states).toEqual(['connecting']);
    socket.connect();
    await stream.whenIdle();
    expect(states).toEqual(['connecting', 'catching_up', 'online']);
    expect(log.calls).toEqual([3]);
    for (const e of log.append(3)) socket.push(e);
    await stream.whenIdle();
    expect(applied).toEqual([4, 5, 6]);
    expect(stream.lastSeq).toBe(6);
    expect(log.calls).toEqual([3]); // no extra fetch for in-order events
  });

  it('catches up on the first connect: events committed between snapshot and join are not lost', async () => {
    const { socket, log, applied, stream } = setup();
    log.append(2);
    stream.start(1); // snapshot at seq 1, event 2 happened before the socket joined
    socket.connect();
    await stream.whenIdle();
    expect(applied).toEqual([2]);
  });

  it('ignores duplicates and events at or below the start seq', async () => {
    const { socket, log, applied, stream } = setup({ connected: true });
    log.append(5);
    stream.start(5);
    await stream.whenIdle();
    socket.push(ev(3));
    socket.push(ev(5));
    const [six] = log.append(1);
    socket.push(six!);
    socket.push(six!);
    socket.push(ev(4));
    socket.push(six!);
    await stream.whenIdle();
    expect(applied).toEqual([6]);
  });

  it('buffers a gap, fetches the missing events page by page, then drains the buffer', async () => {
    const { socket, log, applied, stream } = setup({ pageSize: 2, connected: true });
    stream.start(0);
    await stream.whenIdle();
    const events = log.append(7);
    socket.push(events[0]!); // 1: in order
    // 2..6 lost on the wire; 7 arrives: gap
    socket.push(events[6]!);
    await stream.whenIdle();
    expect(applied).toEqual(range(1, 7));
    // after the initial connect fetch (after=0): after=1, after=3, after=5 (hasMore=false at 7)
    expect(log.calls).toEqual([0, 1, 3, 5]);
  });

  it('buffers live events that arrive while a catch-up is running and applies each once', async () => {
    const { socket, log, applied, stream } = setup({ connected: true });
    stream.start(0);
    await stream.whenIdle();
    const events = log.append(6);
    log.gate = deferred();
    socket.push(events[2]!); // gap: 1,2 missing → fetch starts (held by the gate)
    socket.push(events[3]!); // arrives during catch-up
    socket.push(events[0]!); // late duplicate-to-be
    socket.push(events[5]!);
    socket.push(events[4]!);
    log.gate.resolve();
    log.gate = undefined;
    await stream.whenIdle();
    expect(applied).toEqual(range(1, 6));
    expect(log.maxInFlight).toBe(1);
  });

  it('on reconnect shows reconnecting, then catching_up, fetches after lastSeq, then online', async () => {
    const { socket, log, applied, states, stream } = setup();
    stream.start(0);
    socket.connect();
    await stream.whenIdle();
    for (const e of log.append(2)) socket.push(e);
    socket.drop();
    expect(states.at(-1)).toBe('reconnecting');
    log.append(3); // created while this client was away: 3, 4, 5
    socket.connect();
    expect(states.at(-1)).toBe('catching_up');
    await stream.whenIdle();
    expect(states).toEqual(['connecting', 'catching_up', 'online', 'reconnecting', 'catching_up', 'online']);
    expect(log.calls).toEqual([0, 2]);
    expect(applied).toEqual([1, 2, 3, 4, 5]);
  });

  it('goes offline when the server disconnects for good', async () => {
    const { socket, states, stream } = setup();
    stream.start(0);
    socket.connect();
    await stream.whenIdle();
    socket.serverDisconnect();
    expect(states.at(-1)).toBe('offline');
  });

  it('runs only one catch-up at a time; a reconnect during a catch-up triggers one more round', async () => {
    const { socket, log, applied, stream } = setup({ connected: true });
    stream.start(0);
    await stream.whenIdle();
    log.append(2);
    log.gate = deferred();
    socket.push(ev(2)); // gap → catch-up #1 (held)
    socket.drop();
    log.append(2); // 3, 4 while away
    socket.connect(); // must not start a second concurrent fetch
    expect(log.maxInFlight).toBe(1);
    log.gate.resolve();
    log.gate = undefined;
    await stream.whenIdle();
    expect(applied).toEqual([1, 2, 3, 4]);
    expect(log.maxInFlight).toBe(1);
  });

  it('retries a failed fetch and keeps buffering meanwhile', async () => {
    const { socket, log, applied, errors, states, stream } = setup({ connected: true });
    stream.start(0);
    await stream.whenIdle();
    const events = log.append(4);
    log.failNext = 2;
    socket.push(events[1]!); // gap → fetch fails twice, then succeeds
    socket.push(events[3]!);
    await stream.whenIdle();
    expect(errors).toHaveLength(2);
    expect(applied).toEqual([1, 2, 3, 4]);
    expect(states.at(-1)).toBe('online');
  });

  it('never applies an event twice under random loss, duplication, reordering and reconnects', async () => {
    let seed = 42;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    for (let round = 0; round < 20; round++) {
      const { socket, log, applied, stream } = setup({ pageSize: 1 + Math.floor(rnd() * 7) });
      const start = Math.floor(rnd() * 5);
      log.append(start);
      stream.start(start);
      socket.connect();
      const pending: HubEvent[] = [];
      for (let step = 0; step < 150; step++) {
        const r = rnd();
        if (r < 0.5) {
          const [e] = log.append(1);
          if (socket.connected && rnd() > 0.2) pending.push(e!); // 20% lost on the wire
        } else if (r < 0.8 && pending.length > 0) {
          // deliver a random pending event, sometimes twice
          const i = Math.floor(rnd() * Math.min(pending.length, 3));
          const [e] = pending.splice(i, 1);
          socket.push(e!);
          if (rnd() < 0.2) pending.push(e!);
        } else if (r < 0.85 && socket.connected) {
          socket.drop();
          pending.length = 0;
        } else if (r < 0.9 && !socket.connected) {
          socket.connect();
        } else {
          await Promise.resolve();
        }
      }
      if (!socket.connected) socket.connect();
      for (const e of pending) socket.push(e);
      await stream.whenIdle();
      expect(applied).toEqual(range(start + 1, log.events.length));
      expect(stream.lastSeq).toBe(log.events.length);
      expect(log.maxInFlight).toBe(1);
    }
  });

  it('stop() detaches from the socket and applies nothing more', async () => {
    const { socket, log, applied, stream } = setup({ connected: true });
    stream.start(0);
    await stream.whenIdle();
    stream.stop();
    expect(socket.listenerCount('event')).toBe(0);
    expect(socket.listenerCount('connect')).toBe(0);
    for (const e of log.append(2)) socket.push(e);
    socket.drop();
    socket.connect();
    await stream.whenIdle();
    expect(applied).toEqual([]);
  });
});

describe('applying events to the open-reports snapshot', () => {
  const updated = (n: number, seq: number, patch: Partial<Report>): HubEvent => ({
    seq,
    at: new Date().toISOString(),
    actorId: null,
    type: 'report.updated',
    report: { ...report(n), ...patch, version: seq },
  });

  it('upserts by id and moves the snapshot seq on', () => {
    const snap = { reports: [report(1), report(2)], seq: 2 };
    const next = applyEventToSnapshot(snap, ev(3));
    expect(next?.reports.map((r) => r.id)).toEqual(['r1', 'r2', 'r3']);
    expect(next?.seq).toBe(3);
    const again = applyEventToSnapshot(next, updated(2, 4, { priority: 'urgent' }));
    expect(again?.reports.find((r) => r.id === 'r2')?.priority).toBe('urgent');
    expect(again?.reports).toHaveLength(3);
  });

  it('skips events already in the snapshot and stale report versions', () => {
    const snap = { reports: [{ ...report(1), version: 9, priority: 'high' as const }], seq: 9 };
    expect(applyEventToSnapshot(snap, updated(1, 5, { priority: 'low' }))).toBe(snap);
    const stale = { ...report(1), version: 3, priority: 'low' as const };
    expect(upsertOpenReport(snap.reports, stale)).toBe(snap.reports);
  });

  it('drops a report that is no longer open', () => {
    const snap = { reports: [report(1), report(2)], seq: 2 };
    const next = applyEventToSnapshot(snap, updated(1, 3, { status: 'closed', outcome: 'resolved' }));
    expect(next?.reports.map((r) => r.id)).toEqual(['r2']);
    // a closed report that was never shown is not added
    expect(applyEventToSnapshot(next, updated(7, 4, { status: 'closed' }))?.reports.map((r) => r.id)).toEqual(['r2']);
  });
});
