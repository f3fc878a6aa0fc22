import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { RetentionConfigSchema } from '../../server/hub/retention-config';
import { RetentionJob } from '../../server/hub/retention-job';
import { createLogger } from '../../server/log';
import { startTestHub, type TestHub, until } from '../support/hub';

let t: TestHub;
const logged: string[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeEach(async () => {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logged.push(String(chunk));
      done();
    },
  });
  t = await startTestHub({ logger: createLogger({ logLevel: 'info' }, stream), config: { retention: { intervalMinutes: 0 } } });
  process.on('unhandledRejection', onUnhandled);
});
afterEach(async () => {
  vi.useRealTimers();
  process.off('unhandledRejection', onUnhandled);
  await t.stop();
});

it('a scheduled retention run that fails (a lost database connection) is logged, not an unhandled rejection that ends the hub', async () => {
  // The store refuses the job's queries, as a database whose connection was just cut would.
  await sql`alter table reports rename to reports_away`.execute(t.hub.store.db);
  const job = new RetentionJob(t.hub.deps, { ...RetentionConfigSchema.parse({}), intervalMinutes: 1 }, 'node-retention-test');

  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  job.start();
  vi.advanceTimersByTime(60_000);
  await until(() => logged.some((line) => line.includes('retention run failed')), 5000, 'the failed run in the log');
  await job.stop(); // waits for the run to settle
  // A rejection nobody handles is reported once the microtasks have run.
  await new Promise((resolve) => setImmediate(resolve));
  expect(unhandled).toEqual([]);
});
