import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Address, AddressReverseResponse, AddressSuggestResponse } from '../../server/protocol/address';
import { addressCsv, importAddresses } from '../support/addresses';
import { storeKinds } from '../support/databases';
import { startTestHub, type TestHub } from '../support/hub';

const suggest = async (t: TestHub, token: string, q: string, limit?: number) => {
  const res = await t.api<AddressSuggestResponse>('GET', `/api/address/suggest?q=${encodeURIComponent(q)}${limit ? `&limit=${limit}` : ''}`, token);
  expect(res.status).toBe(200);
  return res.body.suggestions;
};
const lookup = async (t: TestHub, token: string, id: string) => t.api<Address>('GET', `/api/address/lookup?id=${encodeURIComponent(id)}`, token);

/** The demo hub's offline index (resources/addresses-demo.csv, loaded at start in demo mode). */
describe.each(storeKinds)('address search on the demo file (%s)', (store) => {
  let t: TestHub;
  let token: string;
  beforeAll(async () => {
    t = await startTestHub({ store });
    token = (await t.login('centralist')).token;
  });
  afterAll(async () => {
    await t.stop();
  });

  it('finds "Lange Voorhout 36" first, looks it up with its point and calls it approximate', async () => {
    const [first, second] = await suggest(t, token, 'Lange Voorhout 36');
    expect(first).toMatchObject({ kind: 'address', label: 'Lange Voorhout 36, 2514 EE Den Haag' });
    expect(second?.label).toBe('Lange Voorhout 36A, 2514 EE Den Haag');
    const res = await lookup(t, token, first?.id ?? '');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ street: 'Lange Voorhout', houseNumber: 36, houseLetter: null, postcode: '2514EE', place: 'Den Haag', approximate: true });
    expect(res.body.lat).toBeCloseTo(52.07984, 4);
    expect(res.body.lng).toBeCloseTo(4.31141, 4);
  });

  it('puts neighbouring numbers metres apart: 36 is next to 34, where the demo\'s branch report is (52.0799, 4.3113)', async () => {
    const near = await t.api<AddressReverseResponse>('GET', '/api/address/reverse?lat=52.0799&lng=4.3113', token);
    expect(near.body.address?.label).toBe('Lange Voorhout 34, 2514 EE Den Haag');
    expect(near.body.distanceM).toBe(0);
    const [lv36] = await suggest(t, token, 'Lange Voorhout 36');
    // Metres between two points this close (the earth is flat at this scale).
    const metres = (lat: number, lng: number) => Math.hypot((lat - 52.0799) * 111_320, (lng - 4.3113) * 111_320 * Math.cos((52.08 * Math.PI) / 180));
    const apart = metres(lv36?.lat ?? 0, lv36?.lng ?? 0);
    expect(apart).toBeGreaterThan(2);
    expect(apart).toBeLessThan(20);
  });

  it('finds postcode and number, a street without a number, named places and a street corner', async () => {
    expect((await suggest(t, token, '2514 EE 36'))[0]).toMatchObject({ kind: 'address', label: 'Lange Voorhout 36, 2514 EE Den Haag' });
    expect((await suggest(t, token, '2514EE'))[0]).toMatchObject({ kind: 'postcode', label: '2514 EE, Den Haag' });
    expect((await suggest(t, token, 'Lange Voorh'))[0]).toMatchObject({ kind: 'street', label: 'Lange Voorhout, Den Haag' });
    expect((await suggest(t, token, 'malieveld'))[0]).toMatchObject({ kind: 'place', label: 'Malieveld, Den Haag' });
    expect((await suggest(t, token, 'Centraal Station'))[0]).toMatchObject({ kind: 'place', label: 'Centraal Station, Den Haag' });
    for (const q of ['hoek Spui/Kalvermarkt', 'Spui / Kalvermarkt', 'Spui hoek Kalvermarkt']) {
      const [corner] = await suggest(t, token, q);
      expect(corner).toMatchObject({ kind: 'corner', label: 'Hoek Spui / Kalvermarkt, Den Haag' });
      const res = await lookup(t, token, corner?.id ?? '');
      expect(res.body).toMatchObject({ kind: 'corner', approximate: true });
    }
  });

  it('keeps the house number the caller gave: a letter or number the index lacks is placed at its neighbour, approximate', async () => {
    const [kept] = await suggest(t, token, 'Lange Voorhout 36B');
    expect(kept).toMatchObject({ kind: 'address', label: 'Lange Voorhout 36B, 2514 EE Den Haag' });
    const res = await lookup(t, token, kept?.id ?? '');
    expect(res.body).toMatchObject({ houseNumber: 36, houseLetter: 'B', approximate: true });
    const [far] = await suggest(t, token, 'Lange Voorhout 36-2');
    expect(far?.label).toBe('Lange Voorhout 36-2, 2514 EE Den Haag');
    expect((await lookup(t, token, far?.id ?? '')).body).toMatchObject({ houseNumber: 36, addition: '2' });
  });

  it('answers the nearest address within 250 m, and nothing farther away', async () => {
    const near = await t.api<AddressReverseResponse>('GET', '/api/address/reverse?lat=52.0786&lng=4.3125', token);
    expect(near.status).toBe(200);
    expect(near.body.address?.street).toBe('Lange Voorhout');
    expect(near.body.distanceM).toBeGreaterThan(0);
    expect(near.body.distanceM).toBeLessThanOrEqual(250);
    const sea = await t.api<AddressReverseResponse>('GET', '/api/address/reverse?lat=52.2&lng=4.1', token);
    expect(sea.body).toEqual({ address: null, distanceM: null });
  });

  it('answers 404 address.not_found for an unknown id and refuses a bad query with 422', async () => {
    const unknown = await lookup(t, token, 'a:99999999');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'address.not_found' });
    expect((await t.api('GET', '/api/address/suggest?q=', token)).status).toBe(422);
    expect((await t.api('GET', '/api/address/reverse?lat=95&lng=4', token)).status).toBe(422);
  });

  it('lets the desk roles and the field client search, and refuses the admin and strangers', async () => {
    for (const user of ['centralist', 'chef', 'politie', 'boa1']) {
      const res = await t.api('GET', '/api/address/suggest?q=Spui', (await t.login(user)).token);
      expect(res.status, user).toBe(200);
    }
    expect((await t.api('GET', '/api/address/suggest?q=Spui', (await t.login('admin')).token)).status).toBe(403);
    expect((await t.api('GET', '/api/address/suggest?q=Spui')).status).toBe(401);
  });
});

