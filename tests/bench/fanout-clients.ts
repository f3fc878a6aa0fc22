/**
 * The client side of the fan-out bench, in its own process (forked by fanout.ts) so the server under test keeps
 * its own event loop. The writer and every receiving console live here, so send and arrival times come from one
 * clock (performance.now()).
 *
 * mode 'hub': the writer POSTs /api/reports (keep-alive, open loop); 50 Socket.IO consoles receive the `event`
 *   messages. 500 field units connect to the hub's /field namespace, each with its own field user and unit, and send
 *   a moving position fix every 5 s. They speak the Socket.IO v4 wire protocol on raw `ws` (connect, pong, emit), the
 *   same frames socket.io-client sends, at a fraction of its client-side CPU.
 * mode 'ws': the baseline. The writer sends the same event JSON over a bare `ws` connection; the server relays it to
 *   the 50 receivers (which JSON.parse it); 500 more connections send the same fixes, which the server ignores.
 */
import http from 'node:http';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';

export interface SetupMessage {
  type: 'setup';
  mode: 'hub' | 'ws';
  url: string;
  consoles: number;
  field: number;
  /** hub mode */
  writerToken?: string;
  consoleToken?: string;
  /** one session per field unit */
  fieldTokens?: string[];
  /** ws mode: the event to relay (a real report.created event from the hub run), description replaced per message */
  template?: string;
}

export interface PhaseMessage {
  type: 'phase';
  name: string;
  rate: number;
  durationMs: number;
}

/** Starts or stops the fleet's fixes (the connections stay). */
export interface FieldMessage {
  type: 'field';
  on: boolean;
}

export type ToClients = SetupMessage | PhaseMessage | FieldMessage | { type: 'close' };

export interface PhaseResult {
  name: string;
  rate: number;
  sent: number;
  achievedRate: number;
  /** per report: max over consoles of (arrival - send), ms; only reports every console received */
  latencies: number[];
  /** per report: min over consoles, ms */
  firstArrival: number[];
  /** hub mode: HTTP response time of the create call, ms */
  acks: number[];
  writeErrors: number;
  lost: number;
  duplicated: number;
  /** hub mode: events whose seq was not last seq + 1 on some console */
  seqGaps: number;
  consolesWithLoss: number;
  clientCpuPct: number;
  eventBytes: number;
  sampleEvent?: string;
}

export type FromClients =
  | { type: 'ready'; connected: number; fieldConnected: number; setupMs: number }
  | { type: 'phaseDone'; result: PhaseResult }
  | { type: 'fieldSet'; on: boolean }
  | { type: 'error'; message: string };

interface Receiver {
  arrivals: Map<string, number>;
  duplicated: number;
  lastSeq: number;
  seqGaps: number;
}

const FIX_INTERVAL_MS = 5000;
const BENCH_PREFIX = '[bench ';

/** "[bench <key>] rest" → key */
function keyOf(description: unknown): string | undefined {
  if (typeof description !== 'string' || !description.startsWith(BENCH_PREFIX)) return undefined;
  const end = description.indexOf(']');
  return end > 0 ? description.slice(BENCH_PREFIX.length, end) : undefined;
}

const description = (key: string) => `${BENCH_PREFIX}${key}] Boomtak hangt laag over de stoep bij de bushalte`;

