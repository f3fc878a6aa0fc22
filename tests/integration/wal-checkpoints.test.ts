import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../server/store/open';

/**
 * SQLite WAL checkpoints on a worker thread (store/wal-checkpoints.ts): the hub's connection no longer checkpoints at
 * 1,000 pages inside some command's COMMIT, the worker does, and the WAL stays small.
 */
describe('SQLite WAL checkpoints on a worker', () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(join(os.tmpdir(), 'meldkamer-checkpoints-'));
    store = openStore({ dataDir: dir });
    await sql`create table t (id integer primary key, v text)`.execute(store.db);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the WAL small without the hub checkpointing, and closing removes it', async () => {
    const { rows: setting } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(store.db);
    expect(Number(setting[0]?.wal_autocheckpoint)).toBe(10_000);
    const row = 'x'.repeat(8_000);
    // ~12 MB through the WAL in 1,500 commits, below the hub connection's own threshold (10,000 pages, ~40 MB):
    // without the worker the WAL would hold all of it.
    for (let i = 0; i < 1_500; i++) {
      await store.writeTransaction((trx) => sql`insert into t (v) values (${row})`.execute(trx));
      if (i % 50 === 49) await new Promise((resolve) => setTimeout(resolve, 30));
    }
    expect(statSync(join(dir, 'meldkamer.sqlite-wal')).size).toBeLessThan(6_000_000);
    await store.close();
    expect(existsSync(join(dir, 'meldkamer.sqlite-wal'))).toBe(false);
    store = openStore({ dataDir: dir });
    const { rows } = await sql<{ n: number }>`select count(*) as n from t`.execute(store.db);
    expect(Number(rows[0]?.n)).toBe(1_500);
  });

  it.skipIf(!existsSync('/proc/locks'))("keeps the hub's locks on the WAL index: the worker never closes a descriptor of it while the database is open", async () => {
    // POSIX locks belong to the process: closing any descriptor of a file drops all of the process's locks on it
    // (SQLite's "How To Corrupt", 2.2). Without its lock on the -shm file another process opening the database (a
    // second hub on the same folder, a backup tool) would take itself for the only user and reset the WAL index.
    await sql`insert into t (v) values ('a')`.execute(store.db);
    const shm = statSync(join(dir, 'meldkamer.sqlite-shm')).ino;
    const ours = () =>
      readFileSync('/proc/locks', 'utf8')
        .split('\n')
        .filter((line) => line.includes(`:${shm} `) && line.split(/\s+/).includes(String(process.pid)));
    expect(ours().length).toBeGreaterThan(0);
    // Some 20 looks of the worker at the WAL's length.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(ours().length).toBeGreaterThan(0);
  });
});
