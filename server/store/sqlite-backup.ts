import { closeSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import SQLite from 'better-sqlite3';

/** The embedded store's file name inside the data directory (store/open.ts). */
export const SQLITE_FILE = 'meldkamer.sqlite';

export interface BackupOutcome {
  file: string;
  /** The last event in the copy: everything up to it is in, nothing after it. */
  seq: number;
  bytes: number;
  pages: number;
  ms: number;
}

// One step of every page: the copy is made inside a single read transaction, so it is one consistent moment of the
// database however much the hub writes meanwhile (WAL: the hub's writers are not held up by it). With SQLite's default of
// 100 pages a step, every write by the hub's own connection between steps would restart the copy from the beginning.
const ALL_PAGES = 0x7fffffff;

/**
 * Copies the live SQLite database at `source` to `target` with SQLite's online backup API, through a connection of its
 * own (the hub keeps running and writing). The copy is written next to the target as `.partial`, checked
 * (`PRAGMA quick_check`), flushed to disk and only then renamed to `target`: a target that exists is always complete.
 * Synchronous at heart (SQLite copies the pages): the hub calls it on a worker thread (workers/backup-worker.ts).
 */
export async function backupSqliteFile(source: string, target: string): Promise<BackupOutcome> {
  const started = Date.now();
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  const db = new SQLite(source, { fileMustExist: true });
  let pages: number;
  try {
    db.pragma('busy_timeout = 5000');
    const progress = await db.backup(partial, { progress: () => ALL_PAGES });
    pages = progress.totalPages;
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  } finally {
    db.close();
  }
  try {
    const seq = checkCopy(partial);
    flushToDisk(partial);
    renameSync(partial, target);
    return { file: target, seq, bytes: statSync(target).size, pages, ms: Date.now() - started };
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
}

function checkCopy(file: string): number {
  const copy = new SQLite(file, { fileMustExist: true });
  try {
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`the copy failed its check: ${String(check)}`);
    // A copy of a WAL database is itself marked WAL; the restored store opens it so again (store/open.ts).
    const row = copy.prepare('select coalesce(max(seq), 0) as seq from events').get() as { seq: number };
    return row.seq;
  } finally {
    copy.close();
  }
}

/** fsync of the file, so a power cut right after "backup written" cannot leave a renamed but empty file. */
export function flushToDisk(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** `meldkamer-20261130-143000.sqlite` (UTC): the names sort by time. */
export function backupFileName(at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `meldkamer-${stamp}.sqlite`;
}

export const BACKUP_FILE_PATTERN = /^meldkamer-\d{8}-\d{6}\.sqlite$/;
