/**
 * The client side of the AVL bench (avl.ts) and the unit movement of the map bench (map-render.ts), in a child
 * process of its own so client work does not share the server's event loop or its CPU figure.
 *
 * Field units are socket.io-client connections on `/field` (`connectField` from tests/support, the options the field
 * client uses); each sends one `position` fix per interval, staggered over the interval, moving ~25 m per fix inside
 * the Den Haag box. Consoles are socket.io-client connections on `/console` with the options `connectConsole` uses.
 * Every fix is keyed by unit and `at` (ms precision, unique per unit), so arrival at each console can be matched to
 * its send time (both taken here, with performance.now()).
 *
 * IPC: setup → ready; start → started (sending begins); mark → marked (fixes sent from now on are measured);
 * stop → result (sending stops; the result comes after `drainMs`); close.
 */
import { io, type Socket } from 'socket.io-client';
import { CONSOLE_NAMESPACE, type ConsoleClientToServer, type ConsoleServerToClient, type UnitFix } from '../../server/protocol/socket';
import { connectField, type FieldClient } from '../support/field-units';
import { DEN_HAAG, prng } from './support';

export interface FieldLogin {
  unitId: string;
  token: string;
}

export type ToAvlClients =
  | { type: 'setup'; url: string; consoles: number; consoleToken?: string; field: FieldLogin[] }
  | { type: 'start'; intervalMs: number }
  | { type: 'mark' }
  | { type: 'stop'; drainMs: number }
  | { type: 'close' };

export interface AvlResult {
  /** Fixes sent between mark and stop. */
  sent: number;
  consoles: number;
  /** Per fix that reached every console: send → arrival at the last of them (ms). */
  toAll: number[];
  /** Per fix that reached every console: first → last console arrival (ms): the fan-out spread. */
  spread: number[];
  /** Per delivery (fix × console): send → arrival (ms). */
  perDelivery: number[];
  delivered: number;
  /** Deliveries (fix × console) never seen and not superseded. */
  lostDeliveries: number;
  /** Fixes that missed at least one console (and were not superseded there). */
  lostFixes: number;
  /** Deliveries replaced by a newer fix of the same unit sent less than a broadcast interval later. */
  superseded: number;
  duplicates: number;
  /** `units:positions` messages per console per second, and fixes per message. */
  messagesPerConsolePerSecond: number;
  fixesPerMessage: number;
  sendErrors: number;
  windowMs: number;
  clientCpuPct: number;
}

export type FromAvlClients =
  | { type: 'ready'; setupMs: number; consoles: number; field: number }
  | { type: 'started' }
  | { type: 'marked' }
  | { type: 'result'; result: AvlResult }
  | { type: 'error'; message: string };

type ConsoleSocket = Socket<ConsoleServerToClient, ConsoleClientToServer>;

/** The hub's broadcast interval: two fixes of one unit closer together than this may share a batch. */
const SUPERSEDE_WINDOW_MS = 1000;
const METERS_PER_FIX = 25;

interface Sent {
  sendT: number;
  /** Per console: arrival time, or NaN. */
  arrivals: Float64Array;
  seen: number;
}

interface Mover {
  login: FieldLogin;
  socket: FieldClient;
  lat: number;
  lng: number;
  heading: number;
  nextDue: number;
  /** Fixes sent in the window, in order (to find the next one when judging a missing fix). */
  sent: Sent[];
}

const send = (message: FromAvlClients) => process.send?.(message);

let consoles: ConsoleSocket[] = [];
let movers: Mover[] = [];
const byKey = new Map<string, Sent>();
let measuring = false;
let markedAt = 0;
let stoppedAt = 0;
let cpuAtMark = process.cpuUsage();
let timer: NodeJS.Timeout | undefined;
let messages = 0;
let fixesInMessages = 0;
let duplicates = 0;
let sendErrors = 0;

