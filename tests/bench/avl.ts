/**
 * Live positions (AVL): 500 field units at one fix per 5 s (staggered) and 50 consoles against a real hub in this
 * process; latency from a fix's send time to its arrival at the consoles, fixes lost, the hub's CPU and event-loop
 * delay. Baseline: a bare Socket.IO server (no auth, no store, no validation, no batching) that relays each fix at
 * once to the same 50 consoles, with the same clients. The clients run in a child process (avl-clients.ts).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { type IntervalHistogram, monitorEventLoopDelay, performance as perf } from 'node:perf_hooks';
import { Server } from 'socket.io';
import { CONSOLE_NAMESPACE, FIELD_NAMESPACE, type UnitFix } from '../../server/protocol/socket';
import { createFieldUnits } from '../support/field-units';
import type { AvlResult, FieldLogin } from './avl-clients';
import { AvlClients } from './avl-process';
import {
  type BenchHub,
  type BenchSection,
  cpuSince,
  cpuSnapshot,
  int,
  JsonClient,
  ms,
  QUICK,
  ratio,
  say,
  sleep,
  startBenchHub,
  summarize,
  table,
} from './support';

const UNITS = 500;
const CONSOLES = 50;
const INTERVAL_MS = 5_000;
/** Measured windows per server; the servers take turns. */
const ROUNDS = QUICK ? 1 : 2;
const WINDOW_MS = QUICK ? 15_000 : 30_000;
/** One full fix interval before each window, so every unit is sending when it starts. */
const WARMUP_MS = INTERVAL_MS;
/** After the last send: the hub flushes once a second. */
const DRAIN_MS = 2_000;
/** scrypt logins: as many at once as libuv has threads. */
const LOGIN_CONCURRENCY = 4;

interface Window {
  result: AvlResult;
  cpuMs: number;
  wallMs: number;
  machinePct: number;
  elu: number;
  /** Event-loop delay in this window (ms): a fresh histogram per window, since a re-enabled one counts the pause. */
  eld: { p50: number; p99: number; max: number };
}

interface Target {
  label: string;
  baseline: boolean;
  clients: AvlClients;
  windows: Window[];
  stop(): Promise<void>;
}

