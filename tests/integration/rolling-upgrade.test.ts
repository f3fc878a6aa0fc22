import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import semver from 'semver';
import { io } from 'socket.io-client';
import { afterAll, expect, it } from 'vitest';
import { EventStream } from '../../renderer/console/live/eventStream';
import type { ReportsSnapshot } from '../../server/protocol/api';
import type { LoginResponse } from '../../server/protocol/auth';
import type { EventsPage } from '../../server/protocol/events';
import type { Report } from '../../server/protocol/report';
import { CONSOLE_NAMESPACE } from '../../server/protocol/socket';
import { IncompatibleDatabaseError } from '../../server/store/migrate';
import { migrations } from '../../server/store/migrations/index';
import { APP_VERSION } from '../../server/version';
import { createPostgresDatabase, postgresReachable, type TestDatabase } from '../support/databases';
import { sampleReport, startTestHub, type TestHub, until } from '../support/hub';
import { freePort, killHard, waitHealthy } from '../support/hub-process';
import { extractRelease, lastRelease, type ReleaseTree } from '../support/release-tree';
import { TcpBalancer } from '../support/tcp-balancer';

/**
 * A rolling upgrade on PostgreSQL, node by node, behind a load balancer: the last release's hub (its sources from the
 * release commit, started as `npm run hub` starts it) serves consoles and commands; a node of this code joins (it
 * migrates the database), the old node is restarted mid-upgrade while a second node of this code joins, then the old
 * node is taken out and stopped. Consoles (the console's own
 * EventStream on real sockets) move to whichever node the balancer gives them; commands never stop. At the end every
 * accepted command is in the database and every console applied every event, gap-free by seq.
 */
const havePostgres = await postgresReachable();
const children: ChildProcess[] = [];
const cleanups: Array<() => Promise<void> | void> = [];

afterAll(async () => {
  for (const child of children) await killHard(child);
  for (const cleanup of cleanups.reverse()) await cleanup();
});

interface HubNode {
  port: number;
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** A hub as `npm run hub` starts it (`node --import tsx server/main.ts`), from the given source tree. */
async function spawnNode(tree: string, name: string, database: TestDatabase): Promise<HubNode> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), `meldkamer-${name}-`));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: tree,
    env: {
      ...process.env,
      MELDKAMER_LOG_LEVEL: 'silent',
      MELDKAMER_HOST: '127.0.0.1',
      MELDKAMER_PORT: String(port),
      MELDKAMER_NODE_ID: name,
      MELDKAMER_DATA_DIR: dataDir,
      MELDKAMER_DEMO: '1',
      DATABASE_URL: database.url,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { port, child, stderr: () => stderr, exited };
}

async function startNode(tree: string, name: string, database: TestDatabase): Promise<HubNode> {
  const node = await spawnNode(tree, name, database);
  await Promise.race([
    waitHealthy(`http://127.0.0.1:${node.port}`, 40_000),
    node.exited.then((code) => {
      throw new Error(`${name} exited (${code}) before it was healthy: ${node.stderr()}`);
    }),
  ]);
  return node;
}

function portOf(node: TestHub): number {
  return Number(new URL(node.hub.url).port);
}

/** Out of the balancer first (a drain), then SIGTERM: the hub finishes in-flight work and closes its sockets. */
async function stopNode(balancer: TcpBalancer, node: HubNode): Promise<void> {
  balancer.remove(node.port);
  node.child.kill('SIGTERM');
  expect(await node.exited).toBe(0);
}

