/**
 * A real hub in its own process (forked by goals/memory.ts) so its resident memory is the hub's alone: production
 * defaults, demo users, logging off, on the data dir / database URL it is given. It makes the bench's field units
 * and their sessions, samples its own RSS every 200 ms, and answers over IPC.
 */
import v8 from 'node:v8';
import { loadConfig } from '../../../server/config';
import { startHub } from '../../../server/start-hub';
import { fieldSessions } from '../fanout';

export type ToHub = { type: 'rss' } | { type: 'resetPeak' } | { type: 'close' };
export type FromHub =
  | { type: 'ready'; url: string; fieldTokens: string[]; rssMb: number }
  | { type: 'rss'; rssMb: number; peakMb: number; heapMb: number; atPeak: MemoryAtPeak }
  | { type: 'error'; message: string };

/** Where the peak RSS was, in MB: V8's heap in use, its large-object space, Buffers/ArrayBuffers (external). */
export interface MemoryAtPeak {
  heapUsed: number;
  largeObjects: number;
  arrayBuffers: number;
  external: number;
}

const mb = (bytes: number) => bytes / 1024 / 1024;
const send = (m: FromHub) => process.send?.(m);

async function main(): Promise<void> {
  const [dataDir, databaseUrl] = process.argv.slice(2);
  const config = loadConfig({}, { host: '127.0.0.1', port: 0, dataDir: dataDir!, databaseUrl: databaseUrl || undefined, demo: true, logLevel: 'silent' });
  const hub = await startHub(config);
  let peak = 0;
  let atPeak: MemoryAtPeak = { heapUsed: 0, largeObjects: 0, arrayBuffers: 0, external: 0 };
  const sample = () => {
    const now = process.memoryUsage();
    if (now.rss <= peak) return now;
    peak = now.rss;
    const lo = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'large_object_space')?.space_used_size ?? 0;
    atPeak = { heapUsed: mb(now.heapUsed), largeObjects: mb(lo), arrayBuffers: mb(now.arrayBuffers), external: mb(now.external) };
    return now;
  };
  sample();
  const sampler = setInterval(sample, 200);
  process.on('message', async (m: ToHub) => {
    if (m.type === 'rss') {
      const now = sample();
      send({ type: 'rss', rssMb: mb(now.rss), peakMb: mb(peak), heapMb: mb(now.heapUsed), atPeak });
    } else if (m.type === 'resetPeak') {
      peak = 0;
      const now = sample();
      send({ type: 'rss', rssMb: mb(peak), peakMb: mb(peak), heapMb: mb(now.heapUsed), atPeak });
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
