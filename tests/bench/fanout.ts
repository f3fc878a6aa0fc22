/**
 * Intake → console fan-out. Reports are created at 20/s, 50/s and 200/s while 50 consoles and 500 field units are
 * connected; latency is from the create call (client send time) to arrival at ALL consoles.
 * Baseline: the same message rate and size relayed by a bare `ws` server to the same clients.
 * The clients run in a child process (fanout-clients.ts); the hubs and the bare server run in this one.
 */
import { type ChildProcess, fork } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { WebSocketServer, type WebSocket } from 'ws';
import type { DB } from '../../server/store/schema';
import { insertUnit } from '../../server/store/units';
import { createSession, insertUser } from '../../server/store/users';
import type { FromClients, PhaseResult, SetupMessage, ToClients } from './fanout-clients';
import {
  type BenchSection,
  cpuSince,
  cpuSnapshot,
  int,
  JsonClient,
  ms,
  postgresReachable,
  QUICK,
  ratio,
  say,
  type StoreKind,
  startBenchHub,
  summarize,
  table,
} from './support';

const RATES = [20, 50, 200];
const PHASE_MS = QUICK ? 1_500 : 10_000;
const WARMUP_MS = QUICK ? 500 : 2_000;
export const CONSOLES = 50;
export const FIELD_UNITS = 500;

export interface Measured {
  result: PhaseResult;
  serverCpuPct: number;
  machineCpuPct: number;
}

/** One server under test with its own client process. */
export interface Target {
  label: string;
  baseline: boolean;
  clients: ClientProcess;
  phases: Measured[];
  /** What the field traffic left in the store (a check that the fixes really went through the hub). */
  fieldCheck?: () => Promise<string>;
  fieldSummary?: string;
  stop(): Promise<void>;
}

class ClientProcess {
  private readonly child: ChildProcess;
  private waiting: { resolve: (m: FromClients) => void; reject: (e: Error) => void } | undefined;

