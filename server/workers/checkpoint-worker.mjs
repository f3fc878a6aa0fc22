import { closeSync, openSync, readSync } from 'node:fs';
import { endianness } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

// The checkpoint worker (started by store/wal-checkpoints.ts through boot.mjs, which types its data and messages).
// Plain JavaScript on purpose: a TypeScript entry makes boot.mjs register tsx's loader in the worker, which costs the
// hub ~26 MB more resident memory (a loader thread and its isolate) than this whole worker (~15 MB).

/** @type {{ file: string; lookEveryMs: number; frames: number; atLeastEveryMs: number }} */
const { file, lookEveryMs, frames, atLeastEveryMs } = workerData;
const db = new SQLite(file, { fileMustExist: true });
// As the hub's connection: the database file is synced before the WAL may be reused.
db.pragma('synchronous = FULL');

/**
 * Frames in the WAL not yet copied into the database file, read from the WAL index (the -shm file,
 * https://www.sqlite.org/walformat.html: mxFrame at byte 16 of the header, nBackfill at byte 96; native byte order).
 * Read without a lock: a torn read only moves one checkpoint by one look.
 * Through one descriptor, opened once and closed only when the worker stops: POSIX locks belong to the process, and
 * closing any descriptor of a file drops every lock the process holds on it (SQLite's "How To Corrupt", 2.2). A
 * descriptor opened and closed at each look took the hub's own locks on the WAL index away 40 times a second, and
 * another process opening the database meanwhile would have taken itself for its only user.
 */
const header = Buffer.alloc(100);
/** @type {number | undefined} */
let shm;
/** @param {number} offset */
const u32 = (offset) => (endianness() === 'LE' ? header.readUInt32LE(offset) : header.readUInt32BE(offset));
/** @returns {{ frames: number; behind: number }} */
function walState() {
  if (shm === undefined) {
    try {
      shm = openSync(`${file}-shm`, 'r');
    } catch {
      return { frames: 0, behind: 0 };
    }
  }
  if (readSync(shm, header, 0, 100, 0) < 100) return { frames: 0, behind: 0 };
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
    parentPort?.postMessage({ failure: err instanceof Error ? err.message : String(err) });
  }
}, lookEveryMs);

parentPort?.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  // Last: the hub closes its own connection right after this worker has stopped (store/wal-checkpoints.ts).
  if (shm !== undefined) closeSync(shm);
  parentPort?.close();
});