describe.each(storeKinds)('address import (%s)', (store) => {
  let t: TestHub;
  let token: string;
  beforeAll(async () => {
    t = await startTestHub({ store, demo: true });
    token = (await t.login('centralist')).token;
  });
  afterAll(async () => {
    await t.stop();
  });

  it('reads RD New x/y and semicolons (NLExtract columns), ranks street and number before others', async () => {
    // RD New's origin (155000, 463000), the Onze Lieve Vrouwetoren in Amersfoort, is 52.15517 N, 5.38721 E (EPSG).
    const file = addressCsv([
      'openbareruimte;huisnummer;huisletter;huisnummertoevoeging;postcode;woonplaats;gemeente;x;y',
      'Dam;1;;;1012JS;Amsterdam;Amsterdam;121393;487412',
      'Dam;1;;2;1012JS;Amsterdam;Amsterdam;121395;487414',
      'Damrak;1;;;1012LG;Amsterdam;Amsterdam;121560;487650',
      'Damstraat;1;;;1012JL;Amsterdam;Amsterdam;121500;487300',
      'Lieve Vrouwekerkhof;1;;;3811CR;Amersfoort;Amersfoort;155000;463000',
    ]);
    expect(await importAddresses(t, file)).toEqual({ addresses: 5, places: 0 });
    const [tower] = await suggest(t, token, 'Lieve Vrouwekerkhof 1');
    expect(tower?.lat).toBeCloseTo(52.15517, 4);
    expect(tower?.lng).toBeCloseTo(5.38721, 4);
    const found = await suggest(t, token, 'Dam 1');
    expect(found.map((s) => s.label)).toEqual([
      'Dam 1, 1012 JS Amsterdam',
      'Dam 1-2, 1012 JS Amsterdam',
      'Damrak 1, 1012 LG Amsterdam',
      'Damstraat 1, 1012 JL Amsterdam',
      'Dam, Amsterdam',
      'Damrak, Amsterdam',
      'Damstraat, Amsterdam',
    ]);
    const dam = await lookup(t, token, found[0]?.id ?? '');
    expect(dam.body.approximate).toBe(false);
  });

  it('refuses a file with a missing column or a bad row by its row number, and leaves the index as it was', async () => {
    const before = await suggest(t, token, 'Damrak');
    const noPlace = addressCsv(['street,house_number,house_letter,addition,postcode,lat,lon', 'Spui,1,,,2511BL,52.07,4.31']);
    await expect(importAddresses(t, noPlace)).rejects.toThrow('row 1 (header): missing column(s): place');
    const noPoint = addressCsv(['street,house_number,house_letter,addition,postcode,place', 'Spui,1,,,2511BL,Den Haag']);
    await expect(importAddresses(t, noPoint)).rejects.toThrow('lat and lon (or x and y)');
    const badRow = addressCsv([
      'street,house_number,house_letter,addition,postcode,place,lat,lon',
      'Spui,1,,,2511BL,Den Haag,52.07,4.31',
      'Spui,2,,,2511BL,Den Haag,52.07,4.31',
      'Spui,drie,,,2511BL,Den Haag,52.07,4.31',
    ]);
    await expect(importAddresses(t, badRow)).rejects.toThrow('row 4: house number "drie" is not a whole number');
    const badPostcode = addressCsv(['street,house_number,house_letter,addition,postcode,place,lat,lon', 'Spui,1,,,25BL,Den Haag,52.07,4.31']);
    await expect(importAddresses(t, badPostcode)).rejects.toThrow('row 2: postcode "25BL"');
    expect(await suggest(t, token, 'Damrak')).toEqual(before);
    expect(await suggest(t, token, 'Spui')).toEqual([]);
  });
});
