import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * A hub on the embedded store marks its data directory as in use (`hub.lock`: process id, host, start time), so that
 * `npm run restore` can refuse to replace a database under a running hub. A lock whose process is gone (a crash, a
 * SIGKILL) is stale and ignored. Not a guard between two hubs: SQLite's own locks keep one file consistent.
 */
const LOCK_FILE = 'hub.lock';

export interface DataDirHolder {
  pid: number;
  host: string;
  since: string;
}

export function markDataDirInUse(dataDir: string, at: Date): () => void {
  const file = join(dataDir, LOCK_FILE);
  const mine: DataDirHolder = { pid: process.pid, host: hostname(), since: at.toISOString() };
  writeFileSync(file, `${JSON.stringify(mine)}\n`);
  return () => {
    // Only our own mark: a second hub in this process (tests) may have written its own since.
    const holder = readHolder(file);
    if (holder && holder.pid === mine.pid && holder.since === mine.since) rmSync(file, { force: true });
  };
}

/** The running hub that holds the directory, or null when none does (no lock, or one whose process is gone). */
export function dataDirHolder(dataDir: string): DataDirHolder | null {
  const holder = readHolder(join(dataDir, LOCK_FILE));
  if (!holder) return null;
  // Another machine's process cannot be looked at from here: its lock counts as held.
  if (holder.host !== hostname()) return holder;
  return processIsAlive(holder.pid) ? holder : null;
}

function readHolder(file: string): DataDirHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<DataDirHolder>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string' || typeof parsed.since !== 'string') return null;
    return { pid: parsed.pid, host: parsed.host, since: parsed.since };
  } catch {
    return null;
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
