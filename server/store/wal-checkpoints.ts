import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

const BOOT = new URL('../workers/boot.mjs', import.meta.url);
// Plain JavaScript (see the file): boot.mjs then starts it without tsx's loader.
const ENTRY = new URL('../workers/checkpoint-worker.mjs', import.meta.url);

/** What the checkpoint worker (workers/checkpoint-worker.mjs) is started with. */
interface CheckpointWorkerData {
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

/** What it tells the hub: a checkpoint failed (the hub falls back to its own). */
type CheckpointWorkerMessage = { failure: string };

/** The worker looks at the WAL's length this often, and checkpoints at SQLite's own threshold (1,000 pages). */
const LOOK_EVERY_MS = 25;
const CHECKPOINT_FRAMES = 1_000;
/** A WAL with fewer pages is checkpointed after this long (so a quiet hub's WAL is folded in too). */
const AT_LEAST_EVERY_MS = 5_000;
/**
 * The hub's own connection still checkpoints when the WAL reaches this many pages (~40 MB): only when the worker is
 * gone or cannot keep up, so the WAL stays bounded.
 */
const FALLBACK_PAGES = 10_000;

export interface WalCheckpoints {
  stop(): Promise<void>;
}

/**
 * WAL checkpoints on a worker thread with a connection of its own. SQLite's automatic checkpoint runs inside the
 * COMMIT that crosses 1,000 WAL pages, on the event loop: it writes the pages back into the database file and syncs
 * it. At 200 reports/s that was a checkpoint every ~140 ms inside some report's commit, a stall of the whole hub
 * each time (docs/BENCHMARKS.md, fan-out). Commits are as durable as before: they still sync the WAL themselves.
 */
export function checkpointOnWorker(database: SQLite.Database, file: string, onFailure: (message: string) => void): WalCheckpoints {
  const workerData: CheckpointWorkerData = {
    entry: ENTRY.href,
    file,
    lookEveryMs: LOOK_EVERY_MS,
    frames: CHECKPOINT_FRAMES,
    atLeastEveryMs: AT_LEAST_EVERY_MS,
  };
  const worker = new Worker(BOOT, { workerData });
  worker.unref();
  let running = true;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const fallBack = () => {
    running = false;
    database.pragma('wal_autocheckpoint = 1000');
  };
  worker.on('message', (message: CheckpointWorkerMessage) => {
    if ('failure' in message) onFailure(message.failure);
  });
  worker.on('error', (err) => {
    onFailure(err.message);
    if (database.open) fallBack();
  });
  database.pragma(`wal_autocheckpoint = ${FALLBACK_PAGES}`);
  return {
    stop: async () => {
      // Kept alive until the worker has closed its connection (the hub closes its own after this).
      worker.ref();
      if (running) worker.postMessage('stop');
      running = false;
      await exited;
    },
  };
}
