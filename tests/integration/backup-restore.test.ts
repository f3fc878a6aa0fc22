import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Report } from '../../server/protocol/report';
import { backupSqliteFile, SQLITE_FILE } from '../../server/store/sqlite-backup';
import { RestoreRefused, restoreSqlite } from '../../server/store/sqlite-restore';
import { sampleReport, startTestHub, type TestHub, until } from '../support/hub';

const dirs: string[] = [];
const hubs: TestHub[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'meldkamer-backup-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  for (const t of hubs.splice(0)) await t.stop().catch(() => undefined);
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function hubOn(dataDir: string, config: Record<string, unknown> = {}, clock?: () => Date): Promise<TestHub> {
  const t = await startTestHub({ dataDir, config, ...(clock ? { clock } : {}) });
  hubs.push(t);
  return t;
}

async function stopHub(t: TestHub): Promise<void> {
  hubs.splice(hubs.indexOf(t), 1);
  await t.stop();
}

/** Creates reports, 20 in flight, until stopped; `acked` grows as the hub answers. */
function writeUnderLoad(t: TestHub, token: string) {
  const acked: Report[] = [];
  let stopped = false;
  let i = 0;
  const writer = async () => {
    while (!stopped) {
      const n = i++;
      const body = n % 3 === 0 ? sampleReport({ description: `Melding ${n}`, reporter: { email: `melder${n}@example.nl` }, consent: { contact: true } }) : sampleReport({ description: `Melding ${n}` });
      const res = await t.api<Report>('POST', '/api/reports', token, body);
      if (res.status !== 201) throw new Error(`create answered ${res.status}`);
      acked.push(res.body);
    }
  };
  const writers = Array.from({ length: 20 }, writer);
  return {
    acked,
    stop: async () => {
      stopped = true;
      await Promise.all(writers);
    },
  };
}

/** What a restored database must be: every event up to `seq` and none after, gap-free; nothing half-written. */
function expectWholeUpTo(file: string, seq: number, mustHave: Report[]): void {
  const db = new SQLite(file, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const seqs = (db.prepare('select seq from events order by seq').all() as { seq: number }[]).map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: seq }, (_, k) => k + 1));
    const reports = new Set((db.prepare('select id from reports').all() as { id: string }[]).map((r) => r.id));
    for (const report of mustHave) expect(reports.has(report.id), `acknowledged ${report.number}`).toBe(true);
    const created = new Set(
      (db.prepare("select report_id from events where type = 'report.created'").all() as { report_id: string }[]).map((e) => e.report_id),
    );
    expect(created).toEqual(reports);
    const orphans = db
      .prepare(
        `select (select count(*) from reporters where report_id not in (select id from reports))
              + (select count(*) from outbox where report_id not in (select id from reports)) as n`,
      )
      .get() as { n: number };
    expect(orphans.n).toBe(0);
  } finally {
    db.close();
  }
}

