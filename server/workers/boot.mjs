// Worker bootstrap: the hub runs its TypeScript through tsx, and a worker thread starts without it, so the
// worker registers tsx's loader before importing its entry (server/workers/*.ts).
import { workerData } from 'node:worker_threads';

if (String(workerData.entry).endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
