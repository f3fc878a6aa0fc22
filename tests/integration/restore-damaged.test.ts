import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../server/store/migrate';
import { openStore } from '../../server/store/open';
import { backupSqliteFile, SQLITE_FILE } from '../../server/store/sqlite-backup';
import { restoreSqlite } from '../../server/store/sqlite-restore';

/**
 * `npm run restore` where it is needed most: the database in the data directory is damaged (a disk fault), and an
 * operator who restores twice keeps both databases that were replaced (README "Operating Meldkamer": the database
 * that was there is kept, never deleted).
 */
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'meldkamer-restore-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A migrated embedded store and a backup of it. */
async function aBackup(): Promise<{ dataDir: string; backup: string }> {
  const dataDir = tempDir();
  const store = openStore({ dataDir });
  await migrateToLatest(store.db);
  await store.close();
  const backup = join(tempDir(), 'copy.sqlite');
  await backupSqliteFile(join(dataDir, SQLITE_FILE), backup);
  return { dataDir, backup };
}

describe('restore over a damaged or replaced database', () => {
  it('restores over a live file that is not a database any more, and keeps the damaged file aside', async () => {
    const { dataDir, backup } = await aBackup();
    const live = join(dataDir, SQLITE_FILE);
    const damage = Buffer.from('kapot door een schijffout '.repeat(400));
    writeFileSync(live, damage);
    const outcome = restoreSqlite(backup, dataDir, new Date('2026-11-30T12:00:00Z'));
    expect(outcome.previous).toBe(`${live}.before-restore-20261130-120000`);
    expect(readFileSync(outcome.previous as string)).toEqual(damage);
    expect(readFileSync(live)).toEqual(readFileSync(backup));
  }, 120_000);

  it('two restores in the same second keep both databases they replaced', async () => {
    const { dataDir, backup } = await aBackup();
    const live = join(dataDir, SQLITE_FILE);
    const at = new Date('2026-11-30T12:00:00Z');
    const original = readFileSync(live);
    const first = restoreSqlite(backup, dataDir, at);
    const second = restoreSqlite(backup, dataDir, at);
    expect(second.previous).not.toBe(first.previous);
    expect(existsSync(first.previous as string)).toBe(true);
    expect(readFileSync(first.previous as string)).toEqual(original);
    expect(existsSync(second.previous as string)).toBe(true);
  }, 120_000);
});