it.skipIf(!havePostgres)(
  `rolling upgrade from the last release to ${APP_VERSION} on PostgreSQL: consoles move between nodes, no accepted command and no event is lost`,
  { timeout: 120_000 },
  async () => {
    const release = lastRelease();
    const old: ReleaseTree = extractRelease(release);
    cleanups.push(() => old.remove());
    const database = await createPostgresDatabase();
    cleanups.push(() => database.drop());
    const db = new pg.Client({ connectionString: database.url });
    await db.connect();
    cleanups.push(() => db.end());
    const balancer = new TcpBalancer();
    const lb = await balancer.listen();
    cleanups.push(() => balancer.close());

    // 1. The last release alone: it creates and seeds the database.
    const oldNode = await startNode(old.dir, 'old', database);
    balancer.add(oldNode.port);
    const releaseMigrations = (await db.query<{ name: string }>('select name from schema_migrations')).rows.map((r) => r.name);

    // A node failing on the other release's schema answers 500: the dispatchers would try again on the next node and
    // hide it, so those answers are kept (503 is a stopping node's answer to a request on a kept-alive connection).
    const serverErrors: string[] = [];
    const post = async <T>(path: string, token: string, body: unknown): Promise<T | null> => {
      try {
        const res = await fetch(`${lb}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        if (res.status >= 500 && res.status !== 503) serverErrors.push(`${res.status} ${path}: ${await res.text()}`);
        return res.ok ? ((await res.json()) as T) : null;
      } catch {
        return null; // The connection went with a stopping node: not accepted, the caller tries again.
      }
    };
    const get = async <T>(path: string, token: string): Promise<T> => {
      const res = await fetch(`${lb}${path}`, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
      return (await res.json()) as T;
    };
    const login = async (username: string): Promise<string> => {
      for (;;) {
        const body = await fetch(`${lb}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: username }),
        }).then((r) => (r.ok ? (r.json() as Promise<LoginResponse>) : null));
        if (body) return body.token;
      }
    };

    // 2. Consoles, signed in, each applying the event stream from the snapshot on.
    const token = await login('centralist');
    const startSeq = (await get<ReportsSnapshot>('/api/reports', token)).seq;
    const consoles = await Promise.all(
      ['centralist', 'chef', 'centralist'].map(async (username) => {
        const t = await login(username);
        const socket = io(`${lb}${CONSOLE_NAMESPACE}`, {
          auth: { token: t },
          transports: ['websocket'],
          forceNew: true,
          reconnectionDelay: 50,
          reconnectionDelayMax: 300,
        });
        const seen: number[] = [];
        let connects = 0;
        socket.on('connect', () => connects++);
        const stream = new EventStream({
          socket,
          fetchEvents: (after) => get<EventsPage>(`/api/events?after=${after}`, t),
          onEvent: (event) => seen.push(event.seq),
          retryDelayMs: 100,
          maxRetryDelayMs: 500,
          onError: () => undefined,
        });
        stream.start(startSeq);
        cleanups.push(() => {
          stream.stop();
          socket.disconnect();
        });
        return { socket, stream, seen, connects: () => connects };
      }),
    );
    await until(() => consoles.every((c) => c.stream.connectionState === 'online'), 15_000, 'consoles online');

    // 3. Commands all the time: two dispatchers create reports and triage them, trying again when not answered.
    const created: string[] = [];
    const triaged: string[] = [];
    let writing = true;
    const dispatcher = async (name: string) => {
      for (let i = 0; writing; i++) {
        const report = await post<Report>('/api/reports', token, sampleReport({ description: `Rollende upgrade ${name} ${i}` }));
        if (!report) continue;
        created.push(report.id);
        for (let attempt = 0; attempt < 20 && writing; attempt++) {
          if (await post<Report>(`/api/reports/${report.id}/transition`, token, { to: 'triaged', expectedVersion: report.version })) {
            triaged.push(report.id);
            break;
          }
        }
      }
    };
    const dispatchers = Promise.all([dispatcher('a'), dispatcher('b')]);
    const progress = async (what: string) => {
      const from = created.length;
      await until(() => created.length >= from + 5, 20_000, `commands accepted ${what}`);
    };
    await progress('on the last release');

    // 4. The first node of this code joins: it migrates the database the old node keeps running on. (This code's
    //    nodes run in this process, as in the other multi-node tests: a child process costs a cold start each.)
    const newA = await startTestHub({ store: 'postgres', database, config: { nodeId: 'new-a' } });
    cleanups.push(() => newA.stop());
    balancer.add(portOf(newA));
    await progress('on both versions');

    // 5. The old node restarts mid-upgrade (a crash, a host reboot) while the second node of this code takes the place
    //    of another old one. A release that knows every migration of this code, or one that checks recorded
    //    compatibility (0.2.0 on), runs again; 0.1.0 refuses migrations it does not know in its migration table
    //    (README "Upgrading"). Index builds are booked apart, where it does not look.
    const added = Object.entries(migrations)
      .filter(([name, migration]) => !releaseMigrations.includes(name) && migration.transaction !== false)
      .map(([name]) => name);
    const oldRestarts = added.length === 0 || semver.gte(release.version, '0.2.0');
    await stopNode(balancer, oldNode);
    const [oldAgain, newB] = await Promise.all([
      oldRestarts ? startNode(old.dir, 'old', database) : spawnNode(old.dir, 'old-again', database),
      startTestHub({ store: 'postgres', database, config: { nodeId: 'new-b' } }),
    ]);
    cleanups.push(() => newB.stop());
    if (oldRestarts) balancer.add(oldAgain.port);
    else {
      expect(await oldAgain.exited).toBe(1);
      expect(oldAgain.stderr()).toContain('newer version of Meldkamer');
    }
    balancer.add(portOf(newB));
    await progress('on the new nodes and the restarted old one');

    // 6. The last old node out: the consoles on it move to the new nodes.
    if (oldRestarts) await stopNode(balancer, oldAgain);
    await progress('on the new nodes');
    writing = false;
    await dispatchers;

    // 7. A database a newer release contracted past this code: a node of this code refuses it, saying what to
    //    install (started now, checked after the consoles).
    await db.query(`insert into schema_migrations (name, timestamp) values ('9999_contract', $1)`, [new Date().toISOString()]);
    await db.query(`insert into schema_compat (migration, oldest_version, recorded_at) values ('9999_contract', '99.0.0', $1)`, [new Date().toISOString()]);
    const tooOld = startTestHub({ store: 'postgres', database, config: { nodeId: 'too-old' } }).then(
      (hub) => hub.stop().then(() => null),
      (err: Error) => err,
    );

    const latest = Number((await db.query<{ seq: string }>('select max(seq) as seq from events')).rows[0]?.seq);
    await until(() => consoles.every((c) => c.stream.lastSeq >= latest), 20_000, 'consoles caught up');
    const expected = Array.from({ length: latest - startSeq }, (_, i) => startSeq + 1 + i);
    for (const c of consoles) {
      expect(c.seen).toEqual(expected);
      expect(c.connects()).toBeGreaterThanOrEqual(2); // they all began on the old node, and went on on a new one
    }
    const stored = await db.query<{ id: string; status: string }>('select id, status from reports where id = any($1)', [created]);
    const status = new Map(stored.rows.map((r) => [r.id, r.status]));
    expect(created.filter((id) => !status.has(id))).toEqual([]);
    expect(triaged.filter((id) => status.get(id) !== 'triaged')).toEqual([]);
    expect(created.length).toBeGreaterThanOrEqual(20);
    expect(serverErrors).toEqual([]);

    const refusal = await tooOld;
    expect(refusal).toBeInstanceOf(IncompatibleDatabaseError);
    expect(refusal?.message).toContain('This database needs Meldkamer 99.0.0 or newer (migration 9999_contract');
    expect(refusal?.message).toContain(`this node is ${APP_VERSION}. Upgrade this node to 99.0.0 or later`);
  },
);
