import { parentPort } from 'node:worker_threads';
import { type BackupOutcome, backupSqliteFile } from '../store/sqlite-backup';

/** The backup worker's entry (started by hub/backup-job.ts through boot.mjs): copies the store off the event loop. */
export interface BackupJobRequest {
  source: string;
  target: string;
}

export type BackupJobAnswer = { outcome: BackupOutcome } | { failure: string };

parentPort?.once('message', (job: BackupJobRequest) => {
  backupSqliteFile(job.source, job.target).then(
    (outcome) => parentPort?.postMessage({ outcome } satisfies BackupJobAnswer),
    (err: unknown) => parentPort?.postMessage({ failure: err instanceof Error ? err.message : String(err) } satisfies BackupJobAnswer),
  );
});