  constructor() {
    // tsx loads the TypeScript child; its own process, so client work does not share the server's event loop.
    this.child = fork(fileURLToPath(new URL('./fanout-clients.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (m: FromClients) => {
      const w = this.waiting;
      this.waiting = undefined;
      if (!w) return;
      if (m.type === 'error') w.reject(new Error(`client process: ${m.message}`));
      else w.resolve(m);
    });
    this.child.on('exit', (code) => {
      const w = this.waiting;
      this.waiting = undefined;
      w?.reject(new Error(`client process exited (${code})`));
    });
  }

  request(message: ToClients, timeoutMs: number): Promise<FromClients> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = undefined;
        reject(new Error(`client process: no answer to ${message.type} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting = {
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      this.child.send(message);
    });
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ type: 'close' } satisfies ToClients);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
}

export async function connectClients(label: string, setup: SetupMessage): Promise<ClientProcess> {
  const clients = new ClientProcess();
  try {
    const ready = await clients.request(setup, 120_000);
    if (ready.type !== 'ready') throw new Error(`unexpected ${ready.type}`);
    say(`${label}: ${ready.connected} consoles + ${ready.fieldConnected} field units connected in ${ms(ready.setupMs)} ms`);
    return clients;
  } catch (err) {
    await clients.close();
    throw err;
  }
}

/** 500 field units, each with its own field user and session, created through the hub's store functions. */
export async function fieldSessions(db: Kysely<DB>): Promise<string[]> {
  const at = new Date().toISOString();
  const tokens: string[] = [];
  for (let i = 0; i < FIELD_UNITS; i++) {
    const unit = await insertUnit(db, { callsign: `BENCH-${i}`, kind: 'boa_domein_1', officerCount: 2, at, status: 'beschikbaar' });
    const user = await insertUser(db, {
      username: `bench-field-${i}`,
      displayName: `Bench ${i}`,
      role: 'field',
      passwordHash: 'none',
      unitId: unit.id,
    });
    tokens.push((await createSession(db, user.id, 3600_000)).token);
  }
  return tokens;
}

export async function hubTarget(store: StoreKind): Promise<Target> {
  const bench = await startBenchHub(store);
  const http = new JsonClient(bench.url);
  try {
    const writer = await http.login('centralist');
    const consoleSession = await http.login('centralist');
    const label = `hub (${store})`;
    const clients = await connectClients(label, {
      type: 'setup',
      mode: 'hub',
      url: bench.url,
      consoles: CONSOLES,
      field: FIELD_UNITS,
      writerToken: writer.token,
      consoleToken: consoleSession.token,
      fieldTokens: await fieldSessions(bench.hub.store.db),
    });
    const db = bench.hub.store.db;
    return {
      label,
      baseline: false,
      clients,
      phases: [],
      fieldCheck: async () => {
        const units = await db
          .selectFrom('units')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('callsign', 'like', 'BENCH-%')
          .where('position_at', 'is not', null)
          .executeTakeFirstOrThrow();
        const trail = await db
          .selectFrom('unit_positions')
          .innerJoin('units', 'units.id', 'unit_positions.unit_id')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('units.callsign', 'like', 'BENCH-%')
          .executeTakeFirstOrThrow();
        return `${label}: ${Number(units.n)} of ${FIELD_UNITS} units have a stored position, ${int(Number(trail.n))} trail rows written`;
      },
      stop: async () => {
        await clients.close();
        await bench.stop();
      },
    };
  } catch (err) {
    await bench.stop();
    throw err;
  } finally {
    http.close();
  }
}

/** The baseline server: relays each writer message to the receivers. No parsing, no storage, no validation. */
export async function baselineTarget(template: string): Promise<Target> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const receivers = new Set<WebSocket>();
  wss.on('connection', (ws, req) => {
    if (req.url === '/writer') {
      ws.on('message', (data: Buffer, isBinary: boolean) => {
        for (const r of receivers) r.send(data, { binary: isBinary });
      });
      return;
    }
    // '/field': the fleet's connections, whose fixes are ignored here; '/console': the receivers.
    if (req.url !== '/console') return;
    receivers.add(ws);
    ws.on('close', () => receivers.delete(ws));
  });
  const close = async () => {
    for (const ws of wss.clients) ws.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  };
  const { port } = wss.address() as AddressInfo;
  try {
    const clients = await connectClients('bare ws', {
      type: 'setup',
      mode: 'ws',
      url: `ws://127.0.0.1:${port}`,
      consoles: CONSOLES,
      field: FIELD_UNITS,
      template,
    });
    return {
      label: 'bare ws',
      baseline: true,
      clients,
      phases: [],
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

export async function runPhase(target: Target, name: string, rate: number, durationMs: number): Promise<Measured> {
  const cpu = cpuSnapshot();
  const done = await target.clients.request({ type: 'phase', name, rate, durationMs }, durationMs + 60_000);
  const used = cpuSince(cpu);
  if (done.type !== 'phaseDone') throw new Error(`unexpected ${done.type}`);
  return { result: done.result, serverCpuPct: used.processPct, machineCpuPct: used.machinePct };
}

/** Starts or stops a target's 500 field units' fixes (their connections stay open). */
export async function setField(target: Target, on: boolean): Promise<void> {
  const done = await target.clients.request({ type: 'field', on }, 10_000);
  if (done.type !== 'fieldSet') throw new Error(`unexpected ${done.type}`);
}

/** The servers stay up together and take turns per rate, so a noisy neighbour hits them alike. */
async function runAll(stores: StoreKind[]): Promise<Target[]> {
  const targets: Target[] = [];
  try {
    for (const store of stores) targets.push(await hubTarget(store));
    const warm: Measured[] = [];
    for (const t of targets) warm.push(await runPhase(t, 'warmup', 50, WARMUP_MS));
    // The baseline relays a real report.created event of the hub, so the message size is the same.
    const sample = warm[0]?.result.sampleEvent;
    if (!sample) throw new Error('the hub produced no sample event for the baseline');
    const base = await baselineTarget(sample);
    targets.unshift(base);
    await runPhase(base, 'warmup', 50, WARMUP_MS);
    for (const rate of RATES) {
      for (const t of targets) {
        const m = await runPhase(t, `r${rate}`, rate, PHASE_MS);
        const lat = summarize(m.result.latencies);
        say(
          `${t.label} ${rate}/s: p50 ${ms(lat.p50)} ms, p99 ${ms(lat.p99)} ms, max ${ms(lat.max)} ms, ` +
            `lost ${m.result.lost}, dup ${m.result.duplicated}, server CPU ${m.serverCpuPct.toFixed(0)}%`,
        );
        t.phases.push(m);
      }
    }
    for (const t of targets) t.fieldSummary = await t.fieldCheck?.();
    return targets;
  } finally {
    for (const t of targets) await t.stop();
  }
}

/** Median latency of the last tenth of a phase minus that of the first tenth: > 0 and growing means a queue builds. */
export function trend(latencies: number[]): number {
  const tenth = Math.max(1, Math.floor(latencies.length / 10));
  const head = summarize(latencies.slice(0, tenth)).p50;
  const tail = summarize(latencies.slice(-tenth)).p50;
  return tail - head;
}

const SATURATED_MS = 100;

function report(targets: Target[], cores: number): { main: string; ratios: string; bad: number } {
  const base = targets.find((t) => t.baseline)!;
  const rows: string[][] = [];
  const ratioRows: string[][] = [];
  let bad = 0;
  for (const [i, rate] of RATES.entries()) {
    const bl = summarize(base.phases[i]!.result.latencies);
    for (const t of targets) {
      const m = t.phases[i]!;
      const r = m.result;
      const lat = summarize(r.latencies);
      const ack = summarize(r.acks);
      const drift = trend(r.latencies);
      bad += r.lost + r.duplicated + r.writeErrors;
      const other = (m.machineCpuPct / 100) * cores * 100 - m.serverCpuPct - r.clientCpuPct;
      rows.push([
        `${rate}/s`,
        t.label,
        `${r.sent} (${r.achievedRate.toFixed(0)}/s)`,
        ms(lat.p50),
        ms(lat.p99),
        ms(lat.max),
        `${drift >= 0 ? '+' : ''}${ms(drift)}`,
        r.acks.length ? `${ms(ack.p50)} / ${ms(ack.p99)}` : '–',
        `${r.lost} / ${r.duplicated}`,
        t.baseline ? '–' : String(r.seqGaps),
        `${m.serverCpuPct.toFixed(0)}%`,
        `${r.clientCpuPct.toFixed(0)}%`,
        `${Math.max(0, other).toFixed(0)}%`,
      ]);
      if (!t.baseline) {
        const note = drift > SATURATED_MS ? 'saturated: falling behind the send rate' : '';
        const baseNote = trend(base.phases[i]!.result.latencies) > SATURATED_MS ? 'baseline saturated too' : '';
        ratioRows.push([
          `${rate}/s`,
          t.label,
          ratio(lat.p50, bl.p50),
          ratio(lat.p99, bl.p99),
          ratio(lat.max, bl.max),
          [note, baseNote].filter(Boolean).join('; '),
        ]);
      }
    }
  }
  return {
    main: table(
      [
        'rate',
        'server',
        'sent (achieved)',
        'p50 ms',
        'p99 ms',
        'max ms',
        'trend ms',
        'create ack p50 / p99 ms',
        'lost / dup',
        'seq gaps',
        'server CPU',
        'client CPU',
        'other CPU',
      ],
      rows,
    ),
    ratios: table(['rate', 'hub', 'p50 hub/base', 'p99 hub/base', 'max hub/base', 'note'], ratioRows),
    bad,
  };
}

export async function runFanout(): Promise<BenchSection> {
  const stores: StoreKind[] = ['sqlite', ...((await postgresReachable()) ? (['postgres'] as const) : [])];
  const cores = os.availableParallelism();
  const targets = await runAll(stores);
  const eventBytes = targets.find((t) => !t.baseline)?.phases[0]?.result.eventBytes ?? 0;
  const r = report(targets, cores);

  const markdown = [
    `Per rate: ${PHASE_MS / 1000} s of creates, open loop (each sent on schedule, not waiting for earlier answers), after a ` +
      `${WARMUP_MS / 1000} s warm-up at 50/s. The writer POSTs \`/api/reports\` over keep-alive HTTP as a dispatcher; ` +
      `${CONSOLES} Socket.IO consoles (dispatcher sessions, websocket transport) receive the \`event\` messages ` +
      `(${int(eventBytes)} bytes of JSON each) and the batched \`units:positions\`. ${FIELD_UNITS} field units are connected ` +
      "to the hub's `/field` namespace, each with its own field user, session and unit, and each sends a position fix every " +
      '5 s while moving about 25 m per fix (100 fixes/s in all, through the hub\'s rate limit, position trail and batched ' +
      'broadcast). The field clients speak the Socket.IO v4 wire protocol on raw `ws` (the frames socket.io-client sends, ' +
      'for less client CPU). All clients and the writer run in one child process; the hubs and the baseline server run ' +
      'in the bench process, all up at once, and take turns per rate.',
    '',
    "Baseline: a bare `ws` server that relays the writer's message (the hub's real `report.created` JSON, same size, " +
      `same rate) to the same ${CONSOLES} receivers, with ${FIELD_UNITS} more connections sending the same fixes, which it ` +
      'ignores. No Socket.IO, no HTTP, no database, no validation.',
    '',
    r.main,
    '',
    'Hub / baseline, same rate:',
    '',
    r.ratios,
    '',
    'Latency: per report, from the create call (client send time) to its arrival at the last of the 50 consoles; ' +
      'p50/p99/max over the reports of the phase. "trend": median latency of the last tenth of the phase minus that of ' +
      `the first tenth; above ${SATURATED_MS} ms a queue is building, i.e. the server cannot keep up with that rate ` +
      '(marked "saturated"). "create ack": the HTTP response time of the POST. "lost / dup": summed over the 50 consoles ' +
      '(must be 0 / 0); a report counts as lost at a console that has not received it when arrivals have stopped for 3 s ' +
      '(at most 30 s after the last send). "seq gaps": events whose seq was not the previous one + 1 (reordering, since ' +
      'nothing is lost). CPU in % of one core: server = the bench process (hubs and bare ws), client = the client process, ' +
      `other = the rest of the machine (${cores} cores): PostgreSQL's backends, and anything else running at the time.`,
    '',
    `Field traffic check: ${targets
      .flatMap((t) => (t.fieldSummary ? [t.fieldSummary] : []))
      .join('; ')} (the tracker keeps a fix every 30 s or 50 m per unit).`,
    '',
    r.bad === 0
      ? 'No event was lost or duplicated at any console in any phase, and every create was acknowledged.'
      : `**${r.bad} events lost or duplicated, or creates failed** — see the table.`,
  ].join('\n');
  return { name: 'fanout', title: 'Intake → console fan-out', markdown };
}
