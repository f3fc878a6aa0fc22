import { closeSync, fdatasync, openSync } from 'node:fs';

/** Makes the file's written data durable (fdatasync on libuv's thread pool, off the event loop). */
export type SyncFile = () => Promise<void>;

/**
 * Durability of a SQLite WAL, off the event loop. The write transaction commits with `synchronous = NORMAL` (its
 * frames are written to the WAL, not synced) and asks `durable()`, which resolves once an fdatasync of the WAL file
 * that began after that call has finished: every frame written before it is then on disk, as a FULL commit's own
 * sync would have made it. While one sync runs, every caller in the meantime shares the next one (at most one
 * running, one waiting), so a burst of groups costs two syncs, not one each.
 *
 * Frames the WAL dropped before the sync (a restart after a full checkpoint) were in the database file first, and a
 * checkpoint syncs the WAL before and the database file after it copies: what was durable stays so.
 */
export class WalSync {
  private running: Promise<void> | undefined;
  private waiting: Promise<void> | undefined;

  constructor(private readonly syncFile: SyncFile) {}

  durable(): Promise<void> {
    if (this.waiting) return this.waiting;
    if (!this.running) return this.start();
    // The running sync may have begun before this caller's writes: one more after it, shared by all who ask meanwhile.
    this.waiting = this.running
      .catch(() => undefined)
      .then(() => {
        this.waiting = undefined;
        return this.start();
      });
    return this.waiting;
  }

  private start(): Promise<void> {
    const run = this.syncFile().finally(() => {
      if (this.running === run) this.running = undefined;
    });
    this.running = run;
    return run;
  }
}

/**
 * fdatasync of a file through a descriptor of its own, opened on first use (a WAL file exists once the database is in
 * WAL mode and has been written). `close` lets it go. The descriptor is read-only: Linux syncs through any.
 */
export function fileSyncer(path: string): { sync: SyncFile; close(): void } {
  let fd: number | undefined;
  return {
    sync: () =>
      new Promise<void>((resolve, reject) => {
        try {
          fd ??= openSync(path, 'r');
        } catch (err) {
          reject(err);
          return;
        }
        fdatasync(fd, (err) => (err ? reject(err) : resolve()));
      }),
    close: () => {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}
