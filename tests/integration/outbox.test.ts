import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubDeps } from '../../server/commands/context';
import { recordAttempt } from '../../server/commands/delivery';
import { runCommand } from '../../server/commands/run-command';
import { notifyConfigFromEnv } from '../../server/notify/config';
import { EmailChannel } from '../../server/notify/email-channel';
import {
  claimDue,
  deliveryStateForReport,
  enqueueMessage,
  listOutbox,
  type OutboxMessage,
  retryFailed,
} from '../../server/store/outbox';
import { SmsChannel } from '../../server/notify/sms-channel';
import { type DeliveryChannel, OutboxWorker, type OutboxWorkerOptions } from '../../server/notify/worker';
import { migrateToLatest } from '../../server/store/migrate';
import { openStore, type Store } from '../../server/store/open';
import type { OutboxRow } from '../../server/store/schema';
import { createPostgresDatabase, storeKinds, type TestDatabase } from '../support/databases';
import { startTestSmtp, type TestSmtp } from '../support/smtp';

const log = pino({ level: process.env.MELDKAMER_TEST_LOG ?? 'silent' });
const FROM = 'Gemeente Den Haag <meldingen@denhaag.test>';
const REPORT_ID = 'report-1';

describe.each(storeKinds)('outbox over %s', (kind) => {
  let dataDir: string;
  let database: TestDatabase | undefined;
  let stores: Store[];
  let store: Store;
  let smtp: TestSmtp;
  let workers: OutboxWorker[];
  let now: Date;
  const clock = () => now;
  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };

  const open = () => {
    const s = openStore({ dataDir, databaseUrl: database?.url });
    stores.push(s);
    return s;
  };

  const email = () => new EmailChannel({ host: smtp.host, port: smtp.port, secure: false, from: FROM });

  /** Records attempts as the hub does: the `outbox.attempt` command on the worker's store and clock. */
  const recorder = (on: Store, at: () => Date): OutboxWorkerOptions['record'] => {
    const deps: HubDeps = { store: on, publisher: { publish: () => undefined }, log, clock: at, publicUrl: '', wakeOutbox: () => undefined, endSessions: () => undefined };
    return (attempt) => runCommand(deps, recordAttempt, 'system', attempt);
  };

  const worker = (options: Partial<OutboxWorkerOptions> & { store?: Store } = {}) => {
    const w = new OutboxWorker({
      store,
      record: recorder(options.store ?? store, options.clock ?? clock),
      channels: { email: email() },
      owner: 'node-a',
      pollMs: 20,
      maxAttempts: 3,
      backoffMs: [1000, 5000],
      clock,
      log,
      ...options,
    });
    workers.push(w);
    return w;
  };

  const enqueue = (overrides: Partial<OutboxMessage> = {}) =>
    store.writeTransaction((trx) =>
      enqueueMessage(trx, {
        reportId: REPORT_ID,
        trigger: 'closed',
        channel: 'email',
        recipient: 'melder@example.test',
        subject: 'Uw melding M-000001 over de boomtak',
        bodyText: 'Wat we aantroffen: een tak boven de stoep.\nWat we deden: weggezaagd.',
        bodyHtml: '<p>Wat we aantroffen: <b>een tak boven de stoep</b>.</p>',
        at: now.toISOString(),
        ...overrides,
      }),
    );

  const row = async (id: string): Promise<OutboxRow> =>
    store.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'meldkamer-outbox-'));
    database = kind === 'postgres' ? await createPostgresDatabase() : undefined;
    stores = [];
    workers = [];
    now = new Date('2026-03-02T09:00:00.000Z');
    store = open();
    await migrateToLatest(store.db);
    await store.db
      .insertInto('categories')
      .values({ code: 'groen', name_nl: 'Groen', name_en: 'Green', department: 'Stadsbeheer', sla_working_days: 5, sort_order: 1 })
      .execute();
    await store.db
      .insertInto('reports')
      .values({
        id: REPORT_ID,
        number: 1,
        category: 'groen',
        lat: 52.07,
        lng: 4.3,
        address: 'Laan 1',
        description: 'Boomtak hangt laag over de stoep',
        source: 'phone',
        priority: 'normal',
        status: 'closed',
        outcome: 'resolved',
        created_by: null,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
        version: 1,
      })
      .execute();
    smtp = await startTestSmtp();
  });

  afterEach(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await smtp.stop();
    await Promise.all(stores.map((s) => s.close()));
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers one e-mail with text, HTML and a Message-ID derived from the outbox id', async () => {
    const changes: OutboxRow[] = [];
    const w = worker({ onChange: (r) => changes.push(r) });
    const queued = await enqueue();
    expect((await deliveryStateForReport(store.db, REPORT_ID)).state).toBe('queued');

    expect(await w.runOnce()).toBe(1);
    expect(await w.runOnce()).toBe(0);

    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0]!;
    expect(mail.envelope.to).toEqual(['melder@example.test']);
    expect(mail.subject).toBe('Uw melding M-000001 over de boomtak');
    expect(mail.messageId).toBe(`<outbox-${queued.id}@denhaag.test>`);
    expect(mail.header('x-meldkamer-outbox-id')).toBe(queued.id);
    expect(mail.text).toContain('Wat we deden: weggezaagd.');
    expect(mail.html).toContain('<b>een tak boven de stoep</b>');

    const sent = await row(queued.id);
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, sent_at: now.toISOString(), lease_owner: null });
    expect(changes.map((c) => c.status)).toEqual(['sent']);
    const state = await deliveryStateForReport(store.db, REPORT_ID);
    expect(state.state).toBe('sent');
    expect(state.messages[0]).toMatchObject({ id: queued.id, status: 'sent', trigger: 'closed' });
  });

  it('keeps the message queued while SMTP is down and delivers it once when SMTP is back', async () => {
    const w = worker();
    const queued = await enqueue();
    await smtp.down();

    expect(await w.runOnce()).toBe(1);
    const waiting = await row(queued.id);
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1, lease_owner: null });
    expect(waiting.last_error).toMatch(/^SMTP: .*ECONNREFUSED/);
    expect(waiting.next_attempt_at).toBe(new Date(now.getTime() + 1000).toISOString());
    expect(await w.runOnce()).toBe(0); // not due before the backoff has passed

    await smtp.up();
    advance(1000);
    expect(await w.runOnce()).toBe(1);
    advance(60_000);
    expect(await w.runOnce()).toBe(0);

    expect(smtp.messages.map((m) => m.header('x-meldkamer-outbox-id'))).toEqual([queued.id]);
    expect(await row(queued.id)).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
  });

  it('marks a message failed after maxAttempts; the retry button delivers it', async () => {
    const changes: OutboxRow[] = [];
    const w = worker({ onChange: (r) => changes.push(r) });
    const queued = await enqueue();
    await smtp.down();

    expect(await w.runOnce()).toBe(1);
    advance(1000);
    expect(await w.runOnce()).toBe(1);
    advance(5000);
    expect(await w.runOnce()).toBe(1);
    advance(3_600_000);
    expect(await w.runOnce()).toBe(0);

    expect(changes.map((c) => `${c.status}/${c.attempts}`)).toEqual(['queued/1', 'queued/2', 'failed/3']);
    expect(await listOutbox(store.db, { status: 'failed', limit: 10 })).toHaveLength(1);
    const state = await deliveryStateForReport(store.db, REPORT_ID);
    expect(state.state).toBe('failed');
    expect(state.messages[0]?.lastError).toMatch(/^SMTP: /);

    await smtp.up();
    expect(await retryFailed(store.db, 'no-such-id', now)).toBeUndefined();
    const retried = await retryFailed(store.db, queued.id, now);
    expect(retried).toMatchObject({ status: 'queued', attempts: 0, next_attempt_at: now.toISOString() });
    expect(await retryFailed(store.db, queued.id, now)).toBeUndefined(); // only failed messages
    expect(await w.runOnce()).toBe(1);

    expect(smtp.messages).toHaveLength(1);
    expect((await deliveryStateForReport(store.db, REPORT_ID)).state).toBe('sent');
    expect(await listOutbox(store.db, { status: 'failed', limit: 10 })).toHaveLength(0);
    expect(await listOutbox(store.db, { reportId: REPORT_ID, limit: 10 })).toHaveLength(1);
  });

  it('fails the attempt with a clear error when the channel is not configured', async () => {
    const w = worker({ channels: {} });
    const queued = await enqueue();
    expect(await w.runOnce()).toBe(1);
    expect(await row(queued.id)).toMatchObject({ status: 'queued', attempts: 1, last_error: 'geen SMTP geconfigureerd' });
  });

  it('two workers on the same database deliver each of N messages exactly once', async () => {
    const n = 12;
    const ids = new Set<string>();
    for (let i = 0; i < n; i += 1) ids.add((await enqueue({ recipient: `melder${i}@example.test` })).id);
    const sentBy: Record<string, number> = { 'node-a': 0, 'node-b': 0 };
    const counting = (owner: string): DeliveryChannel => {
      const channel = email();
      return {
        send: async (m) => {
          sentBy[owner] = (sentBy[owner] ?? 0) + 1;
          return channel.send(m);
        },
      };
    };
    const common = { clock: () => new Date(), pollMs: 10, batchSize: 3 };
    const a = worker({ ...common, owner: 'node-a', channels: { email: counting('node-a') } });
    const b = worker({ ...common, owner: 'node-b', store: open(), channels: { email: counting('node-b') } });
    a.start();
    b.start();
    await smtp.waitForMessages(n, 15_000);
    await new Promise((r) => setTimeout(r, 200));
    await Promise.all([a.stop(), b.stop()]);

    const delivered = smtp.messages.map((m) => m.header('x-meldkamer-outbox-id') ?? '');
    expect(delivered).toHaveLength(n);
    expect(new Set(delivered)).toEqual(ids);
    expect((sentBy['node-a'] ?? 0) + (sentBy['node-b'] ?? 0)).toBe(n);
    expect(await listOutbox(store.db, { status: 'sent', limit: 100 })).toHaveLength(n);
  });

  it('concurrent claims from two connections never lease the same message twice', async () => {
    for (let i = 0; i < 10; i += 1) await enqueue();
    const other = open();
    const claim = (db: Store['db'], owner: string) => claimDue(db, { owner, now, leaseMs: 60_000, limit: 10 });
    const [a, b] = await Promise.all([claim(store.db, 'node-a'), claim(other.db, 'node-b')]);
    const ids = [...a, ...b].map((r) => r.id);
    expect(ids).toHaveLength(10);
    expect(new Set(ids).size).toBe(10);
    const leased = await listOutbox(store.db, { limit: 100 });
    for (const r of [...a, ...b]) expect(leased.find((l) => l.id === r.id)?.lease_owner).toBe(r.lease_owner);
  });

  it('takes over an expired lease but not a live one; a restarted node resends with the same Message-ID', async () => {
    const queued = await enqueue();
    const claimed = await claimDue(store.db, { owner: 'node-a', now, leaseMs: 60_000, limit: 10 });
    expect(claimed.map((r) => r.id)).toEqual([queued.id]);
    expect(await claimDue(store.db, { owner: 'node-b', now, leaseMs: 60_000, limit: 10 })).toEqual([]);

    // node-a hands the mail to SMTP, then dies before recording it.
    await email().send(claimed[0]!);
    expect(await claimDue(store.db, { owner: 'node-b', now: new Date(now.getTime() + 59_000), leaseMs: 60_000, limit: 10 })).toEqual([]);

    // Restarted under the same owner, it resumes its own lease at once and sends again.
    const w = worker({ owner: 'node-a' });
    w.start();
    await smtp.waitForMessages(2);
    await w.stop();
    expect(smtp.messages.map((m) => m.messageId)).toEqual([`<outbox-${queued.id}@denhaag.test>`, `<outbox-${queued.id}@denhaag.test>`]);
    expect(await row(queued.id)).toMatchObject({ status: 'sent', attempts: 1 });

    const other = await enqueue();
    await claimDue(store.db, { owner: 'node-a', now, leaseMs: 60_000, limit: 10 });
    const later = new Date(now.getTime() + 60_001);
    expect((await claimDue(store.db, { owner: 'node-b', now: later, leaseMs: 60_000, limit: 10 })).map((r) => r.id)).toEqual([
      other.id,
    ]);
  });

  describe('SMS gateway', () => {
    let gateway: Server;
    let url: string;
    let status: number;
    let requests: { auth: string | undefined; body: unknown }[];

    beforeEach(async () => {
      status = 202;
      requests = [];
      gateway = createServer((req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => {
          body += c.toString('utf8');
        });
        req.on('end', () => {
          requests.push({ auth: req.headers.authorization, body: JSON.parse(body) });
          res.writeHead(status, { 'content-type': 'text/plain' }).end(status >= 300 ? 'gateway stuk' : 'ok');
        });
      });
      await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`;
    });
    afterEach(async () => {
      await new Promise((resolve) => gateway.close(resolve));
    });

    it('posts to the gateway; a 500 counts as a failed attempt', async () => {
      const w = worker({ channels: { sms: new SmsChannel({ url, token: 'geheim', timeoutMs: 2000 }) } });
      const sms = { channel: 'sms', recipient: '+31612345678', bodyHtml: null, bodyText: 'Uw melding M-000001 is ingepland.' } as const;
      const first = await enqueue(sms);
      expect(await w.runOnce()).toBe(1);
      expect(requests).toEqual([
        { auth: 'Bearer geheim', body: { to: '+31612345678', text: 'Uw melding M-000001 is ingepland.', reference: first.id } },
      ]);
      expect(await row(first.id)).toMatchObject({ status: 'sent', attempts: 1 });

      status = 500;
      const second = await enqueue(sms);
      expect(await w.runOnce()).toBe(1);
      const failed = await row(second.id);
      expect(failed).toMatchObject({ status: 'queued', attempts: 1 });
      expect(failed.last_error).toBe('SMS-gateway antwoordde HTTP 500: gateway stuk');

      status = 200;
      advance(1000);
      expect(await w.runOnce()).toBe(1);
      expect(await row(second.id)).toMatchObject({ status: 'sent', attempts: 2 });
      expect(requests).toHaveLength(3);
    });
  });
});

describe('notifyConfigFromEnv', () => {
  it('reads SMTP, SMS and outbox settings', () => {
    const config = notifyConfigFromEnv({
      MELDKAMER_SMTP_HOST: 'smtp.example.test',
      MELDKAMER_SMTP_SECURE: 'true',
      MELDKAMER_SMTP_USER: 'meldkamer',
      MELDKAMER_SMTP_PASS: 'geheim',
      MELDKAMER_SMTP_FROM: 'Gemeente <meldingen@example.test>',
      MELDKAMER_SMS_URL: 'https://sms.example.test/send',
      MELDKAMER_OUTBOX_MAX_ATTEMPTS: '4',
    });
    expect(config).toEqual({
      smtp: { host: 'smtp.example.test', port: 465, secure: true, user: 'meldkamer', pass: 'geheim', from: 'Gemeente <meldingen@example.test>' },
      sms: { url: 'https://sms.example.test/send' },
      maxAttempts: 4,
      pollMs: 1000,
    });
    expect(notifyConfigFromEnv({})).toEqual({ maxAttempts: 6, pollMs: 1000 });
  });

  it('names the variable that is wrong or missing', () => {
    expect(() => notifyConfigFromEnv({ MELDKAMER_SMTP_HOST: 'smtp', MELDKAMER_SMTP_FROM: 'x@y', MELDKAMER_SMTP_PORT: 'abc' })).toThrow(
      /MELDKAMER_SMTP_PORT/,
    );
    expect(() => notifyConfigFromEnv({ MELDKAMER_SMTP_HOST: 'smtp' })).toThrow(/MELDKAMER_SMTP_FROM/);
    expect(() => notifyConfigFromEnv({ MELDKAMER_SMTP_FROM: 'x@y' })).toThrow(/MELDKAMER_SMTP_HOST/);
    expect(() => notifyConfigFromEnv({ MELDKAMER_SMTP_HOST: 'smtp', MELDKAMER_SMTP_FROM: 'x@y', MELDKAMER_SMTP_USER: 'u' })).toThrow(
      /MELDKAMER_SMTP_PASS/,
    );
    expect(() => notifyConfigFromEnv({ MELDKAMER_SMS_URL: 'not a url' })).toThrow(/MELDKAMER_SMS_URL/);
    expect(() => notifyConfigFromEnv({ MELDKAMER_OUTBOX_MAX_ATTEMPTS: '0' })).toThrow(/MELDKAMER_OUTBOX_MAX_ATTEMPTS/);
  });
});
