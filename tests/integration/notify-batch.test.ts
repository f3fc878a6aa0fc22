import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NOTIFY_SQL, NotifyBatcher } from '../../server/hub/notify-batch';
import type { HubEvent } from '../../server/protocol/events';
import type { Report } from '../../server/protocol/report';
import { createPostgresDatabase, storeKinds, type TestDatabase } from '../support/databases';
import { sampleReport, startTestHub, until, waitFor } from '../support/hub';

const CHANNEL = 'meldkamer_notify_batch_test';

/**
 * NOTIFYs sent as batches (hub/notify-batch.ts) on a real PostgreSQL: a listener on another connection receives every
 * notification once, in the order they were made, also a repeated payload (PostgreSQL folds identical notifications
 * of one transaction) and around a publish that asks for something else first (the adapter's large-payload path).
 */
describe.skipIf(!storeKinds.includes('postgres'))('NOTIFY batches (PostgreSQL)', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let listener: pg.Client;
  let heard: string[];
  let statements: string[];
  let batcher: NotifyBatcher;

  beforeEach(async () => {
    database = await createPostgresDatabase();
    pool = new pg.Pool({ connectionString: database.url, max: 4 });
    // The database is dropped WITH (FORCE) after each test: a connection still ending then gets "terminating
    // connection due to administrator command" as an 'error' event, which without a listener ends the run (as the
    // store's pool does, store/open.ts).
    pool.on('connect', (client) => client.on('error', () => undefined));
    pool.on('error', () => undefined);
    listener = new pg.Client({ connectionString: database.url });
    listener.on('error', () => undefined);
    await listener.connect();
    heard = [];
    listener.on('notification', (n) => heard.push(n.payload ?? ''));
    await listener.query(`listen ${CHANNEL}`);
    statements = [];
    batcher = new NotifyBatcher((text, values) => {
      statements.push(text);
      return pool.query(text, values);
    });
  });
  afterEach(async () => {
    await listener.end();
    await pool.end();
    await database.drop();
  });

  const notify = (payload: string) => batcher.query(NOTIFY_SQL, [CHANNEL, payload]);

  it('what one collect publishes goes as one statement, in order, repeats included', async () => {
    const payloads = ['a', 'b', 'c', 'b', 'd', 'a'];
    const sent: Promise<unknown>[] = [];
    expect(batcher.collect(payloads, (p) => sent.push(notify(p)))).toBe(payloads.length);
    await Promise.all(sent);
    await until(() => heard.length >= payloads.length, 10_000, 'every notification at the listener');
    expect(heard).toEqual(payloads);
    // Cut before the repeated 'b': two statements, not six.
    expect(statements.filter((s) => /pg_notify/i.test(s))).toHaveLength(2);
  });

  it('a publish that asks for something else first ends the batch, and its NOTIFY is not overtaken', async () => {
    const sent: Promise<unknown>[] = [];
    const items = ['1', 'large', '3', '4'];
    const published = batcher.collect(items, (item) => {
      if (item !== 'large') {
        sent.push(notify(item));
        return;
      }
      // As the adapter does for a large payload: store it, then notify.
      sent.push(batcher.query('select pg_sleep(0.2)').then(() => notify(item)));
    });
    expect(published).toBe(2);
    // As hub/ordered-broadcast.ts does: the next round after this one's NOTIFYs are done.
    await Promise.all(sent);
    batcher.collect(items.slice(published), (item) => sent.push(notify(item)));
    await Promise.all(sent);
    await until(() => heard.length >= items.length, 10_000, 'every notification at the listener');
    expect(heard).toEqual(['1', 'large', '3', '4']);
  });

  it('NOTIFYs outside a collect wait for the batches before them', async () => {
    const sent: Promise<unknown>[] = [];
    batcher.collect(['x', 'y'], (p) => sent.push(notify(p)));
    sent.push(notify('z'));
    await Promise.all(sent);
    await until(() => heard.length >= 3, 10_000, 'every notification at the listener');
    expect(heard).toEqual(['x', 'y', 'z']);
  });

  it('a failing batch fails each of its NOTIFYs, and the next batch still goes', async () => {
    const failing = new NotifyBatcher((text, values) => pool.query(text.replace('pg_notify', 'pg_notify_missing'), values));
    const results = await Promise.allSettled([failing.query(NOTIFY_SQL, [CHANNEL, 'lost'])]);
    expect(results[0]?.status).toBe('rejected');
    await notify('after');
    await until(() => heard.includes('after'), 10_000, 'the notification after the failure');
    expect(heard).toEqual(['after']);
  });
});

/** Two hub nodes on one database: a console on the other node gets a burst of creates in seq order, each once. */
describe.skipIf(!storeKinds.includes('postgres'))('events across hub nodes (PostgreSQL)', () => {
  it('80 concurrent creates on node a reach a console on node b in seq order', { timeout: 120_000 }, async () => {
    const database = await createPostgresDatabase();
    const a = await startTestHub({ store: 'postgres', database });
    const b = await startTestHub({ store: 'postgres', database });
    try {
      const token = (await a.login('centralist')).token;
      const socket = b.connectConsole((await b.login('centralist')).token);
      await waitFor(socket, 'connect');
      const seqs: number[] = [];
      socket.on('event', (event: HubEvent) => seqs.push(event.seq));
      const results = await Promise.all(
        Array.from({ length: 80 }, (_, i) => a.api<Report>('POST', '/api/reports', token, sampleReport({ description: `Melding ${i}` }))),
      );
      expect(results.every((r) => r.status === 201)).toBe(true);
      const created = new Set(results.map((r) => r.body.version));
      await until(() => [...created].every((seq) => seqs.includes(seq)), 20_000, 'every event at the console on node b');
      const first = seqs[0] ?? 0;
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => first + i));
    } finally {
      await b.stop();
      await a.stop();
      await database.drop();
    }
  });
});
