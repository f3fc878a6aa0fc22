import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedApiKey } from '../../server/protocol/admin';
import type { ReportsSnapshot } from '../../server/protocol/api';
import type { AddressReverseResponse, AddressSuggestResponse } from '../../server/protocol/address';
import { storeKinds } from '../support/databases';
import { startTestHub, type TestHub } from '../support/hub';

/** The address API on input a client may send by mistake or on purpose: it answers, and the hub stays up. */
describe.each(storeKinds)('address search on odd input (%s)', (store) => {
  let t: TestHub;
  let token: string;
  beforeAll(async () => {
    t = await startTestHub({ store });
    token = (await t.login('centralist')).token;
  });
  afterAll(async () => {
    await t.stop();
  });

  it('answers "nothing near" for a point at a pole, and the hub stays up', async () => {
    for (const lat of [90, -90, 89.9999]) {
      const res = await t.api<AddressReverseResponse>('GET', `/api/address/reverse?lat=${lat}&lng=0`, token);
      expect(res.status, String(lat)).toBe(200);
      expect(res.body).toEqual({ address: null, distanceM: null });
    }
    expect((await t.api<AddressReverseResponse>('GET', '/api/address/reverse?lat=52.0786&lng=4.3125', token)).body.address?.street).toBe('Lange Voorhout');
  });

  it('finds street, number and place typed without a comma', async () => {
    for (const [q, label] of [
      ['Lange Voorhout 36 Den Haag', 'Lange Voorhout 36, 2514 EE Den Haag'],
      ['lange voorhout 36a den haag', 'Lange Voorhout 36A, 2514 EE Den Haag'],
    ]) {
      const res = await t.api<AddressSuggestResponse>('GET', `/api/address/suggest?q=${encodeURIComponent(q ?? '')}`, token);
      expect(res.body.suggestions[0], q).toMatchObject({ kind: 'address', label });
    }
  });

  it('offers no corner for two streets that do not meet', async () => {
    const corners = async (q: string) =>
      (await t.api<AddressSuggestResponse>('GET', `/api/address/suggest?q=${encodeURIComponent(q)}`, token)).body.suggestions.filter((s) => s.kind === 'corner');
    // Plein and Hoefkade lie nearly a kilometre apart: a "corner" between them would be a point on neither.
    expect(await corners('Plein / Hoefkade')).toEqual([]);
    expect(await corners('hoek Lange Voorhout/Stationsplein')).toEqual([]);
    expect(await corners('hoek Spui/Kalvermarkt')).toMatchObject([{ label: 'Hoek Spui / Kalvermarkt, Den Haag' }]);
  });

  it('refuses an empty lat or lng with 422 instead of reading it as 0', async () => {
    for (const query of ['lat=&lng=', 'lat=52.07&lng=', 'lat=%20&lng=4.31']) {
      expect((await t.api('GET', `/api/address/reverse?${query}`, token)).status, query).toBe(422);
    }
  });

  it('answers 404 for an id with a broken escape, not 500', async () => {
    for (const id of ['k:1:36:B:%E0%A4%A', 'k:1:36::%']) {
      const res = await t.api('GET', `/api/address/lookup?id=${encodeURIComponent(id)}`, token);
      expect(res.status, id).toBe(404);
    }
  });

  it('takes an Open311 request at the pole without an address (its nearest address is looked up too)', async () => {
    const admin = (await t.login('admin')).token;
    const key = (await t.api<CreatedApiKey>('POST', '/api/admin/api-keys', admin, { clientName: 'Poolapp', contactConsent: false })).body.key;
    const res = await fetch(`${t.hub.url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ api_key: key, service_code: 'afval', 'attribute[soort]': 'grofvuil', lat: '90', long: '0' }).toString(),
    });
    expect(res.status).toBe(200);
    const [created] = (await res.json()) as { service_request_id: string }[];
    const report = (await t.api<ReportsSnapshot>('GET', '/api/reports', token)).body.reports.find((r) => r.number === created?.service_request_id);
    expect(report).toMatchObject({ lat: 90, lng: 0, address: null });
  });
});