function waitConnected(socket: { connected: boolean; once(ev: string, fn: (...a: unknown[]) => void): unknown }, what: string): Promise<void> {
  if (socket.connected) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what}: no connection within 30 s`)), 30_000);
    socket.once('connect', () => {
      clearTimeout(t);
      resolve();
    });
    socket.once('connect_error', (err) => {
      clearTimeout(t);
      reject(err instanceof Error ? err : new Error(String(err)));
    });
  });
}

function connectConsole(url: string, token: string | undefined, index: number): ConsoleSocket {
  const socket: ConsoleSocket = io(`${url}${CONSOLE_NAMESPACE}`, {
    auth: token ? { token } : {},
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 50,
    reconnectionDelayMax: 200,
  });
  socket.on('units:positions', (fixes: UnitFix[]) => {
    const now = performance.now();
    if (measuring) {
      messages++;
      fixesInMessages += fixes.length;
    } else if (stoppedAt === 0) return;
    for (const fix of fixes) {
      const sent = byKey.get(`${fix.unitId}|${fix.at}`);
      if (!sent) continue;
      if (!Number.isNaN(sent.arrivals[index]!)) {
        duplicates++;
        continue;
      }
      sent.arrivals[index] = now;
      sent.seen++;
    }
  });
  return socket;
}

async function setup(m: Extract<ToAvlClients, { type: 'setup' }>): Promise<void> {
  const t0 = performance.now();
  const random = prng(4242);
  consoles = [];
  for (let i = 0; i < m.consoles; i++) consoles.push(connectConsole(m.url, m.consoleToken, i));
  await Promise.all(consoles.map((c, i) => waitConnected(c, `console ${i}`)));
  movers = [];
  // Connect the field in slices: 500 handshakes at once would only measure the hub's accept queue.
  for (let i = 0; i < m.field.length; i += 50) {
    const slice = m.field.slice(i, i + 50).map((login) => {
      const socket = connectField(m.url, login.token);
      const mover: Mover = {
        login,
        socket,
        lat: DEN_HAAG.latMin + random() * (DEN_HAAG.latMax - DEN_HAAG.latMin),
        lng: DEN_HAAG.lngMin + random() * (DEN_HAAG.lngMax - DEN_HAAG.lngMin),
        heading: random() * 360,
        nextDue: 0,
        sent: [],
      };
      return mover;
    });
    await Promise.all(slice.map((mv, j) => waitConnected(mv.socket, `field ${i + j}`)));
    movers.push(...slice);
  }
  send({ type: 'ready', setupMs: performance.now() - t0, consoles: consoles.length, field: movers.length });
}

function move(mv: Mover, random: () => number): void {
  mv.heading = (mv.heading + (random() - 0.5) * 60 + 360) % 360;
  const rad = (mv.heading * Math.PI) / 180;
  const dLat = (METERS_PER_FIX * Math.cos(rad)) / 111_320;
  const dLng = (METERS_PER_FIX * Math.sin(rad)) / (111_320 * Math.cos((mv.lat * Math.PI) / 180));
  let lat = mv.lat + dLat;
  let lng = mv.lng + dLng;
  // Turn around at the edge of the box.
  if (lat < DEN_HAAG.latMin || lat > DEN_HAAG.latMax || lng < DEN_HAAG.lngMin || lng > DEN_HAAG.lngMax) {
    mv.heading = (mv.heading + 180) % 360;
    lat = mv.lat - dLat;
    lng = mv.lng - dLng;
  }
  mv.lat = lat;
  mv.lng = lng;
}

function start(intervalMs: number): void {
  const random = prng(99);
  const t0 = performance.now();
  movers.forEach((mv, i) => {
    mv.nextDue = t0 + (i * intervalMs) / movers.length;
  });
  let lastAt = '';
  timer = setInterval(() => {
    const now = performance.now();
    for (const mv of movers) {
      if (now < mv.nextDue) continue;
      mv.nextDue += intervalMs;
      move(mv, random);
      let at = new Date().toISOString();
      // Unique per unit anyway (one fix per interval); unique overall keeps the key map simple.
      if (at === lastAt) at = new Date(Date.parse(at) + 1).toISOString();
      lastAt = at;
      const fix = {
        lat: Math.round(mv.lat * 1e6) / 1e6,
        lng: Math.round(mv.lng * 1e6) / 1e6,
        accuracy: 5 + Math.round(random() * 10),
        heading: Math.round(mv.heading),
        at,
      };
      if (measuring) {
        const sent: Sent = { sendT: performance.now(), arrivals: new Float64Array(consoles.length).fill(Number.NaN), seen: 0 };
        byKey.set(`${mv.login.unitId}|${at}`, sent);
        mv.sent.push(sent);
      }
      try {
        mv.socket.emit('position', fix);
      } catch {
        sendErrors++;
      }
    }
  }, 10);
  send({ type: 'started' });
}

function mark(): void {
  byKey.clear();
  for (const mv of movers) mv.sent = [];
  messages = 0;
  fixesInMessages = 0;
  duplicates = 0;
  sendErrors = 0;
  stoppedAt = 0;
  measuring = true;
  markedAt = performance.now();
  cpuAtMark = process.cpuUsage();
  send({ type: 'marked' });
}

async function stop(drainMs: number): Promise<void> {
  if (timer) clearInterval(timer);
  timer = undefined;
  measuring = false;
  stoppedAt = performance.now();
  const windowMs = stoppedAt - markedAt;
  await new Promise((r) => setTimeout(r, drainMs));
  const used = process.cpuUsage(cpuAtMark);
  const elapsed = performance.now() - markedAt;
  stoppedAt = 0;
  const n = consoles.length;
  const result: AvlResult = {
    sent: byKey.size,
    consoles: n,
    toAll: [],
    spread: [],
    perDelivery: [],
    delivered: 0,
    lostDeliveries: 0,
    lostFixes: 0,
    superseded: 0,
    duplicates,
    messagesPerConsolePerSecond: n > 0 ? (messages / n / windowMs) * 1000 : 0,
    fixesPerMessage: messages > 0 ? fixesInMessages / messages : 0,
    sendErrors,
    windowMs,
    clientCpuPct: ((used.user + used.system) / 1000 / elapsed) * 100,
  };
  for (const mv of movers) {
    mv.sent.forEach((s, k) => {
      const next = mv.sent[k + 1];
      let first = Number.POSITIVE_INFINITY;
      let last = Number.NEGATIVE_INFINITY;
      let missed = 0;
      for (let c = 0; c < n; c++) {
        const at = s.arrivals[c]!;
        if (Number.isNaN(at)) {
          const replaced = next !== undefined && next.sendT - s.sendT < SUPERSEDE_WINDOW_MS && !Number.isNaN(next.arrivals[c]!);
          if (replaced) result.superseded++;
          else missed++;
          continue;
        }
        result.delivered++;
        result.perDelivery.push(at - s.sendT);
        first = Math.min(first, at);
        last = Math.max(last, at);
      }
      result.lostDeliveries += missed;
      if (missed > 0) result.lostFixes++;
      if (s.seen === n && n > 0) {
        result.toAll.push(last - s.sendT);
        result.spread.push(last - first);
      }
    });
  }
  send({ type: 'result', result });
}

async function close(): Promise<void> {
  if (timer) clearInterval(timer);
  for (const c of consoles) c.disconnect();
  for (const mv of movers) mv.socket.disconnect();
  setTimeout(() => process.exit(0), 100);
}

process.on('message', (m: ToAvlClients) => {
  const run = async () => {
    if (m.type === 'setup') await setup(m);
    else if (m.type === 'start') start(m.intervalMs);
    else if (m.type === 'mark') mark();
    else if (m.type === 'stop') await stop(m.drainMs);
    else if (m.type === 'close') await close();
  };
  run().catch((err: unknown) => send({ type: 'error', message: (err as Error).stack ?? String(err) }));
});
process.on('disconnect', () => process.exit(0));
