/**
 * Issue 12, "the caller's house number is kept exactly as given" and the console must be honest about it: a
 * number the offline index lacks is offered at a neighbouring number's point, marked approximate on the
 * suggestion and the lookup, with `houseFound: false` (the demo file is approximate as a whole: that is
 * `approximate` alone), and without the neighbour's postcode (a postcode belongs to a range of numbers).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Address, AddressSuggestResponse } from '../../server/protocol/address';
import { addressCsv, importAddresses } from '../support/addresses';
import { storeKinds } from '../support/databases';
import { startTestHub, type TestHub } from '../support/hub';

const suggest = async (t: TestHub, token: string, q: string) => {
  const res = await t.api<AddressSuggestResponse>('GET', `/api/address/suggest?q=${encodeURIComponent(q)}`, token);
  expect(res.status).toBe(200);
  return res.body.suggestions;
};
const lookup = async (t: TestHub, token: string, id: string) => {
  const res = await t.api<Address>('GET', `/api/address/lookup?id=${encodeURIComponent(id)}`, token);
  expect(res.status).toBe(200);
  return res.body;
};

describe.each(storeKinds)('a house number the index lacks (%s)', (store) => {
  let t: TestHub;
  let token: string;
  beforeAll(async () => {
    t = await startTestHub({ store });
    token = (await t.login('centralist')).token;
  });
  afterAll(async () => {
    await t.stop();
  });

  it('demo file: "Lange Voorhout 999" is kept, marked approximate and not found, without a borrowed postcode', async () => {
    const [kept] = await suggest(t, token, 'Lange Voorhout 999');
    expect(kept).toMatchObject({ kind: 'address', label: 'Lange Voorhout 999, Den Haag', approximate: true, houseFound: false });
    expect(await lookup(t, token, kept?.id ?? '')).toMatchObject({
      label: 'Lange Voorhout 999, Den Haag',
      houseNumber: 999,
      postcode: null,
      place: 'Den Haag',
      approximate: true,
      houseFound: false,
    });
  });

  it('demo file: a number it holds is approximate (the whole file is) but found', async () => {
    const [found] = await suggest(t, token, 'Lange Voorhout 36');
    expect(found).toMatchObject({ label: 'Lange Voorhout 36, 2514 EE Den Haag', approximate: true, houseFound: true });
    expect(await lookup(t, token, found?.id ?? '')).toMatchObject({ approximate: true, houseFound: true });
    // A street or a place is no house: neither found nor missing.
    const [street] = await suggest(t, token, 'Lange Voorh');
    expect(street?.kind).toBe('street');
    expect(street?.houseFound).toBeUndefined();
  });

  it('demo file: a letter the index lacks on a number it holds keeps that number\'s postcode, and is not found', async () => {
    const [kept] = await suggest(t, token, 'Lange Voorhout 36B');
    expect(kept).toMatchObject({ label: 'Lange Voorhout 36B, 2514 EE Den Haag', approximate: true, houseFound: false });
    expect(await lookup(t, token, kept?.id ?? '')).toMatchObject({ houseLetter: 'B', postcode: '2514EE', houseFound: false });
  });

  it('a BAG extract (not approximate): the exact house is not approximate, a missing number is', async () => {
    const file = addressCsv([
      'street,house_number,house_letter,addition,postcode,place,lat,lon',
      'Dam,1,,,1012JS,Amsterdam,52.37310,4.89310',
      'Dam,3,,,1012JS,Amsterdam,52.37300,4.89330',
      'Dam,9,,,1012JT,Amsterdam,52.37270,4.89390',
    ]);
    await importAddresses(t, file);
    const [exact] = await suggest(t, token, 'Dam 3');
    expect(exact).toMatchObject({ label: 'Dam 3, 1012 JS Amsterdam', approximate: false, houseFound: true });
    expect(await lookup(t, token, exact?.id ?? '')).toMatchObject({ approximate: false, houseFound: true, postcode: '1012JS' });
    const [missing] = await suggest(t, token, 'Dam 7');
    expect(missing).toMatchObject({ label: 'Dam 7, Amsterdam', approximate: true, houseFound: false });
    expect(await lookup(t, token, missing?.id ?? '')).toMatchObject({ houseNumber: 7, postcode: null, approximate: true, houseFound: false });
    // By postcode and a number that postcode does not hold: the same.
    const [byPostcode] = await suggest(t, token, '1012 JS 5');
    expect(byPostcode).toMatchObject({ label: 'Dam 5, Amsterdam', approximate: true, houseFound: false });
  });
});
