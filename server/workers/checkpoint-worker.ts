import { closeSync, openSync, readSync } from 'node:fs';
import { endianness } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

/** The checkpoint worker's entry (started by store/wal-checkpoints.ts through boot.mjs). */
export interface CheckpointWorkerData {
  entry: string;
  /** The live SQLite file (WAL mode, set by the hub's connection). */
  file: string;
  /** How often the WAL's length is looked at. */
  lookEveryMs: number;
  /** Checkpoint once this many WAL frames are not yet in the database file (SQLite's own default is 1,000)… */
  frames: number;
  /** …or when any are and this long has passed since the last checkpoint. */
  atLeastEveryMs: number;
}

export type CheckpointWorkerMessage = { failure: string };

const { file, lookEveryMs, frames, atLeastEveryMs } = workerData as CheckpointWorkerData;
const db = new SQLite(file, { fileMustExist: true });
// As the hub's connection: the database file is synced before the WAL may be reused.
db.pragma('synchronous = FULL');

/**
 * Frames in the WAL not yet copied into the database file, read from the WAL index (the -shm file,
 * https://www.sqlite.org/walformat.html: mxFrame at byte 16 of the header, nBackfill at byte 96; native byte order).
 * Read without a lock: a torn read only moves one checkpoint by one look.
 */
const header = Buffer.alloc(100);
const u32 = (offset: number) => (endianness() === 'LE' ? header.readUInt32LE(offset) : header.readUInt32BE(offset));
function walState(): { frames: number; behind: number } {
  let fd: number;
  try {
    fd = openSync(`${file}-shm`, 'r');
  } catch {
    return { frames: 0, behind: 0 };
  }
  try {
    if (readSync(fd, header, 0, 100, 0) < 100) return { frames: 0, behind: 0 };
  } finally {
    closeSync(fd);
  }
  const mxFrame = u32(16);
  return { frames: mxFrame, behind: Math.max(0, mxFrame - u32(96)) };
}

let last = Date.now();
// PASSIVE: copies what it can without waiting for or blocking the hub's writer and readers.
const timer = setInterval(() => {
  try {
    const wal = walState();
    // The hub's writer starts the WAL over only when a checkpoint has copied all of it: a write that came in during
    // the checkpoint leaves a few frames, so a long WAL is caught up at each look until it restarts.
    const due = wal.behind >= frames || (wal.behind > 0 && (wal.frames >= frames || Date.now() - last >= atLeastEveryMs));
    if (due) {
      db.pragma('wal_checkpoint(PASSIVE)');
      last = Date.now();
    }
  } catch (err) {
    parentPort?.postMessage({ failure: err instanceof Error ? err.message : String(err) } satisfies CheckpointWorkerMessage);
  }
}, lookEveryMs);

parentPort?.on('message', (message: unknown) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort?.close();
});
