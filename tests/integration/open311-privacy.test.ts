import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedApiKey } from '../../server/protocol/admin';
import type { Report } from '../../server/protocol/report';
import { storeKinds } from '../support/databases';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';

type Entry = Record<string, unknown>;

/**
 * What the public Open311 answers show: only reports that came in through Open311, a sensitive category
 * (overlast) without its description and address and with rounded coordinates; the reporter with their
 * status token still reads their own in full. And consent per API key: contact fields are kept only
 * from a key whose app asks its users.
 */
describe.each(storeKinds)('Open311 public answers and consent over %s', (store) => {
  let t: TestHub;
  let desk: string;
  let consenting: CreatedApiKey;
  let silent: CreatedApiKey;

  const getJson = async <T = Entry[]>(path: string) => {
    const res = await fetch(`${t.hub.url}/open311/v2/${path}`);
    return { status: res.status, body: (await res.json()) as T };
  };
  const post = async (key: string, pairs: [string, string][]) => {
    const res = await fetch(`${t.hub.url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams([['api_key', key], ...pairs]).toString(),
    });
    const body = (await res.json()) as { service_request_id: string }[];
    if (res.status !== 200) throw new Error(`open311 post failed: ${res.status} ${JSON.stringify(body)}`);
    return body[0]?.service_request_id ?? '';
  };
  const row = (number: string) =>
    t.hub.store.db.selectFrom('reports').selectAll().where('number', '=', Number(number.slice(2))).executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await startTestHub({ store });
    desk = (await t.login('centralist')).token;
    const admin = (await t.login('admin')).token;
    consenting = (await t.api<CreatedApiKey>('POST', '/api/admin/api-keys', admin, { clientName: 'BuitenBeter', contactConsent: true })).body;
    silent = (await t.api<CreatedApiKey>('POST', '/api/admin/api-keys', admin, { clientName: 'Stille app' })).body;
  });
  afterAll(async () => {
    await t.stop();
  });

  it('lists only Open311 reports: a report taken by phone, with its free text and exact place, is not public', async () => {
    const phone = (
      await t.api<Report>('POST', '/api/reports', desk, sampleReport({ category: 'afval', description: 'Mijn buurman op nr 5 zet elke week zijn vuilnis buiten' }))
    ).body;
    const app = await post(consenting.key, [['service_code', 'afval'], ['lat', '52.0799'], ['long', '4.3113'], ['attribute[soort]', 'grofvuil'], ['description', 'Matras naast de container']]);
    const listed = (await getJson('requests.json')).body.map((r) => r.service_request_id);
    expect(listed).toContain(app);
    expect(listed).not.toContain(phone.number);
    const text = JSON.stringify((await getJson('requests.json')).body);
    expect(text).not.toContain('buurman');
    expect((await getJson(`requests/${phone.number}.json`)).status).toBe(404);
    expect((await getJson(`requests.json?service_request_id=${phone.number}`)).body).toEqual([]);
    const [own] = (await getJson(`requests/${app}.json`)).body;
    expect(own).toMatchObject({ service_request_id: app, description: expect.stringContaining('Matras naast de container'), lat: 52.0799, long: 4.3113 });

    // The phone reporter follows their own report through the status token of their messages.
    const token = (await row(phone.number)).citizen_token ?? '';
    const [mine] = (await getJson(`requests/${phone.number}.json?token=${token}`)).body;
    expect(mine).toMatchObject({ service_request_id: phone.number, description: expect.stringContaining('buurman'), lat: 52.0799 });
    expect((await getJson(`requests/${phone.number}.json?token=${'x'.repeat(32)}`)).status).toBe(404);
  });

  it('a sensitive category (overlast) goes public without description or address and with rounded coordinates; the token shows it whole', async () => {
    const id = await post(consenting.key, [
      ['service_code', 'overlast'],
      ['lat', '52.060123'],
      ['long', '4.318567'],
      ['address_string', 'Hoefkade 200'],
      ['description', 'Feest bij de familie op nummer 200, elke vrijdag'],
    ]);
    const [listed] = (await getJson(`requests.json?service_request_id=${id}`)).body;
    expect(listed).toMatchObject({ service_request_id: id, service_code: 'overlast', description: null, address: null, lat: 52.06, long: 4.319 });
    const [one] = (await getJson(`requests/${id}.json`)).body;
    expect(one).toMatchObject({ description: null, address: null, lat: 52.06, long: 4.319 });
    const xml = await (await fetch(`${t.hub.url}/open311/v2/requests/${id}.xml`)).text();
    expect(xml).not.toContain('familie');
    expect(xml).not.toContain('Hoefkade');

    const token = (await row(id)).citizen_token ?? '';
    const [whole] = (await getJson(`requests/${id}.json?token=${token}`)).body;
    expect(whole).toMatchObject({ description: expect.stringContaining('familie'), address: 'Hoefkade 200', lat: 52.060123, long: 4.318567 });
    const categories = await t.api<{ categories: { code: string; sensitive?: boolean }[] }>('GET', '/api/categories', desk);
    expect(categories.body.categories.find((c) => c.code === 'overlast')?.sensitive).toBe(true);
    expect(categories.body.categories.find((c) => c.code === 'afval')?.sensitive).toBe(false);
  });

  it('keeps contact fields only from a key that declares its users’ consent, and records the consent with the report', async () => {
    const contact: [string, string][] = [['email', 'melder@example.nl'], ['phone', '0612345678'], ['first_name', 'Jan']];
    const base: [string, string][] = [['service_code', 'afval'], ['lat', '52.08'], ['long', '4.31'], ['attribute[soort]', 'grofvuil']];
    const withConsent = await row(await post(consenting.key, [...base, ...contact]));
    const without = await row(await post(silent.key, [...base, ...contact]));
    const reporters = (reportId: string) => t.hub.store.db.selectFrom('reporters').selectAll().where('report_id', '=', reportId).execute();
    expect(await reporters(withConsent.id)).toEqual([
      expect.objectContaining({ name: 'Jan', email: 'melder@example.nl', phone: '0612345678', consent_via: 'open311', consent_at: withConsent.created_at }),
    ]);
    expect(withConsent).toMatchObject({ contact_consent: 1, contact_consent_at: withConsent.created_at });
    expect(await reporters(without.id)).toEqual([]);
    expect(without).toMatchObject({ contact_consent: 0 });
    expect(await t.hub.store.db.selectFrom('outbox').select('id').where('report_id', '=', without.id).execute()).toEqual([]);

    const keys = await t.api<{ keys: { id: string; contactConsent: boolean }[] }>('GET', '/api/admin/api-keys', (await t.login('admin')).token);
    expect(keys.body.keys.find((k) => k.id === consenting.id)?.contactConsent).toBe(true);
    expect(keys.body.keys.find((k) => k.id === silent.id)?.contactConsent).toBe(false);
  });
});
