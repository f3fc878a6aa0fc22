import { mkdirSync, readdirSync, rmSync, statfsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { BACKUP_FILE_PATTERN, type BackupOutcome, backupFileName } from '../store/sqlite-backup';
import type { BackupJobAnswer, BackupJobRequest } from '../workers/backup-worker';
import { Periodic } from './periodic';

const BOOT = new URL('../workers/boot.mjs', import.meta.url);
const ENTRY = new URL(`../workers/backup-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

export interface BackupSettings {
  /** The live SQLite file. */
  source: string;
  dir: string;
  intervalMinutes: number;
  keep: number;
}

export type LastBackup = { at: string; ok: true; outcome: BackupOutcome } | { at: string; ok: false; error: string };

/**
 * The scheduled backup of the embedded store: every `intervalMinutes` a consistent copy into `dir` (store/sqlite-backup.ts,
 * on a worker thread: copying a large database takes seconds of CPU the event loop must not lose), then all but the
 * newest `keep` copies are deleted. A failed copy leaves the earlier ones alone and is logged; `last` tells how the
 * latest run went (for monitoring).
 */
export class BackupJob {
  private readonly schedule: Periodic;
  last: LastBackup | undefined;

  constructor(
    private readonly settings: BackupSettings,
    private readonly log: Pick<Logger, 'info' | 'warn' | 'error'>,
    private readonly clock: () => Date,
  ) {
    this.schedule = new Periodic(settings.intervalMinutes * 60_000, () => this.runOnce(), log, 'scheduled backup');
  }

  start(): void {
    this.schedule.start();
  }

  stop(): Promise<void> {
    return this.schedule.stop();
  }

  /** A backup now (tests, and the schedule). Resolves with how it went; never rejects. */
  async runNow(): Promise<LastBackup> {
    await this.schedule.tick();
    return this.last as LastBackup;
  }

  private async runOnce(): Promise<void> {
    const at = this.clock();
    const target = join(this.settings.dir, backupFileName(at));
    try {
      mkdirSync(this.settings.dir, { recursive: true });
      refuseWithoutRoom(this.settings.source, this.settings.dir);
      const outcome = await copyOnWorker({ source: this.settings.source, target });
      this.last = { at: at.toISOString(), ok: true, outcome };
      this.log.info({ backup: outcome.file, seq: outcome.seq, bytes: outcome.bytes, ms: outcome.ms }, 'backup written');
      this.prune();
    } catch (err) {
      this.last = { at: at.toISOString(), ok: false, error: (err as Error).message };
      this.log.error({ err, backup: target }, 'backup failed');
    }
  }

  private prune(): void {
    const copies = readdirSync(this.settings.dir).filter((name) => BACKUP_FILE_PATTERN.test(name)).sort();
    for (const name of copies.slice(0, Math.max(0, copies.length - this.settings.keep))) {
      rmSync(join(this.settings.dir, name), { force: true });
    }
  }
}

/**
 * A copy needs the database's size on the backup disk, and that disk may be the live database's own (the default):
 * with less than twice the size free the copy is not begun, so a backup never fills the disk the hub writes to.
 */
function refuseWithoutRoom(source: string, dir: string): void {
  const { bavail, bsize } = statfsSync(dir);
  const problem = backupRoomProblem(statSync(source).size, bavail * bsize);
  if (problem) throw new Error(`${dir}: ${problem}`);
}

/** Why a copy of `databaseBytes` cannot be begun with `freeBytes` free, or null when it can. */
export function backupRoomProblem(databaseBytes: number, freeBytes: number): string | null {
  const needed = databaseBytes * 2;
  if (freeBytes >= needed) return null;
  const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
  return `not enough free space: ${mb(freeBytes)} free, ${mb(needed)} needed (twice the database); no copy made`;
}

function copyOnWorker(request: BackupJobRequest): Promise<BackupOutcome> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(BOOT, { workerData: { entry: ENTRY.href } });
    let settled = false;
    worker.once('message', (answer: BackupJobAnswer) => {
      settled = true;
      void worker.terminate();
      if ('failure' in answer) reject(new Error(answer.failure));
      else resolve(answer.outcome);
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`backup worker stopped (exit code ${code})`));
    });
    worker.postMessage(request);
  });
}
