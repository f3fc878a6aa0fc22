import { afterEach, describe, expect, it } from 'vitest';
import { Periodic } from '../../server/hub/periodic';
import type { Report } from '../../server/protocol/report';
import { enqueueMessage } from '../../server/store/outbox';
import { sampleReport, startTestHub, type TestHub, until } from '../support/hub';
import { logBuffer } from '../support/log-buffer';

/**
 * Background jobs (hub/periodic.ts) log each run under the job's name and a run id (server/request-context.ts), as an
 * HTTP request's lines carry its request id: the lines the run writes, and the citizen messages it queues (outbox.request_id,
 * so the outbox worker's lines for them too).
 */
let t: TestHub | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

type LogLine = { msg?: string; job?: string; runId?: string; reqId?: string };

const UUID = /^[0-9a-f-]{36}$/;

describe('job run ids in the hub log', () => {
  it("the hub's session sweep logs its run under the job's name and a run id", { timeout: 120_000 }, async () => {
    const log = logBuffer();
    const lines = () => log.lines<LogLine>();
    let offsetMs = 0;
    t = await startTestHub({ logger: log.logger, clock: () => new Date(Date.now() + offsetMs), config: { paperFallbackMinutes: 0, sessionHours: 1 } });
    await t.login('centralist');
    offsetMs = 2 * 3_600_000;
    // The hub's own schedule (every 15 s) ends the expired session.
    await until(() => lines().some((l) => l.msg === 'expired sessions ended'), 90_000, 'the session sweep');
    const line = lines().find((l) => l.msg === 'expired sessions ended');
    expect(line?.job).toBe('session sweep');
    expect(line?.runId).toMatch(UUID);
    expect(line?.reqId).toBeUndefined();
  });

  it("a run's store work and the message it queues carry the run id, a new one each run", { timeout: 120_000 }, async () => {
    const log = logBuffer();
    const lines = () => log.lines<LogLine>();
    t = await startTestHub({ logger: log.logger, config: { paperFallbackMinutes: 0 } });
    const hub = t;
    const { token } = await hub.login('centralist');
    const created = await hub.api<Report>('POST', '/api/reports', token, sampleReport({ reporter: { email: 'melder@example.nl' }, consent: { contact: true } }));
    expect(created.status).toBe(201);
    const reportId = created.body.id;
    const { store, log: hubLog } = hub.hub;
    const job = new Periodic(
      60_000,
      async () => {
        hubLog.info({ reportId }, 'test job: queueing a message');
        await store.db.transaction().execute((trx) =>
          enqueueMessage(trx, { reportId, trigger: 'test-job', channel: 'email', recipient: 'melder@example.nl', subject: 'Test', bodyText: 'Test', at: new Date().toISOString() }),
        );
      },
      hubLog,
      'test job',
    );
    await job.tick();
    await job.tick();
    const runs = lines().filter((l) => l.msg === 'test job: queueing a message');
    expect(runs.map((l) => l.job)).toEqual(['test job', 'test job']);
    expect(runs[0]?.runId).toMatch(UUID);
    expect(runs[1]?.runId).toMatch(UUID);
    expect(runs[0]?.runId).not.toBe(runs[1]?.runId);
    const rows = await store.db.selectFrom('outbox').select('request_id').where('trigger', '=', 'test-job').execute();
    expect(rows.map((r) => r.request_id).sort()).toEqual(runs.map((l) => l.runId).sort());
    // The outbox worker's lines for a queued message name the run that queued it.
    const firstRun = runs[0]?.runId;
    await until(() => lines().some((l) => l.msg?.startsWith('outbox:') && l.reqId === firstRun), 30_000, "the outbox worker's line");
    // Work outside any job run carries no job.
    expect(lines().filter((l) => l.job !== undefined).every((l) => l.runId !== undefined && l.reqId === undefined)).toBe(true);
  });
});
