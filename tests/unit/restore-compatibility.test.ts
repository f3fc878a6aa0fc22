import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../server/store/migrate';
import { openStore } from '../../server/store/open';
import { SQLITE_FILE } from '../../server/store/sqlite-backup';
import { checkBackup, RestoreRefused } from '../../server/store/sqlite-restore';
import { APP_VERSION } from '../../server/version';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A migrated database file of this code, with what a newer release booked in it. */
async function backupBookedWith(migration: string, oldestVersion: string | null): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'meldkamer-restore-compat-'));
  dirs.push(dir);
  const store = openStore({ dataDir: dir });
  await migrateToLatest(store.db);
  await store.close();
  const file = join(dir, SQLITE_FILE);
  const db = new SQLite(file);
  db.prepare("insert into schema_migrations (name, timestamp) values (?, '2030-01-01')").run(migration);
  if (oldestVersion) db.prepare("insert into schema_compat (migration, oldest_version, recorded_at) values (?, ?, '2030-01-01')").run(migration, oldestVersion);
  db.close();
  return file;
}

describe('restore: the backup is checked as a hub checks its database at start', () => {
  it("takes a newer release's backup whose migrations record a release at or below this one (the hub runs on it)", async () => {
    const file = await backupBookedWith('9998_added_by_a_newer_release', '0.1.0');
    expect(checkBackup(file)).toBeGreaterThanOrEqual(0);
  });

  it('refuses a backup contracted past this release, naming the release it needs, before anything moves', async () => {
    const file = await backupBookedWith('9999_contracted', '99.0.0');
    expect(() => checkBackup(file)).toThrow(RestoreRefused);
    expect(() => checkBackup(file)).toThrow(
      `the backup needs Meldkamer 99.0.0 or newer (migration 9999_contracted); this is ${APP_VERSION}: restore it with that version or newer`,
    );
  });

  it('refuses a backup with a migration this code does not know and no record of it', async () => {
    const file = await backupBookedWith('9999_from_the_future', null);
    expect(() => checkBackup(file)).toThrow(/newer version of Meldkamer \(unknown migrations: 9999_from_the_future\)/);
  });
});
