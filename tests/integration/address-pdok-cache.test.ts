import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressSuggestResponse } from '../../server/protocol/address';
import { startTestHub, type TestHub } from '../support/hub';
import { type FakePdok, startFakePdok } from '../support/pdok-server';

/** The answer cache in front of PDOK (addressCacheSize): a repeated question is not asked again, a failure is. */
describe('PDOK answers through the hub cache', () => {
  let pdok: FakePdok;
  let t: TestHub;
  let token: string;
  beforeAll(async () => {
    pdok = await startFakePdok();
    t = await startTestHub({ store: 'sqlite', config: { addressSource: 'pdok', pdokUrl: pdok.url, addressTimeoutMs: 300, addressCacheSize: 100 } });
    token = (await t.login('centralist')).token;
  });
  afterAll(async () => {
    await t.stop();
    await pdok.close();
  });

  const suggest = (q: string) => t.api<AddressSuggestResponse>('GET', `/api/address/suggest?q=${encodeURIComponent(q)}`, token);
  const askedFor = (endpoint: string) => pdok.asked.filter((url) => url.pathname.endsWith(`/${endpoint}`)).length;

  it('asks PDOK once for the same suggestion and the same point (to about a metre)', async () => {
    const first = await suggest('Lange Voorhout 36');
    const again = await suggest('lange voorhout 36 ');
    expect(again.body).toEqual(first.body);
    expect(askedFor('suggest')).toBe(1);
    await t.api('GET', '/api/address/reverse?lat=52.079001&lng=4.312001', token);
    await t.api('GET', '/api/address/reverse?lat=52.079002&lng=4.312002', token);
    expect(askedFor('reverse')).toBe(1);
  });

  it('does not keep a failure: PDOK is asked again once it answers', async () => {
    pdok.mode = 'error500';
    expect((await suggest('Spui 1')).status).toBe(503);
    pdok.mode = 'ok';
    expect((await suggest('Spui 1')).status).toBe(200);
    expect(pdok.asked.filter((url) => url.searchParams.get('q') === 'Spui 1')).toHaveLength(2);
  });
});
