import { afterEach, describe, expect, it } from 'vitest';
import type { Report } from '../../server/protocol/report';
import { storeKinds } from '../support/databases';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';

/**
 * Requests that arrive together share one write transaction (group commit, store/group-commit.ts). Each command must
 * still run under its own request's id (server/request-context.ts): the citizen message it queues keeps that id
 * (outbox.request_id), not the id of whichever request happened to start the group.
 */
let t: TestHub | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

describe.each(storeKinds)('request ids in a group commit (%s)', (store) => {
  it('each message queued in a shared transaction keeps its own request id', { timeout: 120_000 }, async () => {
    t = await startTestHub({ store, config: { paperFallbackMinutes: 0 } });
    const hub = t;
    const { token } = await hub.login('centralist');
    const sent = await Promise.all(
      Array.from({ length: 12 }, async (_, k) => {
        const res = await fetch(`${hub.hub.url}/api/reports`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': `group-${k}` },
          body: JSON.stringify(sampleReport({ description: `Melding ${k}`, reporter: { email: `melder${k}@example.nl` }, consent: { contact: true } })),
        });
        expect(res.status).toBe(201);
        return { requestId: `group-${k}`, report: (await res.json()) as Report };
      }),
    );
    const rows = await hub.hub.store.db.selectFrom('outbox').select(['report_id', 'request_id']).execute();
    const byReport = new Map(rows.map((r) => [r.report_id, r.request_id]));
    expect(sent.map((s) => byReport.get(s.report.id))).toEqual(sent.map((s) => s.requestId));
  });
});
