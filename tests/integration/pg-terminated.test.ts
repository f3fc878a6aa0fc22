import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LoginResponse } from '../../server/protocol/auth';
import { type HubEvent, reportOf } from '../../server/protocol/events';
import type { Report } from '../../server/protocol/report';
import { CONSOLE_NAMESPACE } from '../../server/protocol/socket';
import { createPostgresDatabase, postgresReachable, type TestDatabase } from '../support/databases';
import { sampleReport, until } from '../support/hub';
import { freePort, killHard, spawnHub, waitHealthy } from '../support/hub-process';

const havePostgres = await postgresReachable();
let database: TestDatabase | undefined;
let admin: pg.Client | undefined;
const nodes: ChildProcess[] = [];

beforeAll(async () => {
  if (!havePostgres) return;
  database = await createPostgresDatabase();
  // On another database than the hubs', so that terminating theirs never touches this one.
  const adminUrl = new URL(database.url);
  adminUrl.pathname = '/postgres';
  admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
});
afterAll(async () => {
  for (const node of nodes) await killHard(node);
  await admin?.end();
  await database?.drop();
});

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${res.status}`);
  return (await res.json()) as T;
}

/** The backends of the hubs' cluster adapters: the connection each node keeps for LISTEN. */
async function listenerPids(client: pg.Client, datname: string): Promise<number[]> {
  const { rows } = await client.query<{ pid: number }>(
    `select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid() and state = 'idle' and query like 'LISTEN%'`,
    [datname],
  );
  return rows.map((r) => r.pid);
}

it.skipIf(!havePostgres)('hub nodes on PostgreSQL survive their database connections being terminated again and again and the database being away for a while: they stay up, reconnect their LISTEN connection and keep delivering events across nodes', async () => {
  if (!database || !admin) throw new Error('no database');
  const datname = new URL(database.url).pathname.slice(1);
  const urls = [`http://127.0.0.1:${await freePort()}`, `http://127.0.0.1:${await freePort()}`] as const;
  const env = (i: number) => ({
    DATABASE_URL: database?.url ?? '',
    MELDKAMER_PORT: new URL(urls[i] ?? '').port,
    MELDKAMER_NODE_ID: `node-${i}`,
    MELDKAMER_DEMO: '1',
  });
  const exits: string[] = [];
  const start = (i: number) => {
    const node = spawnHub(env(i));
    node.once('exit', (code, signal) => exits.push(`node-${i} exited (${code ?? signal})`));
    nodes.push(node);
  };
  start(0);
  await waitHealthy(urls[0]);
  start(1);
  await waitHealthy(urls[1]);
  await until(async () => (await listenerPids(admin as pg.Client, datname)).length === 2, 15_000, 'both LISTEN connections');

  // More rounds than the pool has connections (10): a LISTEN connection lost without going back to the pool would
  // use the pool up, and the node would hang instead of crashing.
  for (let round = 0; round < 12; round++) {
    const terminated = new Set(
      (
        await admin.query<{ pid: number }>(
          'select pid, pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
          [datname],
        )
      ).rows.map((r) => r.pid),
    );
    expect(terminated.size).toBeGreaterThanOrEqual(2);
    // Both nodes listening again on new connections, or one of them gone.
    await until(
      async () =>
        exits.length > 0 || (await listenerPids(admin as pg.Client, datname)).filter((pid) => !terminated.has(pid)).length === 2,
      20_000,
      `LISTEN connections back after round ${round + 1}`,
    );
    expect(exits).toEqual([]);
  }

  // A storm: the LISTEN connections killed again and again, also while a node is still sending its LISTENs (the
  // adapter then reconnected twice and kept both clients; they piled up until the pool was full).
  for (let i = 0; i < 300 && exits.length === 0; i++) {
    await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and query like 'LISTEN%'`, [datname]);
    await new Promise((r) => setTimeout(r, i % 30));
  }
  await until(
    async () => exits.length > 0 || (await listenerPids(admin as pg.Client, datname)).length === 2,
    20_000,
    'one LISTEN connection per node after the storm',
  );
  expect(exits).toEqual([]);

  // The database away for a while (a restart): the nodes refuse what needs it, stay up, and take it back after.
  await admin.query(`alter database ${datname} with allow_connections false`);
  await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [datname]);
  // Not ready (the load balancer's check): 503 with the failing check named.
  for (const url of urls) {
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'unavailable', checks: { database: false } });
  }
  await admin.query(`alter database ${datname} with allow_connections true`);
  await until(
    async () => exits.length > 0 || (await listenerPids(admin as pg.Client, datname)).length === 2,
    20_000,
    'one LISTEN connection per node after the outage',
  );
  expect(exits).toEqual([]);

  for (const url of urls) expect((await json<{ status: string }>(`${url}/health`)).status).toBe('ok');
  const { token } = await json<LoginResponse>(`${urls[0]}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'centralist', password: 'centralist' }),
  });
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const listener = io(`${urls[0]}${CONSOLE_NAMESPACE}`, { auth: { token }, transports: ['websocket'], forceNew: true });
  try {
    await new Promise((resolve) => listener.once('connect', () => resolve(undefined)));
    const heard = new Promise<HubEvent>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no cross-node event within 5 s')), 5000);
      listener.once('event', (e) => {
        clearTimeout(timer);
        resolve(e);
      });
    });
    const report = await json<Report>(`${urls[1]}/api/reports`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify(sampleReport({ description: 'Na het afbreken van de verbindingen' })),
    });
    expect(reportOf(await heard)?.id).toBe(report.id);
  } finally {
    listener.disconnect();
  }
  expect(await listenerPids(admin, datname)).toHaveLength(2);
  expect(exits).toEqual([]);
}, 150_000);
