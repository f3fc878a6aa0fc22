import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Address, AddressReverseResponse, AddressSuggestResponse } from '../../server/protocol/address';
import type { ApiError } from '../../server/protocol/common';
import { startTestHub, type TestHub } from '../support/hub';
import { type FakePdok, startFakePdok } from '../support/pdok-server';

/** The hub with MELDKAMER_ADDRESS_SOURCE=pdok against a local server answering as PDOK Locatieserver does. */
describe('address search through PDOK Locatieserver', () => {
  let pdok: FakePdok;
  let t: TestHub;
  let token: string;
  beforeAll(async () => {
    pdok = await startFakePdok();
    t = await startTestHub({ store: 'sqlite', config: { addressSource: 'pdok', pdokUrl: pdok.url, addressTimeoutMs: 300, addressCacheSize: 0 } });
    token = (await t.login('centralist')).token;
  });
  afterAll(async () => {
    await t.stop();
    await pdok.close();
  });
  beforeEach(() => {
    pdok.mode = 'ok';
    pdok.asked.length = 0;
  });

  it('suggests, looks up and reverses with PDOK answers, asking /suggest, /lookup and /reverse', async () => {
    const suggested = await t.api<AddressSuggestResponse>('GET', '/api/address/suggest?q=Lange%20Voorhout%2036', token);
    expect(suggested.body.source).toBe('pdok');
    expect(suggested.body.suggestions).toEqual([
      { id: 'adr-2f0d4b1c5e7a8b9c0d1e2f3a4b5c6d7e', label: "Lange Voorhout 36, 2514EE 's-Gravenhage", kind: 'address' },
      { id: 'wgd-0a1b2c3d4e5f60718293a4b5c6d7e8f9', label: "Lange Voorhout, 's-Gravenhage", kind: 'street', lat: 52.0802, lng: 4.31201 },
    ]);
    expect(pdok.asked[0]?.pathname).toBe('/bzk/locatieserver/search/v3_1/suggest');
    expect(pdok.asked[0]?.searchParams.get('q')).toBe('Lange Voorhout 36');

    const looked = await t.api<Address>('GET', `/api/address/lookup?id=${suggested.body.suggestions[0]?.id}`, token);
    expect(looked.body).toMatchObject({ kind: 'address', street: 'Lange Voorhout', houseNumber: 36, postcode: '2514EE', lat: 52.0794, lng: 4.3125, approximate: false });
    expect((await t.api<ApiError>('GET', '/api/address/lookup?id=adr-unknown', token)).status).toBe(404);

    const reversed = await t.api<AddressReverseResponse>('GET', '/api/address/reverse?lat=52.0790&lng=4.3120', token);
    expect(reversed.body.distanceM).toBe(42);
    expect(reversed.body.address?.label).toBe("Lange Voorhout 36, 2514EE 's-Gravenhage");
    const asked = pdok.asked.at(-1);
    expect([asked?.pathname, asked?.searchParams.get('lat'), asked?.searchParams.get('lon')]).toEqual(['/bzk/locatieserver/search/v3_1/reverse', '52.079', '4.312']);
  });

  it.each(['error500', 'hang', 'garbage', 'wrongShape'] as const)('answers 503 address.unavailable when PDOK %s', async (mode) => {
    pdok.mode = mode;
    for (const path of ['/api/address/suggest?q=Spui', '/api/address/lookup?id=adr-1', '/api/address/reverse?lat=52.07&lng=4.31']) {
      const res = await t.api<ApiError>('GET', path, token);
      expect(res.status, path).toBe(503);
      expect(res.body).toMatchObject({ code: 'address.unavailable', message: 'Adreszoeker niet bereikbaar' });
    }
  });
});