function send(message: FromClients): void {
  process.send?.(message);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

class Clients {
  readonly receivers: Receiver[] = [];
  private readonly sockets: Socket[] = [];
  private readonly raw: WebSocket[] = [];
  private fixTimers: NodeJS.Timeout[] = [];
  /** Each connected field unit's way of sending a fix, by its index. */
  private readonly fleet = new Map<number, (fix: string) => void>();
  private fixesOn = true;
  private writerWs: WebSocket | undefined;
  private agent: http.Agent | undefined;
  private template: { report: { description: string } } | undefined;
  private eventBytes = 0;
  private lastArrival = 0;
  private sampleEvent: string | undefined;
  fieldConnected = 0;

  constructor(private readonly setup: SetupMessage) {}

  async connect(): Promise<void> {
    const { setup } = this;
    const connecting: Promise<void>[] = [];
    for (let i = 0; i < setup.consoles; i++) connecting.push(setup.mode === 'hub' ? this.hubConsole(i) : this.wsConsole());
    await Promise.all(connecting);
    // The fleet connects in batches, as a real one would not all arrive in the same millisecond.
    for (let i = 0; i < setup.field; i += 50) {
      const batch: Promise<void>[] = [];
      for (let j = i; j < Math.min(setup.field, i + 50); j++) batch.push(setup.mode === 'hub' ? this.hubField(j) : this.wsField(j));
      await Promise.all(batch);
    }
    if (setup.mode === 'hub') {
      this.agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
    } else {
      if (!setup.template) throw new Error('ws mode needs a template event');
      this.template = JSON.parse(setup.template) as { report: { description: string } };
      this.eventBytes = Buffer.byteLength(setup.template);
      this.writerWs = await this.open(`${setup.url}/writer`);
    }
  }

  private open(url: string): Promise<WebSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { perMessageDeflate: false, skipUTF8Validation: true });
      this.raw.push(ws);
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    });
  }

  private receiver(): Receiver {
    const r: Receiver = { arrivals: new Map(), duplicated: 0, lastSeq: 0, seqGaps: 0 };
    this.receivers.push(r);
    return r;
  }

  private arrive(r: Receiver, key: string | undefined, at: number): void {
    if (key === undefined) return;
    this.lastArrival = at;
    if (r.arrivals.has(key)) r.duplicated += 1;
    else r.arrivals.set(key, at);
  }

  private hubConsole(index: number): Promise<void> {
    const r = this.receiver();
    const socket = io(`${this.setup.url}/console`, {
      auth: { token: this.setup.consoleToken },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    this.sockets.push(socket);
    socket.on('event', (event: { seq: number; report?: { description?: string } }) => {
      const at = performance.now();
      if (r.lastSeq !== 0 && event.seq !== r.lastSeq + 1) r.seqGaps += 1;
      r.lastSeq = event.seq;
      const key = keyOf(event.report?.description);
      if (index === 0 && key !== undefined) {
        // One console measures the event's size (Socket.IO does not hand us the raw frame) and keeps a sample.
        const text = JSON.stringify(event);
        this.eventBytes = Buffer.byteLength(text);
        this.sampleEvent ??= text;
      }
      this.arrive(r, key, at);
    });
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (err) => reject(new Error(`console ${index}: ${err.message}`)));
    });
  }

  /** A minimal Socket.IO v4 field client on raw ws: namespace connect with its token, pong, a fix every 5 s. */
  private hubField(index: number): Promise<void> {
    const url = `${this.setup.url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
    const token = this.setup.fieldTokens?.[index];
    if (!token) return Promise.reject(new Error(`no session for field unit ${index}`));
    const ws = new WebSocket(url, { perMessageDeflate: false, skipUTF8Validation: true });
    this.raw.push(ws);
    return new Promise((resolve, reject) => {
      ws.on('message', (data: Buffer) => {
        const c0 = data[0];
        if (c0 === 0x32 /* '2' ping */) ws.send('3');
        else if (c0 === 0x30 /* '0' open */) ws.send(`40/field,${JSON.stringify({ token })}`);
        else if (c0 === 0x34 && data[1] === 0x30 /* '40' namespace connected */) {
          this.fieldConnected += 1;
          this.startFixes(index, (fix) => ws.send(`42/field,["position",${fix}]`));
          resolve();
        } else if (c0 === 0x34 && data[1] === 0x34 /* '44' connect error */) reject(new Error(`field ${index}: ${data.toString()}`));
      });
      ws.once('error', reject);
    });
  }

  private async wsConsole(): Promise<void> {
    const r = this.receiver();
    const ws = await this.open(`${this.setup.url}/console`);
    ws.on('message', (data: Buffer) => {
      const at = performance.now();
      const event = JSON.parse(data.toString('utf8')) as { report?: { description?: string } };
      this.arrive(r, keyOf(event.report?.description), at);
    });
  }

  private async wsField(index: number): Promise<void> {
    const ws = await this.open(`${this.setup.url}/field`);
    this.fieldConnected += 1;
    this.startFixes(index, (fix) => ws.send(fix));
  }

  /** Stops or starts every unit's fixes; started again, the fleet sends 100 fixes/s at once (spread as at setup). */
  setField(on: boolean): void {
    for (const t of this.fixTimers) clearTimeout(t);
    this.fixTimers = [];
    this.fixesOn = on;
    if (on) for (const [index, sendFix] of this.fleet) this.startFixes(index, sendFix);
  }

  /** One fix every 5 s, the fleet's fixes spread evenly over the period; each unit moves about 25 m per fix. */
  private startFixes(index: number, sendFix: (fix: string) => void): void {
    this.fleet.set(index, sendFix);
    if (!this.fixesOn) return;
    let lat = 52.04 + ((index * 37) % 70) / 1000;
    let lng = 4.22 + ((index * 53) % 160) / 1000;
    let heading = (index * 47) % 360;
    const fix = () => {
      heading = (heading + 30 * (Math.random() - 0.5) + 360) % 360;
      lat += (25 / 111_000) * Math.cos((heading * Math.PI) / 180);
      lng += (25 / 68_500) * Math.sin((heading * Math.PI) / 180);
      const at = new Date().toISOString();
      sendFix(JSON.stringify({ lat, lng, accuracy: 8, heading: Math.round(heading), at }));
    };
    const first = setTimeout(
      () => {
        fix();
        this.fixTimers.push(setInterval(fix, FIX_INTERVAL_MS));
      },
      (index * FIX_INTERVAL_MS) / Math.max(1, this.setup.field),
    );
    this.fixTimers.push(first);
  }

  private write(key: string, acks: number[], onError: () => void): void {
    const sentAt = performance.now();
    if (this.setup.mode === 'ws') {
      const t = this.template!;
      t.report.description = description(key);
      this.writerWs!.send(JSON.stringify(t));
      return;
    }
    const body = JSON.stringify({
      category: 'groen',
      location: { lat: 52.0799, lng: 4.3113 },
      address: 'Lange Voorhout 34',
      description: description(key),
      source: 'phone',
      priority: 'normal',
    });
    const url = new URL(this.setup.url);
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: '/api/reports',
        agent: this.agent,
        headers: {
          authorization: `Bearer ${this.setup.writerToken}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          acks.push(performance.now() - sentAt);
          if (res.statusCode !== 201) onError();
        });
      },
    );
    req.on('error', onError);
    req.end(body);
  }

  async phase({ name, rate, durationMs }: PhaseMessage): Promise<PhaseResult> {
    for (const r of this.receivers) {
      r.arrivals.clear();
      r.duplicated = 0;
      r.seqGaps = 0;
    }
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    const count = Math.max(1, Math.round((rate * durationMs) / 1000));
    const interval = 1000 / rate;
    const sent = new Map<string, number>();
    const acks: number[] = [];
    let writeErrors = 0;
    const start = performance.now() + 5;
    // Open loop: each create is sent on its schedule, whether or not earlier ones have been answered.
    for (let i = 0; i < count; i++) {
      const wait = start + i * interval - performance.now();
      if (wait >= 1) await sleep(Math.floor(wait));
      const key = `${name}-${i}`;
      sent.set(key, performance.now());
      this.write(key, acks, () => {
        writeErrors += 1;
      });
    }
    const lastSend = performance.now();
    const firstSend = sent.values().next().value ?? lastSend;
    // Drain: until every console has every report. An overloaded server may still be delivering a backlog, so only
    // give up after 3 s without any arrival (at most 30 s): what has not arrived by then counts as lost.
    const deadline = performance.now() + 30_000;
    const complete = () => this.receivers.every((r) => r.arrivals.size >= count);
    while (!complete() && performance.now() < deadline && performance.now() - Math.max(this.lastArrival, lastSend) < 3_000) {
      await sleep(20);
    }
    if (this.setup.mode === 'hub') {
      const ackDeadline = performance.now() + 5_000;
      while (acks.length + writeErrors < count && performance.now() < ackDeadline) await sleep(20);
    }

    const latencies: number[] = [];
    const firstArrival: number[] = [];
    for (const [key, sentAt] of sent) {
      let worst = 0;
      let best = Number.POSITIVE_INFINITY;
      let everywhere = true;
      for (const r of this.receivers) {
        const at = r.arrivals.get(key);
        if (at === undefined) {
          everywhere = false;
          continue;
        }
        worst = Math.max(worst, at - sentAt);
        best = Math.min(best, at - sentAt);
      }
      if (everywhere) latencies.push(worst);
      if (Number.isFinite(best)) firstArrival.push(best);
    }
    let lost = 0;
    let duplicated = 0;
    let seqGaps = 0;
    let consolesWithLoss = 0;
    for (const r of this.receivers) {
      let missing = 0;
      for (const key of sent.keys()) if (!r.arrivals.has(key)) missing += 1;
      lost += missing;
      if (missing > 0) consolesWithLoss += 1;
      duplicated += r.duplicated;
      seqGaps += r.seqGaps;
    }
    const cpu = process.cpuUsage(cpu0);
    const wall = performance.now() - wall0;
    return {
      name,
      rate,
      sent: count,
      achievedRate: count > 1 ? ((count - 1) / (lastSend - firstSend)) * 1000 : rate,
      latencies,
      firstArrival,
      acks,
      writeErrors,
      lost,
      duplicated,
      seqGaps,
      consolesWithLoss,
      clientCpuPct: ((cpu.user + cpu.system) / 1000 / wall) * 100,
      eventBytes: this.eventBytes,
      ...(this.sampleEvent ? { sampleEvent: this.sampleEvent } : {}),
    };
  }

  close(): void {
    this.setField(false);
    for (const s of this.sockets) s.disconnect();
    for (const ws of this.raw) ws.terminate();
    this.agent?.destroy();
  }
}

let clients: Clients | undefined;

process.on('message', (message: ToClients) => {
  void (async () => {
    try {
      if (message.type === 'setup') {
        const t0 = performance.now();
        clients = new Clients(message);
        await clients.connect();
        send({
          type: 'ready',
          connected: clients.receivers.length,
          fieldConnected: clients.fieldConnected,
          setupMs: performance.now() - t0,
        });
      } else if (message.type === 'phase') {
        if (!clients) throw new Error('phase before setup');
        send({ type: 'phaseDone', result: await clients.phase(message) });
      } else if (message.type === 'field') {
        if (!clients) throw new Error('field before setup');
        clients.setField(message.on);
        send({ type: 'fieldSet', on: message.on });
      } else if (message.type === 'close') {
        clients?.close();
        process.disconnect?.();
        setTimeout(() => process.exit(0), 200).unref();
      }
    } catch (err) {
      send({ type: 'error', message: (err as Error).stack ?? String(err) });
    }
  })();
});

process.on('disconnect', () => {
  clients?.close();
  setTimeout(() => process.exit(0), 200).unref();
});
