import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../server/protocol/auth';
import type { Report } from '../../server/protocol/report';
import { openStore } from '../../server/store/open';
import { createPostgresDatabase, storeKinds, type TestDatabase } from '../support/databases';
import { sampleReport, until } from '../support/hub';
import { freePort, killHard, spawnHub, waitHealthy } from '../support/hub-process';

let child: ChildProcess | undefined;
let dataDir: string | undefined;
let database: TestDatabase | undefined;
afterEach(async () => {
  if (child) await killHard(child);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  await database?.drop();
  [child, dataDir, database] = [undefined, undefined, undefined];
});

const IN_FLIGHT = 30;
const KILL_AFTER_ACKS = 120;

/**
 * Group commit answers a command only after the COMMIT that made it durable. A hub SIGKILLed while 30 creates are
 * in flight must therefore keep every report it acknowledged, each whole (row, event, reporter and receipt), and
 * nothing else half-written; the event log stays gap-free.
 */
describe.each(storeKinds)('a hub killed under concurrent creates (%s)', (store) => {
  it('keeps every acknowledged report whole and leaves nothing half-written', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'meldkamer-group-crash-'));
    database = store === 'postgres' ? await createPostgresDatabase() : undefined;
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    child = spawnHub({ MELDKAMER_PORT: String(port), MELDKAMER_DATA_DIR: dataDir, MELDKAMER_DEMO: '1', DATABASE_URL: database?.url ?? '' });
    await waitHealthy(url);
    const login = (await (
      await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'centralist', password: 'centralist' }) })
    ).json()) as LoginResponse;

    const acked: Report[] = [];
    let sent = 0;
    const writer = async () => {
      for (;;) {
        const i = sent++;
        const body = i % 3 === 0 ? sampleReport({ description: `Melding ${i}`, reporter: { email: `melder${i}@example.nl` }, consent: { contact: true } }) : sampleReport({ description: `Melding ${i}` });
        try {
          const res = await fetch(`${url}/api/reports`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` },
            body: JSON.stringify(body),
          });
          if (res.status !== 201) return;
          acked.push((await res.json()) as Report);
        } catch {
          return; // the hub is gone
        }
      }
    };
    const writers = Array.from({ length: IN_FLIGHT }, writer);
    await until(() => acked.length >= KILL_AFTER_ACKS, 60_000, `${KILL_AFTER_ACKS} acknowledged creates`);
    await killHard(child);
    child = undefined;
    await Promise.all(writers);
    expect(sent).toBeGreaterThan(acked.length);

    // Opened as the next start would open it (SQLite recovers from its WAL here).
    const opened = openStore({ dataDir, databaseUrl: database?.url });
    try {
      // One snapshot: on PostgreSQL a COMMIT the killed hub sent may still land while this reads (unacknowledged,
      // so allowed to commit), and every check must see the same state.
      await opened.db.transaction().setIsolationLevel('repeatable read').execute(async (db) => {
        const reports = await db.selectFrom('reports').select(['id', 'number', 'version']).execute();
        const byId = new Map(reports.map((r) => [r.id, r]));
        for (const report of acked) {
          expect(byId.get(report.id), `acknowledged ${report.number}`).toBeDefined();
          expect(Number(byId.get(report.id)?.number)).toBe(Number(report.number.slice(2)));
        }
        const events = await db.selectFrom('events').select(['seq', 'type', 'report_id']).orderBy('seq').execute();
        const seqs = events.map((e) => Number(e.seq));
        expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
        // Every report has its report.created event at its version, and every such event its report.
        const created = new Map(events.filter((e) => e.type === 'report.created').map((e) => [e.report_id, Number(e.seq)]));
        expect(created.size).toBe(reports.length);
        for (const r of reports) expect(created.get(r.id), `event of report ${r.number}`).toBeDefined();
        for (const report of acked) expect(created.get(report.id)).toBe(report.version);
        // The reporters and receipts of the acknowledged creates that had one, and none without a report.
        const withReporter = acked.filter((r) => r.hasReporter).map((r) => r.id);
        const { rows } = await sql<{ report_id: string; reporters: number | string; messages: number | string }>`
          select r.id as report_id,
            (select count(*) from reporters p where p.report_id = r.id) as reporters,
            (select count(*) from outbox o where o.report_id = r.id) as messages
          from reports r`.execute(db);
        const counts = new Map(rows.map((r) => [r.report_id, { reporters: Number(r.reporters), messages: Number(r.messages) }]));
        for (const id of withReporter) expect(counts.get(id)).toEqual({ reporters: 1, messages: 1 });
        const orphans = await sql<{ n: number | string }>`select
            (select count(*) from reporters where report_id not in (select id from reports))
          + (select count(*) from outbox where report_id not in (select id from reports)) as n`.execute(db);
        expect(Number(orphans.rows[0]?.n)).toBe(0);
      });
    } finally {
      await opened.close();
    }
  }, 120_000);
});
