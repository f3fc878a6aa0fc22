import type { ChildProcess } from 'node:child_process';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ReportsSnapshot } from '../../server/protocol/api';
import type { LoginResponse } from '../../server/protocol/auth';
import { type EventsPage, type HubEvent, reportOf } from '../../server/protocol/events';
import type { Report } from '../../server/protocol/report';
import { CONSOLE_NAMESPACE } from '../../server/protocol/socket';
import { createPostgresDatabase, postgresReachable, type TestDatabase } from '../support/databases';
import { sampleReport, until } from '../support/hub';
import { freePort, killHard, spawnHub, waitHealthy } from '../support/hub-process';

const havePostgres = await postgresReachable();
let database: TestDatabase | undefined;
const nodes: ChildProcess[] = [];

beforeAll(async () => {
  if (havePostgres) database = await createPostgresDatabase();
});
afterAll(async () => {
  for (const node of nodes) await killHard(node);
  await database?.drop();
});

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${res.status}`);
  return (await res.json()) as T;
}

it.skipIf(!havePostgres)('two hub nodes on PostgreSQL: an event committed on one node reaches a socket on the other; a node killed mid-stream loses no acknowledged report or event', async () => {
  if (!database) throw new Error('no database');
  const urls = [`http://127.0.0.1:${await freePort()}`, `http://127.0.0.1:${await freePort()}`] as const;
  const env = (i: number) => ({
    DATABASE_URL: database?.url ?? '',
    MELDKAMER_PORT: new URL(urls[i] ?? '').port,
    MELDKAMER_NODE_ID: `node-${i}`,
    MELDKAMER_DEMO: '1',
  });
  // The first node migrates and seeds; the second joins the same database.
  nodes.push(spawnHub(env(0)));
  await waitHealthy(urls[0]);
  nodes.push(spawnHub(env(1)));
  await waitHealthy(urls[1]);

  const { token } = await json<LoginResponse>(`${urls[0]}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'centralist', password: 'centralist' }),
  });
  const auth = { authorization: `Bearer ${token}` };
  const snapshot = await json<ReportsSnapshot>(`${urls[0]}/api/reports`, { headers: auth });

  // The cluster adapter: a plain socket on node 0 hears, live, a report created on node 1.
  const listener = io(`${urls[0]}${CONSOLE_NAMESPACE}`, { auth: { token }, transports: ['websocket'], forceNew: true });
  await new Promise((resolve) => listener.once('connect', () => resolve(undefined)));
  const heard = new Promise<HubEvent>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no cross-node event within 5 s')), 5000);
    listener.once('event', (e) => {
      clearTimeout(timer);
      resolve(e);
    });
  });
  const crossNode = await json<Report>(`${urls[1]}/api/reports`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify(sampleReport({ description: 'Gemaakt op node 1' })),
  });
  expect(reportOf(await heard)?.id).toBe(crossNode.id);
  listener.disconnect();

  const acknowledged: string[] = [crossNode.id];
  let killed = false;
  const writer = (async () => {
    for (let i = 0; i < 80; i++) {
      const url = killed ? urls[0] : urls[i % 2];
      try {
        const report = await json<Report>(`${url}/api/reports`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify(sampleReport({ description: `Failover melding ${i}` })),
        });
        acknowledged.push(report.id);
      } catch {
        // Not acknowledged (the node died under it): the caller would retry; it does not count.
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  await until(() => acknowledged.length >= 31, 15_000, 'first half of the writes');
  killed = true;
  await killHard(nodes[1] as ChildProcess);
  await writer;

  // The surviving node's log holds every acknowledged report, gap-free and in seq order.
  const health = await json<{ latestSeq: number }>(`${urls[0]}/health`);
  const events: HubEvent[] = [];
  for (let after = snapshot.seq; after < health.latestSeq; ) {
    const page = await json<EventsPage>(`${urls[0]}/api/events?after=${after}`, { headers: auth });
    if (page.events.length === 0) break;
    events.push(...page.events);
    after = page.events[page.events.length - 1]?.seq ?? health.latestSeq;
  }
  const expectedSeqs = Array.from({ length: health.latestSeq - snapshot.seq }, (_, i) => snapshot.seq + 1 + i);
  expect(events.map((e) => e.seq)).toEqual(expectedSeqs);
  const logged = new Set(events.map((e) => reportOf(e)?.id));
  expect(acknowledged.filter((id) => !logged.has(id))).toEqual([]);
  const stored = await json<ReportsSnapshot>(`${urls[0]}/api/reports?scope=all`, { headers: auth });
  const storedIds = new Set(stored.reports.map((r) => r.id));
  expect(acknowledged.filter((id) => !storedIds.has(id))).toEqual([]);
  expect(acknowledged.length).toBeGreaterThanOrEqual(61);
}, 60_000);
