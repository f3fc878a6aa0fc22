import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../server/config';
import { type Hub, startHub } from '../../server/start-hub';
import type { LoginResponse } from '../../server/protocol/auth';

/** BENCH_QUICK=1: a ~1-minute smoke run with shorter phases and fewer rows. Its figures are not written to the doc. */
export const QUICK = process.env.BENCH_QUICK === '1';

export type StoreKind = 'sqlite' | 'postgres';

/** One bench's output: a markdown block for the console and for docs/BENCHMARKS.md. */
export interface BenchSection {
  name: string;
  title: string;
  markdown: string;
}

export function say(message: string): void {
  process.stdout.write(`[bench] ${message}\n`);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ---------- statistics ----------

export interface Summary {
  n: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function summarize(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
  };
}

/** Milliseconds with a precision that suits their size. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value < 10) return value.toFixed(2);
  if (value < 100) return value.toFixed(1);
  return value.toFixed(0);
}

export function ratio(value: number, base: number): string {
  if (!Number.isFinite(value) || !Number.isFinite(base) || base <= 0) return 'n/a';
  return `${(value / base).toFixed(value / base < 10 ? 2 : 1)}×`;
}

export function int(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export function table(headers: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

// ---------- CPU ----------

/** Whole-machine busy share (0..1 per core summed, i.e. up to nproc) between two snapshots. */
export interface CpuSnapshot {
  process: NodeJS.CpuUsage;
  machine: { busy: number; total: number };
  at: number;
}

function machineTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const cpu of os.cpus()) {
    const t = cpu.times;
    const all = t.user + t.nice + t.sys + t.idle + t.irq;
    busy += all - t.idle;
    total += all;
  }
  return { busy, total };
}

export function cpuSnapshot(): CpuSnapshot {
  return { process: process.cpuUsage(), machine: machineTimes(), at: performance.now() };
}

/** CPU used since a snapshot: this process in % of one core, the machine in % of all cores. */
export function cpuSince(start: CpuSnapshot): { processPct: number; machinePct: number } {
  const elapsedMs = performance.now() - start.at;
  const used = process.cpuUsage(start.process);
  const now = machineTimes();
  const total = now.total - start.machine.total;
  return {
    processPct: elapsedMs > 0 ? ((used.user + used.system) / 1000 / elapsedMs) * 100 : Number.NaN,
    machinePct: total > 0 ? ((now.busy - start.machine.busy) / total) * 100 : Number.NaN,
  };
}

// ---------- machine ----------

export function machineDescription(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  const memGiB = (os.totalmem() / 1024 ** 3).toFixed(1);
  return `${os.availableParallelism()} cores (${model}), ${memGiB} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

// ---------- PostgreSQL ----------

export const PG_ADMIN_URL = process.env.MELDKAMER_TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let reachable: Promise<boolean> | undefined;

/** Is PostgreSQL up? The benches then add PostgreSQL rows; otherwise they say so and skip them. */
export function postgresReachable(): Promise<boolean> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch (err) {
      say(`PostgreSQL not reachable at ${PG_ADMIN_URL} (${(err as Error).message}): PostgreSQL rows are skipped`);
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return reachable;
}

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh PostgreSQL database for one bench, dropped again by drop(). */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `meldkamer_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: PG_ADMIN_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** The PostgreSQL durability settings the figures depend on. */
export async function postgresSettings(): Promise<string> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    const rows = await client.query<{ name: string; setting: string }>(
      `select name, setting from pg_settings where name in ('server_version', 'fsync', 'synchronous_commit', 'wal_sync_method', 'shared_buffers', 'work_mem') order by name`,
    );
    return rows.rows.map((r) => `${r.name}=${r.setting}`).join(', ');
  } finally {
    await client.end();
  }
}

// ---------- hub ----------

export interface BenchHub {
  hub: Hub;
  url: string;
  stop(): Promise<void>;
}

/**
 * A real hub in this process with production defaults (outbox poll 1 s, not the tests' 100 ms), demo users,
 * logging off, on a temp SQLite file or a fresh PostgreSQL database.
 */
export async function startBenchHub(store: StoreKind): Promise<BenchHub> {
  const dataDir = mkdtempSync(join(os.tmpdir(), 'meldkamer-bench-'));
  let database: BenchDatabase | undefined;
  let hub: Hub;
  try {
    database = store === 'postgres' ? await createBenchDatabase() : undefined;
    const config = loadConfig({}, { host: '127.0.0.1', port: 0, dataDir, databaseUrl: database?.url, demo: true, logLevel: 'silent' });
    hub = await startHub(config);
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
    throw err;
  }
  return {
    hub,
    url: hub.url,
    stop: async () => {
      await hub.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (database) await database.drop();
    },
  };
}

/** A keep-alive JSON client on node:http (lighter per call than fetch, so the client costs less of the run). */
export class JsonClient {
  private readonly agent: http.Agent;
  private readonly base: URL;

  constructor(baseUrl: string, maxSockets = 64) {
    this.base = new URL(baseUrl);
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  request<T = unknown>(method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: T }> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = {};
      if (token) headers.authorization = `Bearer ${token}`;
      if (payload !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(payload);
      }
      const req = http.request(
        { host: this.base.hostname, port: this.base.port, method, path, headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode ?? 0, body: (text ? JSON.parse(text) : undefined) as T });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  async login(username: string, password = username): Promise<LoginResponse> {
    const res = await this.request<LoginResponse>('POST', '/api/auth/login', undefined, { username, password });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  close(): void {
    this.agent.destroy();
  }
}

// ---------- generated data ----------

/** Den Haag, roughly: the bounding box the generated reports fall in. */
export const DEN_HAAG = { latMin: 52.03, latMax: 52.12, lngMin: 4.2, lngMax: 4.4 };
export const CATEGORIES = ['afval', 'parkeren', 'zwerffiets', 'overlast', 'groen', 'verlichting'] as const;

/** Small, fast, seeded PRNG (mulberry32), so SQLite and PostgreSQL get the same rows. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
