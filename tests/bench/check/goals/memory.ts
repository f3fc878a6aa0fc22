/**
 * Issue 11, hub memory: a hub in its own process (check/hub-process.ts) on a copy of the 1M-report fixture, 50
 * consoles that each loaded the open queue the way the console does (loadQueue below; 5 consoles loading at a time), then the
 * 50 consoles on Socket.IO and 500 field units sending a fix every 5 s while reports come in at 20/s. The figure is
 * the hub process's peak RSS, sampled every 200 ms from start-up to the end.
 */
import { type ChildProcess, fork } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { ROUTES } from '../../../../server/protocol/routes';
import { CONSOLES, connectClients, FIELD_UNITS, runPhase } from '../../fanout';
import { JsonClient, postgresReachable, type StoreKind } from '../../support';
import type { CheckGoal, GoalLine } from '../goal';
import type { FromHub, MemoryAtPeak, ToHub } from '../hub-process';

const LIMIT_MB = 300;
const QUEUE_LOADS_AT_ONCE = 5;

type Parser = { safeParse(v: unknown): { success: boolean } };

/**
 * The open queue as the console loads it: page by page through `reports.queue` once that route exists (the first
 * page of 200, then the largest pages the route allows, following `next`), else one `reports.list?scope=open`.
 */
async function loadQueue(base: URL, token: string): Promise<{ route: string; bytes: number; ok: boolean }> {
  const queue = (ROUTES as Record<string, { path: string; query?: Parser }>)['reports.queue'];
  if (!queue) {
    const r = await get(base, `${ROUTES['reports.list'].path}?scope=open`, token);
    return { route: 'reports.list', bytes: r.bytes, ok: r.status === 200 };
  }
  const pageMax = [20_000, 10_000, 5_000, 2_000, 1_000, 500, 200].find((n) => queue.query?.safeParse({ limit: n }).success) ?? 200;
  let bytes = 0;
  let next: string | null = null;
  let first = true;
  do {
    const query: string = first ? 'limit=200' : `limit=${pageMax}&after=${encodeURIComponent(next!)}`;
    const r = await get(base, `${queue.path}?${query}`, token);
    bytes += r.bytes;
    if (r.status !== 200) return { route: 'reports.queue', bytes, ok: false };
    next = (JSON.parse(r.text) as { next: string | null }).next;
    first = false;
  } while (next);
  return { route: 'reports.queue', bytes, ok: true };
}

