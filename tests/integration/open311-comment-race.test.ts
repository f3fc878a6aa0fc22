import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CreatedApiKey } from '../../server/protocol/admin';
import type { Alert } from '../../server/protocol/dispatch';
import { storeKinds } from '../support/databases';
import { startTestHub, type TestHub } from '../support/hub';

/**
 * Issue 16: FixMyStreet posts the same comment (servicerequestupdates, one update_id) twice at the same instant (a
 * retry that overtakes the first, two sending processes). On PostgreSQL both transactions may look for the update_id
 * before either wrote it; the second then hits the unique index. Both answers must be 200 with the hub's one id, and
 * the desk gets one alert.
 */
describe.each(storeKinds)('Open311 comment posted twice at once over %s', (store) => {
  let t: TestHub;
  let key: CreatedApiKey;

  const form = (params: Record<string, string>) => new URLSearchParams({ jurisdiction_id: 'denhaag.nl', api_key: key.key, ...params }).toString();
  const post = async (path: string, params: Record<string, string>) => {
    const res = await fetch(`${t.hub.url}/open311/v2/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form(params),
    });
    return { status: res.status, text: await res.text() };
  };

  beforeEach(async () => {
    t = await startTestHub({ store });
    const admin = (await t.login('admin')).token;
    const issued = await t.api<CreatedApiKey>('POST', '/api/admin/api-keys', admin, { clientName: 'FixMyStreet', contactConsent: false });
    expect(issued.status).toBe(201);
    key = issued.body;
  });
  afterEach(async () => {
    await t.stop();
  });

  it('both get 200 with the same hub update_id; one comment stored, one alert', { timeout: 120_000 }, async () => {
    const created = await post('requests.json', { service_code: 'parkeren', lat: '52.0799', long: '4.3113', description: 'Auto op de stoep' });
    expect(created.status, created.text).toBe(200);
    const number = (JSON.parse(created.text) as { service_request_id: string }[])[0]?.service_request_id ?? '';
    const desk = (await t.login('centralist')).token;

    for (let round = 0; round < 5; round++) {
      const comment = { service_request_id: number, update_id: `race-${round}`, status: 'OPEN', description: `Nog steeds (${round}).`, updated_datetime: '2026-11-30T10:15:00Z' };
      const answers = await Promise.all([post('servicerequestupdates.json', comment), post('servicerequestupdates.json', comment), post('servicerequestupdates.xml', comment)]);
      for (const a of answers) expect(a.status, a.text).toBe(200);
      const ids = answers.map((a) => (a.text.startsWith('[') ? (JSON.parse(a.text) as { update_id: string }[])[0]?.update_id : /<update_id>([^<]+)<\/update_id>/.exec(a.text)?.[1]));
      expect(new Set(ids).size, JSON.stringify(ids)).toBe(1);
      const stored = await t.hub.store.db.selectFrom('open311_comments').select('id').where('client_update_id', '=', `race-${round}`).execute();
      expect(stored.map((r) => r.id)).toEqual([ids[0]]);
    }
    const alerts = (await t.api<{ alerts: Alert[] }>('GET', '/api/alerts', desk)).body.alerts.filter((a) => a.kind === 'citizen_comment');
    expect(alerts).toHaveLength(5);
  });

  it.skipIf(store !== 'postgres')(
    'the same update_id written by another transaction while the POST runs (the unique index says no): 200 with that id, nothing else written',
    { timeout: 120_000 },
    async () => {
      const created = await post('requests.json', { service_code: 'parkeren', lat: '52.0799', long: '4.3113', description: 'Auto op de stoep' });
      const number = (JSON.parse(created.text) as { service_request_id: string }[])[0]?.service_request_id ?? '';
      const report = await t.hub.store.db.selectFrom('reports').select('id').where('number', '=', Number(number.slice(2))).executeTakeFirstOrThrow();
      const alertsBefore = await t.hub.store.db.selectFrom('alerts').select('id').execute();
      // Another writer (another node's transaction) inserts the comment first and commits only after the POST has
      // looked for it (found nothing) and is waiting on the unique index with its own insert.
      const other = new pg.Client({ connectionString: t.databaseUrl });
      await other.connect();
      const theirs = randomUUID();
      try {
        await other.query('begin');
        await other.query(
          `insert into open311_comments (id, api_key_id, client_update_id, report_id, status, description, media_url, created_at) values ($1, $2, 'same-1', $3, 'OPEN', 'Nog steeds.', null, $4)`,
          [theirs, key.id, report.id, new Date().toISOString()],
        );
        const answer = post('servicerequestupdates.json', { service_request_id: number, update_id: 'same-1', status: 'OPEN', description: 'Nog steeds.' });
        // The POST's insert waits on the row the other transaction holds (seen in pg_locks as a waiting lock).
        const waiting = async () => Number((await other.query(`select count(*) as n from pg_locks l join pg_stat_activity a on a.pid = l.pid where not l.granted and a.datname = current_database()`)).rows[0]?.n);
        for (let i = 0; i < 600 && (await waiting()) === 0; i++) await new Promise((r) => setTimeout(r, 100));
        expect(await waiting()).toBeGreaterThan(0);
        await other.query('commit');
        const res = await answer;
        expect(res.status, res.text).toBe(200);
        expect(JSON.parse(res.text)).toEqual([{ update_id: theirs }]);
      } finally {
        await other.end();
      }
      const stored = await t.hub.store.db.selectFrom('open311_comments').select('id').where('client_update_id', '=', 'same-1').execute();
      expect(stored.map((r) => r.id)).toEqual([theirs]);
      expect(await t.hub.store.db.selectFrom('alerts').select('id').execute()).toHaveLength(alertsBefore.length);
    },
  );
});
