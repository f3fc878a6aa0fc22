/**
 * Reports written per second, one at a time (each acknowledged only after its commit), through the hub's
 * command path vs. bare prepared inserts of an equivalent row into the same (migrated) table:
 * - hub, command: `createReport()` from server/commands/reports.ts called directly (validation, intake rules,
 *   one write transaction with report row + event row, re-read of the report, publish to Socket.IO);
 * - hub, HTTP: POST /api/reports sequentially over one keep-alive connection (adds Fastify, the session lookup
 *   and JSON both ways; the client runs in the same process);
 * - bare: better-sqlite3 prepared INSERT with the hub's pragmas (WAL, synchronous=FULL, foreign_keys=ON) in a temp
 *   file, autocommit; and `pg` prepared (named) INSERT, autocommit. Also "report + event in one transaction".
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import categories from '../../resources/categories.json' with { type: 'json' };
import { createReport } from '../../server/commands/reports';
import type { Category, CreateReportInput } from '../../server/protocol/report';
import { upsertCategories } from '../../server/store/categories';
import { migrateToLatest } from '../../server/store/migrate';
import { openStore } from '../../server/store/open';
import { rowToUser } from '../../server/store/users';
import { REPORT_COLUMNS } from './report-data';
import {
  type BenchSection,
  createBenchDatabase,
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

const RUN_MS = QUICK ? 1_000 : 5_000;
const WARMUP_MS = QUICK ? 200 : 1_000;
const MAX_OPS = 500_000;

export interface Throughput {
  store: StoreKind;
  path: string;
  ops: number;
  perSecond: number;
  latencies: number[];
  cpuPct: number;
}

export interface MeasureOptions {
  runMs: number;
  warmupMs: number;
  /** Operations in flight at once (each worker starts its next op when its last one is acknowledged). */
  inFlight: number;
}

const SEQUENTIAL: MeasureOptions = { runMs: RUN_MS, warmupMs: WARMUP_MS, inFlight: 1 };

/** Runs op for a warm-up, then for runMs, with inFlight workers; each op's latency is recorded. */
export async function measure(
  store: StoreKind,
  path: string,
  op: (i: number) => Promise<void> | void,
  options: MeasureOptions = SEQUENTIAL,
): Promise<Throughput> {
  let i = 0;
  const workers = (until: number, record: (latency: number) => void) =>
    Promise.all(
      Array.from({ length: options.inFlight }, async () => {
        while (performance.now() < until && ops < MAX_OPS) {
          const t = performance.now();
          await op(i++);
          record(performance.now() - t);
        }
      }),
    );
  let ops = 0;
  await workers(performance.now() + options.warmupMs, () => undefined);
  const latencies: number[] = [];
  const cpu = cpuSnapshot();
  const start = performance.now();
  await workers(start + options.runMs, (latency) => {
    latencies.push(latency);
    ops += 1;
  });
  const elapsed = performance.now() - start;
  const result = { store, path, ops, perSecond: (ops / elapsed) * 1000, latencies, cpuPct: cpuSince(cpu).processPct };
  say(`store ${store} ${path}${options.inFlight > 1 ? `, ${options.inFlight} in flight` : ''}: ${int(result.perSecond)}/s`);
  return result;
}

const EVENT_COLUMNS = ['seq', 'type', 'report_id', 'actor_id', 'at', 'payload'] as const;

/** The row the hub writes for sampleInput(i), with fresh ids and tokens like the hub makes. */
function equivalentRow(i: number): unknown[] {
  const at = new Date().toISOString();
  return [
    randomUUID(),
    i,
    'groen',
    52.0799 + (i % 100) / 10_000,
    4.3113,
    'Lange Voorhout 34',
    `Boomtak hangt laag over de stoep (${i})`,
    'phone',
    'normal',
    'new',
    null,
    'bench-user',
    at,
    at,
    i,
    null,
    at,
    randomBytes(24).toString('base64url'),
    randomBytes(4).toString('hex'),
    'nl',
  ];
}

function equivalentEvent(i: number, row: unknown[]): unknown[] {
  const report = Object.fromEntries(REPORT_COLUMNS.map((c, k) => [c, row[k]]));
  return [i, 'report.created', row[0], 'bench-user', row[12], JSON.stringify({ report })];
}

function sampleInput(i: number): CreateReportInput {
  return {
    category: 'groen',
    location: { lat: 52.0799 + (i % 100) / 10_000, lng: 4.3113 },
    address: 'Lange Voorhout 34',
    description: `Boomtak hangt laag over de stoep (${i})`,
    source: 'phone',
    priority: 'normal',
  };
}

/** A database with the hub's schema (its own migrations) and categories, written by the hub's store code. */
async function prepareSchema(dataDir: string, databaseUrl?: string): Promise<void> {
  const store = openStore({ dataDir, databaseUrl });
  try {
    await migrateToLatest(store.db);
    await upsertCategories(store.db, categories as Category[]);
  } finally {
    await store.close();
  }
}

const placeholders = (n: number, pgStyle: boolean) =>
  Array.from({ length: n }, (_, k) => (pgStyle ? `$${k + 1}` : '?')).join(', ');

