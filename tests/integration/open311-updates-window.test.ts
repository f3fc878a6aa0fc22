import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CreatedApiKey } from '../../server/protocol/admin';
import { MAX_UPDATES } from '../../server/http/open311/updates-routes';
import { storeKinds } from '../support/databases';
import { startTestHub, type TestHub } from '../support/hub';

/**
 * Issue 16: GET servicerequestupdates answers at most MAX_UPDATES status changes. A window that holds more is refused
 * with a 400 that says so and where the cap falls (FixMyStreet has no paging for updates; cut short silently, the
 * rest would never reach it), and a shorter window is answered.
 */
describe.each(storeKinds)('Open311 servicerequestupdates window over the cap over %s', (store) => {
  let t: TestHub;
  let key: CreatedApiKey;

  beforeEach(async () => {
    t = await startTestHub({ store });
    const admin = (await t.login('admin')).token;
    key = (await t.api<CreatedApiKey>('POST', '/api/admin/api-keys', admin, { clientName: 'FixMyStreet', contactConsent: false })).body;
  });
  afterEach(async () => {
    await t.stop();
  });

  const w3c = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const updates = async (from: number, to: number) => {
    const query = new URLSearchParams({ api_key: key.key, jurisdiction_id: 'denhaag.nl', start_date: w3c(from), end_date: w3c(to) });
    const res = await fetch(`${t.hub.url}/open311/v2/servicerequestupdates.json?${query}`);
    return { status: res.status, body: JSON.parse(await res.text()) as { code?: number; description?: string; update_id?: string }[] };
  };

  it('more status changes than the cap: 400 naming the cap and where it falls; a shorter window answers', { timeout: 180_000 }, async () => {
    const res = await fetch(`${t.hub.url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ api_key: key.key, service_code: 'parkeren', lat: '52.0799', long: '4.3113', description: 'Auto op de stoep' }).toString(),
    });
    const number = ((await res.json()) as { service_request_id: string }[])[0]?.service_request_id ?? '';
    const { db } = t.hub.store;
    const report = await db.selectFrom('reports').select('id').where('number', '=', Number(number.slice(2))).executeTakeFirstOrThrow();
    const desk = (await t.login('centralist')).token;
    expect((await t.api('POST', `/api/reports/${report.id}/transition`, desk, { to: 'triaged' })).status).toBe(200);
    const real = await db.selectFrom('events').selectAll().where('report_id', '=', report.id).where('type', '=', 'report.transitioned').executeTakeFirstOrThrow();
    // A year's worth for one key in an hour: the real status change copied, 6,000 an hour and 4,000 half an hour ago.
    const now = Date.now();
    const early = now - 3_600_000;
    const late = now - 1_800_000;
    let seq = Number(real.seq) + 1_000;
    const copies = Array.from({ length: MAX_UPDATES }, (_, i) => ({ ...real, seq: seq++, at: new Date(i < 6_000 ? early + i : late + i).toISOString() }));
    for (let i = 0; i < copies.length; i += 500) await db.insertInto('events').values(copies.slice(i, i + 500)).execute();

    const refused = await updates(now - 2 * 3_600_000, now + 60_000);
    expect(refused.status).toBe(400);
    expect(refused.body).toHaveLength(1);
    expect(refused.body[0]?.code).toBe(400);
    expect(refused.body[0]?.description).toContain(`holds more than ${MAX_UPDATES} status changes`);
    expect(refused.body[0]?.description).toContain('ask for a shorter window');

    // Up to the cap exactly is answered (10,000 changes: the copies alone, without the real one of just now).
    expect((await updates(now - 2 * 3_600_000, now - 600_000)).status).toBe(200);
    const shorter = await updates(now - 2 * 3_600_000, now - 45 * 60_000);
    expect(shorter.status).toBe(200);
    expect(Array.isArray(shorter.body)).toBe(true);
  });
});
