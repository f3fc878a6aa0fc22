/**
 * A real hub in its own process (forked by goals/memory.ts) so its resident memory is the hub's alone: production
 * defaults, demo users, logging off, on the data dir / database URL it is given. It makes the bench's field units
 * and their sessions, samples its own RSS every 200 ms, and answers over IPC.
 */
import { loadConfig } from '../../../server/config';
import { startHub } from '../../../server/start-hub';
import { fieldSessions } from '../fanout';

export type ToHub = { type: 'rss' } | { type: 'resetPeak' } | { type: 'close' };
export type FromHub =
  | { type: 'ready'; url: string; fieldTokens: string[]; rssMb: number }
  | { type: 'rss'; rssMb: number; peakMb: number; heapMb: number }
  | { type: 'error'; message: string };

const mb = (bytes: number) => bytes / 1024 / 1024;
const send = (m: FromHub) => process.send?.(m);

async function main(): Promise<void> {
  const [dataDir, databaseUrl] = process.argv.slice(2);
  const config = loadConfig({}, { host: '127.0.0.1', port: 0, dataDir: dataDir!, databaseUrl: databaseUrl || undefined, demo: true, logLevel: 'silent' });
  const hub = await startHub(config);
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 200);
  process.on('message', async (m: ToHub) => {
    if (m.type === 'rss') {
      const now = process.memoryUsage();
      peak = Math.max(peak, now.rss);
      send({ type: 'rss', rssMb: mb(now.rss), peakMb: mb(peak), heapMb: mb(now.heapUsed) });
    } else if (m.type === 'resetPeak') {
      peak = process.memoryUsage().rss;
      send({ type: 'rss', rssMb: mb(peak), peakMb: mb(peak), heapMb: mb(process.memoryUsage().heapUsed) });
    } else if (m.type === 'close') {
      clearInterval(sampler);
      await hub.close();
      process.exit(0);
    }
  });
  const fieldTokens = await fieldSessions(hub.store.db);
  send({ type: 'ready', url: hub.url, fieldTokens, rssMb: mb(process.memoryUsage().rss) });
}

main().catch((err: Error) => {
  send({ type: 'error', message: err.stack ?? String(err) });
  process.exit(1);
});
