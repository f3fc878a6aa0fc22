import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedApiKey } from '../../server/protocol/admin';
import type { ReportsSnapshot } from '../../server/protocol/api';
import type { Report } from '../../server/protocol/report';
import { storeKinds } from '../support/databases';
import { startTestHub, type TestHub } from '../support/hub';

/** Open311 requests and the hub's address search (the demo hub's offline index, resources/addresses-demo.csv). */
describe.each(storeKinds)('Open311 requests placed by address search (%s)', (store) => {
  let t: TestHub;
  let key: string;
  let desk: string;
  beforeAll(async () => {
    t = await startTestHub({ store });
    const admin = (await t.login('admin')).token;
    key = (await t.api<CreatedApiKey>('POST', '/api/admin/api-keys', admin, { clientName: 'BuitenBeter', contactConsent: false })).body.key;
    desk = (await t.login('centralist')).token;
  });
  afterAll(async () => {
    await t.stop();
  });

  const post = async (pairs: [string, string][]) => {
    const res = await fetch(`${t.hub.url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams([['api_key', key], ['service_code', 'afval'], ['attribute[soort]', 'grofvuil'], ...pairs]).toString(),
    });
    return { status: res.status, body: JSON.parse(await res.text()) as { service_request_id?: string; description?: string }[] };
  };
  const reportNumbered = async (number: string | undefined): Promise<Report | undefined> =>
    (await t.api<ReportsSnapshot>('GET', '/api/reports', desk)).body.reports.find((r) => r.number === number);

  it('gives a request with only lat and long the nearest address as its address', async () => {
    const res = await post([['lat', '52.07983'], ['long', '4.3114']]);
    expect(res.status).toBe(200);
    const report = await reportNumbered(res.body[0]?.service_request_id);
    expect(report?.address).toBe('Lange Voorhout 36, 2514 EE Den Haag');
  });

  it('keeps the address_string a request sent with its lat and long', async () => {
    const res = await post([['lat', '52.07983'], ['long', '4.3114'], ['address_string', 'voor de ingang van het hotel']]);
    expect((await reportNumbered(res.body[0]?.service_request_id))?.address).toBe('voor de ingang van het hotel');
  });

  it('places a request with only an address_string that names one address, and refuses one that names none or several', async () => {
    const res = await post([['address_string', 'Spui 70']]);
    expect(res.status).toBe(200);
    const report = await reportNumbered(res.body[0]?.service_request_id);
    expect(report?.address).toBe('Spui 70');
    expect(report?.lat).toBeCloseTo(52.0714, 4);
    expect(report?.lng).toBeCloseTo(4.317, 4);
    for (const text of ['Spui', 'Nergensstraat 12', 'Lange Voorhout 36B']) {
      const refused = await post([['address_string', text]]);
      expect(refused.status, text).toBe(400);
      expect(refused.body[0]?.description).toMatch(/^lat and long are required: address_string ".*" cannot be placed on the map/);
    }
  });
});