describe('backup and restore of the embedded store', () => {
  it('copies the live database while the hub writes, and a restore holds every event up to the copy and nothing half-written', async () => {
    const dataDir = tempDir();
    const t = await hubOn(dataDir, { backupIntervalMinutes: 0 });
    const { token } = await t.login('centralist');
    const load = writeUnderLoad(t, token);
    await until(() => load.acked.length >= 60, 60_000, '60 reports acknowledged');

    // As `npm run backup` does (a connection of its own) and as the schedule does (on a worker thread), both mid-load.
    const ackedBefore = [...load.acked];
    const cliCopy = join(tempDir(), 'cli.sqlite');
    const byCli = await backupSqliteFile(join(dataDir, SQLITE_FILE), cliCopy);
    const ackedBeforeJob = [...load.acked];
    const byJob = await t.hub.backups?.runNow();
    await until(() => load.acked.length >= ackedBeforeJob.length + 40, 60_000, '40 more reports after the backups');
    await load.stop();
    await stopHub(t);

    expect(byJob?.ok, JSON.stringify(byJob)).toBe(true);
    if (!byJob?.ok) return;
    expect(byCli.seq).toBeGreaterThanOrEqual(ackedBefore.length);
    expect(byJob.outcome.seq).toBeGreaterThan(byCli.seq);
    for (const [copy, seq, mustHave] of [
      [cliCopy, byCli.seq, ackedBefore],
      [byJob.outcome.file, byJob.outcome.seq, ackedBeforeJob],
    ] as const) {
      const target = tempDir();
      const outcome = restoreSqlite(copy, target, new Date());
      expect(outcome).toEqual({ seq, previous: null, movedAside: [] });
      expectWholeUpTo(join(target, SQLITE_FILE), seq, mustHave);
      // The restored store starts and goes on from the copy's last event.
      const restored = await hubOn(target, { backupIntervalMinutes: 0 });
      const { token: again } = await restored.login('centralist');
      const next = await restored.api<Report>('POST', '/api/reports', again, sampleReport());
      expect(next.status).toBe(201);
      expect(next.body.version).toBeGreaterThan(seq);
      await stopHub(restored);
    }
  }, 180_000);

  it('refuses a running hub, a damaged file and a newer version; keeps the database it replaces', async () => {
    const dataDir = tempDir();
    const t = await hubOn(dataDir, { backupIntervalMinutes: 0 });
    const { token } = await t.login('centralist');
    const first = await t.api<Report>('POST', '/api/reports', token, sampleReport({ description: 'Voor de back-up' }));
    const copy = join(tempDir(), 'copy.sqlite');
    await backupSqliteFile(join(dataDir, SQLITE_FILE), copy);
    const later = await t.api<Report>('POST', '/api/reports', token, sampleReport({ description: 'Na de back-up' }));

    expect(() => restoreSqlite(copy, dataDir, new Date())).toThrow(/a hub is running on .* stop it first/);
    await stopHub(t);

    const garbage = join(tempDir(), 'garbage.sqlite');
    writeFileSync(garbage, 'dit is geen database'.repeat(100));
    expect(() => restoreSqlite(garbage, dataDir, new Date())).toThrow(RestoreRefused);
    const newer = join(tempDir(), 'newer.sqlite');
    await backupSqliteFile(join(dataDir, SQLITE_FILE), newer);
    const edit = new SQLite(newer);
    edit.prepare("insert into schema_migrations (name, timestamp) values ('9999_from_the_future', '2030-01-01')").run();
    edit.close();
    expect(() => restoreSqlite(newer, dataDir, new Date())).toThrow(/newer version of Meldkamer \(unknown migrations: 9999_from_the_future\)/);
    expect(() => restoreSqlite(join(dataDir, 'nope.sqlite'), dataDir, new Date())).toThrow(/no such file/);
    // Nothing moved by the refusals.
    expect(readdirSync(dataDir).filter((n) => n.includes('before-restore'))).toEqual([]);

    // A stale -shm left by a crash must not be applied to the restored file: it goes aside with the old database.
    writeFileSync(join(dataDir, `${SQLITE_FILE}-shm`), Buffer.alloc(32_768, 7));
    const outcome = restoreSqlite(copy, dataDir, new Date('2026-11-30T12:00:00Z'));
    expect(outcome.previous).toBe(join(dataDir, `${SQLITE_FILE}.before-restore-20261130-120000`));
    expect(existsSync(join(dataDir, `${SQLITE_FILE}-wal`))).toBe(false);
    expect(existsSync(join(dataDir, `${SQLITE_FILE}-shm`))).toBe(false);
    const kept = new SQLite(outcome.previous as string, { readonly: true });
    expect((kept.prepare('select count(*) as n from reports where id = ?').get(later.body.id) as { n: number }).n).toBe(1);
    kept.close();

    const restored = await hubOn(dataDir, { backupIntervalMinutes: 0 });
    const { token: again } = await restored.login('centralist');
    expect((await restored.api('GET', `/api/reports/${first.body.id}`, again)).status).toBe(200);
    expect((await restored.api('GET', `/api/reports/${later.body.id}`, again)).status).toBe(404);
  }, 120_000);

  it('keeps the newest copies of the schedule and drops older ones', async () => {
    let now = Date.parse('2026-11-30T08:00:00Z');
    const backupDir = tempDir();
    const t = await hubOn(tempDir(), { backupIntervalMinutes: 0, backupKeep: 2, backupDir }, () => new Date(now));
    for (let k = 0; k < 3; k++) {
      const run = await t.hub.backups?.runNow();
      expect(run?.ok).toBe(true);
      now += 60 * 60_000;
    }
    expect(readdirSync(backupDir).sort()).toEqual(['meldkamer-20261130-090000.sqlite', 'meldkamer-20261130-100000.sqlite']);
  }, 60_000);

  it('npm run backup and npm run restore work from the command line', async () => {
    const dataDir = tempDir();
    const t = await hubOn(dataDir, { backupIntervalMinutes: 0 });
    const { token } = await t.login('centralist');
    await t.api('POST', '/api/reports', token, sampleReport());
    const copy = join(tempDir(), 'nacht.sqlite');
    const { DATABASE_URL: _db, MELDKAMER_CONFIG: _config, ...shell } = process.env;
    const env = { ...shell, MELDKAMER_DATA_DIR: dataDir };
    const run = (script: string, arg: string) => spawnSync(process.execPath, ['--import', 'tsx', `server/cli/${script}.ts`, arg], { env, encoding: 'utf8' });

    const backup = run('backup', copy);
    expect(backup.stderr).toBe('');
    expect(backup.stdout).toMatch(/^backup written: .*nacht\.sqlite \([\d.]+ MB, up to event \d+, \d+ ms\)\n$/);
    const refused = run('restore', copy);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/^meldkamer restore: a hub is running on .* stop it first\n$/);
    await stopHub(t);
    const restored = run('restore', copy);
    expect(restored.stderr).toBe('');
    expect(restored.stdout).toMatch(/restored into .*: up to event \d+\nthe database that was there is kept as .*before-restore-/);
  }, 120_000);
});