async function mapLimit<T, R>(items: T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await run(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

async function connect(label: string, setup: Parameters<AvlClients['setup']>[0]): Promise<AvlClients> {
  const clients = new AvlClients();
  try {
    const ready = await clients.setup(setup);
    say(`${label}: ${ready.consoles} consoles + ${ready.field} field units connected in ${ms(ready.setupMs)} ms`);
    return clients;
  } catch (err) {
    await clients.close();
    throw err;
  }
}

async function hubTarget(): Promise<{ target: Target; logins: FieldLogin[] }> {
  const bench: BenchHub = await startBenchHub('sqlite');
  const api = new JsonClient(bench.url, LOGIN_CONCURRENCY);
  try {
    let t0 = performance.now();
    const units = await createFieldUnits(bench.hub, UNITS);
    say(`hub: ${UNITS} units with field users created in ${ms(performance.now() - t0)} ms`);
    t0 = performance.now();
    const logins = await mapLimit(units, LOGIN_CONCURRENCY, async (u) => ({ unitId: u.unitId, token: (await api.login(u.username, 'veld')).token }));
    say(`hub: ${UNITS} field logins (scrypt, ${LOGIN_CONCURRENCY} at a time) in ${ms(performance.now() - t0)} ms`);
    const dispatcher = await api.login('centralist');
    const clients = await connect('hub (sqlite)', { type: 'setup', url: bench.url, consoles: CONSOLES, consoleToken: dispatcher.token, field: logins });
    return {
      logins,
      target: {
        label: 'hub (sqlite)',
        baseline: false,
        clients,
        windows: [],
        stop: async () => {
          await clients.close();
          await bench.stop();
        },
      },
    };
  } catch (err) {
    await bench.stop();
    throw err;
  } finally {
    api.close();
  }
}

/**
 * The baseline: Socket.IO with the hub's server options, the same namespaces, no auth, no store, no validation. A fix
 * is relayed at once (plain emit, not volatile) as a one-element `units:positions` to every console. The field
 * socket's token only names its unit (a map lookup, not a session check).
 */
async function baselineTarget(logins: FieldLogin[]): Promise<Target> {
  const unitOf = new Map(logins.map((l) => [l.token, l.unitId]));
  const server = http.createServer();
  const io = new Server(server, { serveClient: false, maxHttpBufferSize: 1_000_000, cors: { origin: false } });
  const consoles = io.of(CONSOLE_NAMESPACE);
  io.of(FIELD_NAMESPACE).on('connection', (socket) => {
    const unitId = unitOf.get(String((socket.handshake.auth as { token?: unknown }).token)) ?? socket.id;
    socket.on('position', (fix: Omit<UnitFix, 'unitId'>) => {
      consoles.emit('units:positions', [{ unitId, ...fix }]);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = async () => {
    io.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  try {
    const clients = await connect('bare Socket.IO', { type: 'setup', url, consoles: CONSOLES, consoleToken: 'none', field: logins });
    return {
      label: 'bare Socket.IO relay',
      baseline: true,
      clients,
      windows: [],
      stop: async () => {
        await clients.close();
        await close();
      },
    };
  } catch (err) {
    await close();
    throw err;
  }
}

async function runWindow(t: Target): Promise<Window> {
  await t.clients.start(INTERVAL_MS);
  await sleep(WARMUP_MS);
  await t.clients.mark();
  const cpu = cpuSnapshot();
  const elu = perf.eventLoopUtilization();
  const eld: IntervalHistogram = monitorEventLoopDelay({ resolution: 1 });
  eld.enable();
  await sleep(WINDOW_MS);
  const used = cpuSince(cpu);
  const wallMs = performance.now() - cpu.at;
  const eluUsed = perf.eventLoopUtilization(elu);
  eld.disable();
  const result = await t.clients.stop(DRAIN_MS);
  const w: Window = {
    result,
    cpuMs: (used.processPct / 100) * wallMs,
    wallMs,
    machinePct: used.machinePct,
    elu: eluUsed.utilization,
    eld: { p50: eld.percentile(50) / 1e6, p99: eld.percentile(99) / 1e6, max: eld.max / 1e6 },
  };
  const all = summarize(result.toAll);
  say(
    `${t.label}: ${result.sent} fixes, to all ${CONSOLES} consoles p50 ${ms(all.p50)} / p99 ${ms(all.p99)} / max ${ms(all.max)} ms, ` +
      `lost ${result.lostDeliveries} deliveries (${result.lostFixes} fixes), superseded ${result.superseded}, CPU ${used.processPct.toFixed(0)}%`,
  );
  return w;
}

interface Totals {
  sent: number;
  windowS: number;
  toAll: ReturnType<typeof summarize>;
  perDelivery: ReturnType<typeof summarize>;
  spread: ReturnType<typeof summarize>;
  delivered: number;
  expected: number;
  lostDeliveries: number;
  lostFixes: number;
  superseded: number;
  duplicates: number;
  messagesPerSecond: number;
  fixesPerMessage: number;
  cpuPct: number;
  machinePct: number;
  clientCpuPct: number;
  elu: number;
  eldP50: number;
  eldP99: number;
  eldMax: number;
}

function totals(t: Target): Totals {
  const ws = t.windows;
  const sum = (f: (w: Window) => number) => ws.reduce((a, w) => a + f(w), 0);
  const wall = sum((w) => w.wallMs);
  const weighted = (f: (w: Window) => number) => sum((w) => f(w) * w.wallMs) / wall;
  return {
    sent: sum((w) => w.result.sent),
    windowS: wall / 1000,
    toAll: summarize(ws.flatMap((w) => w.result.toAll)),
    perDelivery: summarize(ws.flatMap((w) => w.result.perDelivery)),
    spread: summarize(ws.flatMap((w) => w.result.spread)),
    delivered: sum((w) => w.result.delivered),
    expected: sum((w) => w.result.sent * w.result.consoles),
    lostDeliveries: sum((w) => w.result.lostDeliveries),
    lostFixes: sum((w) => w.result.lostFixes),
    superseded: sum((w) => w.result.superseded),
    duplicates: sum((w) => w.result.duplicates),
    messagesPerSecond: weighted((w) => w.result.messagesPerConsolePerSecond),
    fixesPerMessage: weighted((w) => w.result.fixesPerMessage),
    cpuPct: (sum((w) => w.cpuMs) / wall) * 100,
    machinePct: weighted((w) => w.machinePct),
    clientCpuPct: weighted((w) => w.result.clientCpuPct),
    elu: weighted((w) => w.elu),
    // Worst window.
    eldP50: Math.max(...ws.map((w) => w.eld.p50)),
    eldP99: Math.max(...ws.map((w) => w.eld.p99)),
    eldMax: Math.max(...ws.map((w) => w.eld.max)),
  };
}

export async function runAvl(): Promise<BenchSection> {
  const targets: Target[] = [];
  try {
    const { target: hub, logins } = await hubTarget();
    targets.push(hub);
    targets.unshift(await baselineTarget(logins));
    for (let round = 0; round < ROUNDS; round++) {
      for (const t of targets) t.windows.push(await runWindow(t));
    }
  } finally {
    for (const t of targets) await t.stop();
  }

  const cores = os.availableParallelism();
  const base = targets.find((t) => t.baseline)!;
  const hub = targets.find((t) => !t.baseline)!;
  const bt = totals(base);
  const ht = totals(hub);
  const row = (t: Target, x: Totals) => [
    t.label,
    `${int(x.sent)} (${(x.sent / x.windowS).toFixed(0)}/s)`,
    `${ms(x.toAll.p50)} / ${ms(x.toAll.p99)} / ${ms(x.toAll.max)}`,
    `${ms(x.perDelivery.p50)} / ${ms(x.perDelivery.p99)}`,
    `${ms(x.spread.p50)} / ${ms(x.spread.p99)}`,
    `${int(x.lostDeliveries)} (${x.lostFixes} fixes) / ${int(x.superseded)} / ${x.duplicates}`,
    `${x.messagesPerSecond.toFixed(1)} × ${x.fixesPerMessage.toFixed(1)}`,
    `${x.cpuPct.toFixed(1)}%`,
    `${ms(x.eldP50)} / ${ms(x.eldP99)} / ${ms(x.eldMax)}`,
    `${(x.elu * 100).toFixed(0)}%`,
    `${x.clientCpuPct.toFixed(0)}%`,
    `${((x.machinePct / 100) * cores * 100).toFixed(0)}%`,
  ];
  const main = table(
    [
      'server',
      'fixes sent',
      'send → all 50 consoles p50 / p99 / max ms',
      'per delivery p50 / p99 ms',
      'fan-out spread p50 / p99 ms',
      'lost deliveries (fixes) / superseded / dup',
      'msgs per console per s × fixes per msg',
      'server CPU',
      'event-loop delay p50 / p99 / max ms',
      'event-loop utilisation',
      'client CPU',
      'machine CPU',
    ],
    [row(base, bt), row(hub, ht)],
  );
  const ratios = table(
    ['measure', 'hub', 'baseline', 'hub / baseline'],
    [
      ['send → all consoles p50 ms', ms(ht.toAll.p50), ms(bt.toAll.p50), ratio(ht.toAll.p50, bt.toAll.p50)],
      ['send → all consoles p99 ms', ms(ht.toAll.p99), ms(bt.toAll.p99), ratio(ht.toAll.p99, bt.toAll.p99)],
      ['send → all consoles max ms', ms(ht.toAll.max), ms(bt.toAll.max), ratio(ht.toAll.max, bt.toAll.max)],
      ['fan-out spread p99 ms', ms(ht.spread.p99), ms(bt.spread.p99), ratio(ht.spread.p99, bt.spread.p99)],
      ['server CPU, % of one core', ht.cpuPct.toFixed(1), bt.cpuPct.toFixed(1), ratio(ht.cpuPct, bt.cpuPct)],
      ['event-loop delay p99 ms', ms(ht.eldP99), ms(bt.eldP99), ratio(ht.eldP99, bt.eldP99)],
      ['consoles: messages received per s (all 50)', (ht.messagesPerSecond * CONSOLES).toFixed(0), (bt.messagesPerSecond * CONSOLES).toFixed(0), ratio(ht.messagesPerSecond, bt.messagesPerSecond)],
    ],
  );
  const lost = ht.lostDeliveries + bt.lostDeliveries + ht.duplicates + bt.duplicates;
  const markdown = [
    `${UNITS} field units, each with its own field user, unit and session (created with \`createFieldUnits\`, logged in ` +
      `through \`POST /api/auth/login\`, ${LOGIN_CONCURRENCY} scrypt logins at a time), connected to the hub's \`/field\` ` +
      `namespace with socket.io-client (\`connectField\`); each emits \`position\` \`{ lat, lng, accuracy, heading, at }\` ` +
      `every ${INTERVAL_MS / 1000} s, staggered evenly over the interval (${UNITS / (INTERVAL_MS / 1000)} fixes/s in all), ` +
      `moving ~25 m per fix inside the Den Haag box. ${CONSOLES} consoles (one dispatcher session, socket.io-client on ` +
      '`/console`, websocket transport) receive the hub\'s volatile `units:positions` batches. The hub is a real one in ' +
      'this process (`startBenchHub`: production config, SQLite, demo data), so it also rate-limits, validates, keeps the ' +
      'latest fix per unit and writes the thinned trail (a fix every 30 s or 50 m). All clients run in one child process ' +
      `(avl-clients.ts); the servers run in the bench process, both up at once, and take turns: ${ROUNDS} × ` +
      `${WINDOW_MS / 1000} s measured per server, each after a ${WARMUP_MS / 1000} s warm-up (one full interval) and ` +
      `followed by ${DRAIN_MS / 1000} s for the last batches.`,
    '',
    `Baseline: a bare Socket.IO server with the hub's server options and the same namespaces, no auth, no store, no ` +
      'validation, no batching: it relays each fix at once (plain `emit`, not volatile) as a one-fix `units:positions` ' +
      `to all ${CONSOLES} consoles. Same clients, same fixes.`,
    '',
    main,
    '',
    'Hub / baseline:',
    '',
    ratios,
    '',
    `**The hub's batching adds up to ~1 s by design**: it sends the changed fixes once a second (\`PositionTracker\`, ` +
      '`broadcastEveryMs` 1000), so a fix waits 0–1000 ms for the next batch (uniform: ~500 ms at p50, ~1 s at p99) ' +
      'before any fan-out work; the baseline sends at once. That wait is what the latency ratios mostly show. The ' +
      '"fan-out spread" (first to last of the 50 consoles for one fix) leaves it out: it is the cost of delivering one ' +
      'message to 50 sockets. The batching is also why the hub sends ~1 message per console per second instead of ~100.',
    '',
    'Latency: per fix, from its send time in the field client to its arrival at the last of the 50 consoles ' +
      '(fixes that reached all 50); "per delivery": each fix × console. Both ends are timed in the client process. ' +
      `"lost": a fix a console never received (matched by unit and \`at\`, ${DRAIN_MS / 1000} s after the last send); "superseded": one ` +
      'a console did not receive because a newer fix of the same unit, sent less than 1 s later, replaced it in the ' +
      "hub's batch (legitimate for volatile positions; none expected at one fix per 5 s); \"dup\": received twice. " +
      'CPU in % of one core over the measured windows: server = the bench process (the hub, or the relay; the idle other ' +
      `server is in the same process and costs next to nothing), client = the client process, machine = all ${cores} ` +
      'cores, so the rest is other work on the machine. Event-loop delay: `perf_hooks.monitorEventLoopDelay` ' +
      '(1 ms resolution, so ~1 ms is the floor) in the bench process, a fresh histogram per measured window, the worst ' +
      "window's p50 / p99 / max; " +
      'event-loop utilisation: `performance.eventLoopUtilization()` over the same windows.',
    '',
    lost === 0
      ? 'No fix was lost or duplicated at any console, at the hub or the baseline.'
      : `**${int(lost)} deliveries lost or duplicated** (hub: ${int(ht.lostDeliveries)} lost in ${ht.lostFixes} fixes, ` +
        `${ht.duplicates} dup; baseline: ${int(bt.lostDeliveries)} lost in ${bt.lostFixes} fixes, ${bt.duplicates} dup) ` +
        `of ${int(ht.expected)} / ${int(bt.expected)} expected.`,
  ].join('\n');
  return { name: 'avl', title: 'Live positions (AVL): 500 units → 50 consoles', markdown };
}