function get(base: URL, path: string, token: string): Promise<{ status: number; bytes: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: base.hostname, port: base.port, path, headers: { authorization: `Bearer ${token}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, bytes: body.length, text: body.toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

const peakParts = (p: MemoryAtPeak) =>
  `V8 heap ${p.heapUsed.toFixed(0)} MB of which large objects ${p.largeObjects.toFixed(0)}, ArrayBuffers ${p.arrayBuffers.toFixed(0)} MB`;

class HubProcess {
  readonly child: ChildProcess;
  private pending: ((m: FromHub) => void) | undefined;
  private failed: ((e: Error) => void) | undefined;

  constructor(dataDir: string, databaseUrl?: string) {
    this.child = fork(fileURLToPath(new URL('../hub-process.ts', import.meta.url)), [dataDir, databaseUrl ?? ''], {
      execArgv: ['--import', 'tsx'],
      // As scripts/start.mjs starts a hub (why: there).
      env: { MALLOC_MMAP_THRESHOLD_: '131072', ...process.env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (m: FromHub) => {
      if (m.type === 'error') this.failed?.(new Error(`hub process: ${m.message}`));
      else this.pending?.(m);
    });
    this.child.on('exit', (code) => this.failed?.(new Error(`hub process exited (${code})`)));
    // A send to a hub that just died (EPIPE) is answered by the 'exit' above.
    this.child.on('error', () => undefined);
  }

  next(message: ToHub | undefined, timeoutMs: number): Promise<FromHub> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`hub process: no answer within ${timeoutMs} ms`)), timeoutMs);
      this.pending = (m) => {
        clearTimeout(timer);
        resolve(m);
      };
      this.failed = (e) => {
        clearTimeout(timer);
        reject(e);
      };
      if (message) this.child.send(message);
    });
  }

  async rss(): Promise<{ rssMb: number; peakMb: number; atPeak: MemoryAtPeak }> {
    const m = await this.next({ type: 'rss' }, 10_000);
    if (m.type !== 'rss') throw new Error(`unexpected ${m.type}`);
    return m;
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || !this.child.connected) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.failed = undefined;
    this.child.send({ type: 'close' } satisfies ToHub, (err) => err && this.child.kill('SIGKILL'));
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

async function measureStore(store: StoreKind, dataDir: string, databaseUrl: string | undefined, quick: boolean, say: (l: string) => void): Promise<GoalLine> {
  const hub = new HubProcess(dataDir, databaseUrl);
  const http = { client: undefined as JsonClient | undefined };
  let clients: Awaited<ReturnType<typeof connectClients>> | undefined;
  try {
    const ready = await hub.next(undefined, 300_000);
    if (ready.type !== 'ready') throw new Error(`unexpected ${ready.type}`);
    say(`${store}: hub up with the 1M fixture, RSS ${ready.rssMb.toFixed(0)} MB`);
    http.client = new JsonClient(ready.url);
    const writer = await http.client.login('centralist');
    const consoleSession = await http.client.login('centralist');
    const base = new URL(ready.url);
    const route = { name: 'reports.list' };
    let bytes = 0;
    let bad = 0;
    for (let i = 0; i < CONSOLES; i += QUEUE_LOADS_AT_ONCE) {
      const loads = Array.from({ length: Math.min(QUEUE_LOADS_AT_ONCE, CONSOLES - i) }, () => loadQueue(base, consoleSession.token));
      for (const r of await Promise.all(loads)) {
        bytes += r.bytes;
        route.name = r.route;
        if (!r.ok) bad += 1;
      }
    }
    const afterQueue = await hub.rss();
    say(
      `${store}: ${CONSOLES} queue loads (${route.name}, ${(bytes / CONSOLES / 1e6).toFixed(1)} MB each), RSS ${afterQueue.rssMb.toFixed(0)} MB, ` +
        `peak ${afterQueue.peakMb.toFixed(0)} MB (${peakParts(afterQueue.atPeak)})`,
    );
    clients = await connectClients(`memory ${store}`, {
      type: 'setup',
      mode: 'hub',
      url: ready.url,
      consoles: CONSOLES,
      field: FIELD_UNITS,
      writerToken: writer.token,
      consoleToken: consoleSession.token,
      fieldTokens: ready.fieldTokens,
    });
    const target = { label: `memory ${store}`, baseline: false, clients, phases: [], stop: async () => undefined };
    const phase = await runPhase(target, 'memory', 20, quick ? 3_000 : 15_000);
    const end = await hub.rss();
    say(`${store}: at the end RSS ${end.rssMb.toFixed(0)} MB, peak ${end.peakMb.toFixed(0)} MB (${peakParts(end.atPeak)})`);
    return {
      goal: `hub RSS, 1M reports, ${CONSOLES} consoles (queue loaded) + ${FIELD_UNITS} units: peak`,
      store,
      measured: end.peakMb,
      target: LIMIT_MB,
      unit: 'MB',
      better: 'lower',
      note:
        `after start ${ready.rssMb.toFixed(0)} MB, after the queue loads ${afterQueue.rssMb.toFixed(0)} MB (peak ` +
        `${afterQueue.peakMb.toFixed(0)}), at the end ${end.rssMb.toFixed(0)} MB; queue via ${route.name}, ` +
        `${(bytes / CONSOLES / 1e6).toFixed(1)} MB per load${bad ? `, ${bad} loads failed` : ''}; ${phase.result.sent} reports at 20/s; ` +
        `at the peak ${peakParts(end.atPeak)}`,
    };
  } finally {
    http.client?.close();
    await clients?.close();
    await hub.close();
  }
}

export default {
  name: 'memory',
  needs: ['fixture', 'postgres'],
  async run({ fixture, quick, say }) {
    // BENCH_MEMORY_STORE=postgres (or sqlite) measures one store only, when looking into one.
    const only = process.env.BENCH_MEMORY_STORE;
    const lines: GoalLine[] = only === 'postgres' ? [] : [await measureStore('sqlite', await fixture.sqliteDataDir(), undefined, quick, say)];
    if (only === 'sqlite') return lines;
    const pgUrl = (await postgresReachable()) ? await fixture.pgCopy() : undefined;
    if (pgUrl) lines.push(await measureStore('postgres', await fixture.sqliteDataDir(), pgUrl, quick, say));
    return lines;
  },
} satisfies CheckGoal;
