/**
 * One check run at a time may build, migrate or copy the cached fixture (helpers run goals side by side): a lock
 * directory holding the owner's pid, taken over when that process is gone. Also sweeps copies that dead runs left.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { PG_ADMIN_URL, say, sleep } from '../support';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function withFixtureLock<T>(cacheDir: string, fn: () => Promise<T>): Promise<T> {
  mkdirSync(cacheDir, { recursive: true });
  const lock = join(cacheDir, 'lock');
  let told = false;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch {
      const owner = Number(existsSync(join(lock, 'pid')) ? readFileSync(join(lock, 'pid'), 'utf8') : Number.NaN);
      if (Number.isFinite(owner) && !alive(owner)) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (!told) say(`fixture: waiting for another check run (pid ${owner}) that is building, migrating or copying the fixture`);
      told = true;
      await sleep(2_000);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Copy names carry their run's pid (`copy-<pid>-…`, `<db>_copy_<pid>_<n>`); a dead pid's copies are removed. */
export async function sweepDeadCopies(cacheDir: string, pgName: string | undefined): Promise<void> {
  for (const entry of existsSync(cacheDir) ? readdirSync(cacheDir) : []) {
    const pid = /^copy-(\d+)-/.exec(entry)?.[1];
    if (pid && !alive(Number(pid))) rmSync(join(cacheDir, entry), { recursive: true, force: true });
  }
  if (!pgName) return;
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    const rows = await client.query<{ datname: string }>('select datname from pg_database where datname like $1', [`${pgName}_copy_%`]);
    for (const { datname } of rows.rows) {
      const pid = new RegExp(`^${pgName}_copy_(\\d+)_`).exec(datname)?.[1];
      if (pid && !alive(Number(pid))) await client.query(`drop database if exists ${datname} with (force)`);
    }
  } finally {
    await client.end();
  }
}
