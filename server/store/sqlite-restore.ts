import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { APP_VERSION } from '../version';
import { dataDirHolder } from './data-dir-lock';
import { assertCompatible, COMPAT_TABLE, INDEX_BUILD_TABLE, IncompatibleDatabaseError, NewerDatabaseError } from './migrate';
import { migrations } from './migrations/index';
import { flushToDisk, SQLITE_FILE } from './sqlite-backup';

export class RestoreRefused extends Error {}

export interface RestoreOutcome {
  /** The restored database's last event. */
  seq: number;
  /** Where the database that was there before now is (kept, never deleted), or null when there was none. */
  previous: string | null;
  /** Stale `-wal`/`-shm` files moved aside with the previous database. */
  movedAside: string[];
}

/**
 * Restores a backup (`npm run backup` or the scheduled one) into a STOPPED hub's data directory:
 * 1. refuses while a hub holds the directory (store/data-dir-lock.ts);
 * 2. checks the backup: a SQLite file, `PRAGMA integrity_check` ok, a Meldkamer database this code runs on, as the
 *    hub checks its database at start (store/migrate.ts assertCompatible: a newer release's additive migrations pass,
 *    one contracted past this code does not): said here, before anything moves;
 * 3. keeps the database that is there: its WAL is checkpointed into it (when it can be read: a damaged one goes as it
 *    is) and it is renamed `meldkamer.sqlite.before-restore-<time>` (`-2`, `-3`, … after another restore in the same
 *    second); a `-wal`/`-shm` left beside it goes with it, so none is applied to the restored file;
 * 4. copies the backup in as `.restoring`, flushes it to disk and renames it into place.
 */
export function restoreSqlite(backupFile: string, dataDir: string, at: Date): RestoreOutcome {
  const holder = dataDirHolder(dataDir);
  if (holder) {
    throw new RestoreRefused(
      `a hub is running on ${dataDir} (process ${holder.pid} on ${holder.host}, since ${holder.since}): stop it first` +
        (holder.host === hostname()
          ? ''
          : ` (a lock written on another host, e.g. before a container restart, cannot be checked from here: when no hub runs there, delete ${join(dataDir, 'hub.lock')})`),
    );
  }
  if (!existsSync(backupFile)) throw new RestoreRefused(`no such file: ${backupFile}`);
  const seq = checkBackup(backupFile);

  mkdirSync(dataDir, { recursive: true });
  const live = join(dataDir, SQLITE_FILE);
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  // Never over a database an earlier restore kept (two restores in one second).
  let aside = `${live}.before-restore-${stamp}`;
  for (let n = 2; [aside, `${aside}-wal`, `${aside}-shm`].some((f) => existsSync(f)); n++) aside = `${live}.before-restore-${stamp}-${n}`;
  let previous: string | null = null;
  const movedAside: string[] = [];
  if (existsSync(live)) {
    checkpoint(live);
    renameSync(live, aside);
    previous = aside;
  }
  for (const suffix of ['-wal', '-shm']) {
    if (!existsSync(live + suffix)) continue;
    renameSync(live + suffix, aside + suffix);
    movedAside.push(aside + suffix);
  }
  const incoming = `${live}.restoring`;
  rmSync(incoming, { force: true });
  copyFileSync(backupFile, incoming);
  flushToDisk(incoming);
  renameSync(incoming, live);
  return { seq, previous, movedAside };
}

/** The backup's last event seq, after checking it can be restored. */
export function checkBackup(file: string): number {
  let db: SQLite.Database;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new RestoreRefused(`not a database file: ${file} (${(err as Error).message})`);
  }
  try {
    let check: unknown;
    try {
      check = db.pragma('integrity_check', { simple: true });
    } catch (err) {
      throw new RestoreRefused(`not a database file: ${file} (${(err as Error).message})`);
    }
    if (check !== 'ok') throw new RestoreRefused(`the backup is damaged (integrity_check: ${String(check)}): use another one`);
    const tables = new Set(
      (db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((t) => t.name),
    );
    if (!tables.has('events') || !tables.has('schema_migrations')) {
      throw new RestoreRefused(`${file} is not a Meldkamer database (no events or schema_migrations table)`);
    }
    const booked = (table: string) =>
      tables.has(table) ? (db.prepare(`select name from ${table}`).all() as { name: string }[]).map((r) => r.name) : [];
    const applied = [...booked('schema_migrations'), ...booked(INDEX_BUILD_TABLE)];
    try {
      assertCompatible(applied, tables.has(COMPAT_TABLE) ? recordedCompatibility(db) : new Map(), migrations, APP_VERSION);
    } catch (err) {
      if (err instanceof NewerDatabaseError) {
        throw new RestoreRefused(
          `the backup was written by a newer version of Meldkamer (unknown migrations: ${err.unknownMigrations.join(', ')}): ` +
            'restore it with that version or newer',
        );
      }
      if (err instanceof IncompatibleDatabaseError) {
        throw new RestoreRefused(
          `the backup needs Meldkamer ${err.requiredVersion} or newer (migration ${err.requiringMigrations.join(', ')}); ` +
            `this is ${err.ownVersion}: restore it with that version or newer`,
        );
      }
      throw err;
    }
    return (db.prepare('select coalesce(max(seq), 0) as seq from events').get() as { seq: number }).seq;
  } finally {
    db.close();
  }
}

/** The backup's schema_compat (store/migrate.ts): migration → the oldest release that runs on it. */
function recordedCompatibility(db: SQLite.Database): Map<string, string> {
  const rows = db.prepare(`select migration, oldest_version from ${COMPAT_TABLE}`).all() as { migration: string; oldest_version: string }[];
  return new Map(rows.map((r) => [r.migration, r.oldest_version]));
}

/**
 * Folds the WAL into the database that is moved aside, where it can. A damaged database (the reason to restore, often)
 * cannot be checkpointed: it goes aside as it is, its `-wal`/`-shm` renamed with it, so nothing of it is lost.
 */
function checkpoint(file: string): void {
  let db: SQLite.Database | undefined;
  try {
    db = new SQLite(file, { fileMustExist: true });
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // Kept as it is (see above).
  } finally {
    db?.close();
  }
}