/** Bare baselines, sequential as always: [one row per commit, report + event in one transaction]. */
export async function bareSqlite(options: MeasureOptions = SEQUENTIAL): Promise<Throughput[]> {
  const dir = mkdtempSync(join(os.tmpdir(), 'meldkamer-bench-bare-'));
  try {
    await prepareSchema(dir);
    const db = new SQLite(join(dir, 'meldkamer.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const insertReport = db.prepare(`insert into reports (${REPORT_COLUMNS.join(', ')}) values (${placeholders(REPORT_COLUMNS.length, false)})`);
    const insertEvent = db.prepare(`insert into events (${EVENT_COLUMNS.join(', ')}) values (${placeholders(EVENT_COLUMNS.length, false)})`);
    const both = db.transaction((row: unknown[], event: unknown[]) => {
      insertReport.run(row);
      insertEvent.run(event);
    });
    let n = 0;
    const single = await measure('sqlite', 'bare insert, 1 row per commit', () => {
      n += 1;
      insertReport.run(equivalentRow(n));
    }, options);
    const pair = await measure('sqlite', 'bare report + event, 1 transaction', () => {
      n += 1;
      const row = equivalentRow(n);
      both(row, equivalentEvent(n, row));
    }, options);
    db.close();
    return [single, pair];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function barePostgres(options: MeasureOptions = SEQUENTIAL): Promise<Throughput[]> {
  const database = await createBenchDatabase();
  try {
    await prepareSchema(os.tmpdir(), database.url);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const reportSql = `insert into reports (${REPORT_COLUMNS.join(', ')}) values (${placeholders(REPORT_COLUMNS.length, true)})`;
      const eventSql = `insert into events (${EVENT_COLUMNS.join(', ')}) values (${placeholders(EVENT_COLUMNS.length, true)})`;
      let n = 0;
      const single = await measure('postgres', 'bare insert, 1 row per commit', async () => {
        n += 1;
        await client.query({ name: 'bench_report', text: reportSql, values: equivalentRow(n) });
      }, options);
      const pair = await measure('postgres', 'bare report + event, 1 transaction', async () => {
        n += 1;
        const row = equivalentRow(n);
        await client.query('begin');
        await client.query({ name: 'bench_report', text: reportSql, values: row });
        await client.query({ name: 'bench_event', text: eventSql, values: equivalentEvent(n, row) });
        await client.query('commit');
      }, options);
      return [single, pair];
    } finally {
      await client.end();
    }
  } finally {
    await database.drop();
  }
}

/**
 * The hub's own paths in a bench hub: `createReport()` (the command path) and POST /api/reports (keep-alive, one
 * socket per op in flight). `paths` picks which; both by default.
 */
export async function hubPaths(
  store: StoreKind,
  options: MeasureOptions = SEQUENTIAL,
  paths: readonly ('command' | 'http')[] = ['command', 'http'],
): Promise<Throughput[]> {
  const bench = await startBenchHub(store);
  const http = new JsonClient(bench.url, options.inFlight);
  const out: Throughput[] = [];
  try {
    if (paths.includes('command')) {
      const row = await bench.hub.store.db.selectFrom('users').selectAll().where('username', '=', 'centralist').executeTakeFirstOrThrow();
      const ctx = { ...bench.hub.deps, actor: rowToUser(row) };
      const label = 'hub: createReport() command';
      out.push(await measure(store, label, async (i) => void (await createReport(ctx, sampleInput(i))), options));
    }
    if (paths.includes('http')) {
      const { token } = await http.login('centralist');
      const label = 'hub: POST /api/reports (keep-alive)';
      const post = async (i: number) => {
        const res = await http.request('POST', '/api/reports', token, sampleInput(i));
        if (res.status !== 201) throw new Error(`POST /api/reports: ${res.status} ${JSON.stringify(res.body)}`);
      };
      out.push(await measure(store, label, post, options));
    }
    return out;
  } finally {
    http.close();
    await bench.stop();
  }
}

export async function runStore(): Promise<BenchSection> {
  const stores: StoreKind[] = ['sqlite', ...((await postgresReachable()) ? (['postgres'] as const) : [])];
  const blocks: string[] = [];
  const summaryRows: string[][] = [];
  for (const store of stores) {
    const bare = store === 'sqlite' ? await bareSqlite() : await barePostgres();
    const hub = await hubPaths(store);
    const base = bare[0]!;
    const rows = [...bare, ...hub].map((t) => {
      const lat = summarize(t.latencies);
      return [t.path, int(t.ops), int(t.perSecond), `${ms(lat.p50)} / ${ms(lat.p99)}`, `${t.cpuPct.toFixed(0)}%`, ratio(t.perSecond, base.perSecond)];
    });
    blocks.push(
      `**${store === 'sqlite' ? 'SQLite (better-sqlite3, WAL, synchronous=FULL)' : 'PostgreSQL (pg, one connection)'}**`,
      '',
      table(['path', 'reports', 'reports/s', 'latency p50 / p99 ms', 'bench process CPU', 'throughput vs bare 1-row'], rows),
      '',
    );
    for (const h of hub) summaryRows.push([store, h.path, int(h.perSecond), int(base.perSecond), ratio(base.perSecond, h.perSecond)]);
  }
  const markdown = [
    `Sequential (one in flight, each acknowledged after its commit), ${RUN_MS / 1000} s per path after a ${WARMUP_MS / 1000} s warm-up. ` +
      'The hub paths run in a hub started in this process (production config, demo data); "command" calls ' +
      '`createReport()` from `server/commands/reports.ts` directly; "POST" goes through Fastify over one keep-alive ' +
      'connection from a client in the same process. The bare paths insert an equivalent `reports` row (same columns, ' +
      "same table and indexes, built by the hub's migrations) with a prepared statement; on SQLite in a temp file with the " +
      "hub's pragmas (WAL, synchronous=FULL, foreign_keys=ON), on PostgreSQL in a fresh database over one connection. " +
      '"bench process CPU" excludes the PostgreSQL server.',
    '',
    ...blocks,
    'Summary (how many times slower the hub path is than a bare single-row commit):',
    '',
    table(['store', 'hub path', 'hub reports/s', 'bare reports/s', 'bare / hub'], summaryRows),
  ].join('\n');
  return { name: 'store', title: 'Store: reports written per second', markdown };
}
