import { afterEach, describe, expect, it } from 'vitest';
import { cellOf } from '../../server/geo/cells';
import { offlineSource } from '../../server/geo/offline-source';
import type { Signal, SignalsResponse } from '../../server/protocol/intake';
import { replaceAddressIndex } from '../../server/store/addresses';
import { migrateToLatest } from '../../server/store/migrate';
import { signalsBetween } from '../../server/store/signals';
import { storeKinds } from '../support/databases';
import { migrateUpTo, storeForEachTest } from '../support/filled-database';
import { startTestHub, type TestHub, until } from '../support/hub';

const KEY = 'test-webhook-sleutel-0123456789abcdef';
const NEAR_LANGE_VOORHOUT = { lat: 52.0786, lng: 4.3125 };

async function postSignal(t: TestHub, id: string): Promise<{ status: number; signal: Signal }> {
  const res = await fetch(`${t.hub.url}/api/signals/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-meldkamer-webhook-key': KEY },
    body: JSON.stringify({ text: 'Tak hangt laag over de stoep', ...NEAR_LANGE_VOORHOUT, time: new Date().toISOString(), source: 'x', id }),
  });
  return { status: res.status, signal: ((await res.json()) as { signal: Signal }).signal };
}

/** The signal as signals.list shows it once its address was looked up. */
async function addressedSignal(t: TestHub, id: string): Promise<Signal | undefined> {
  const desk = (await t.login('centralist')).token;
  let found: Signal | undefined;
  await until(async () => {
    found = (await t.api<SignalsResponse>('GET', '/api/signals?days=7', desk)).body.signals.find((s) => s.id === id);
    return found?.address !== undefined;
  }, 10_000, "the signal's address");
  return found;
}

describe.each(storeKinds)('a webhook signal gets its nearest address (%s)', (store) => {
  let t: TestHub;
  afterEach(async () => {
    await t.stop();
  });

  it('is answered with its coordinates, and the nearest demo address follows in the signals list', async () => {
    t = await startTestHub({ store, config: { webhookKey: KEY } });
    const { status, signal } = await postSignal(t, 'post-1');
    expect(status).toBe(201);
    expect(signal).toMatchObject(NEAR_LANGE_VOORHOUT);
    const listed = await addressedSignal(t, signal.id);
    expect(listed?.address?.label).toMatch(/^Lange Voorhout \d+/);
    expect(listed?.address?.distanceM).toBeLessThanOrEqual(250);
  }, 60_000);

  it('stays stored with its coordinates when the address source is down (address null)', async () => {
    t = await startTestHub({ store, config: { webhookKey: KEY, addressSource: 'pdok', pdokUrl: 'http://127.0.0.1:9/locatieserver', addressTimeoutMs: 500 } });
    const { status, signal } = await postSignal(t, 'post-2');
    expect(status).toBe(201);
    const listed = await addressedSignal(t, signal.id);
    expect(listed?.address).toBeNull();
    expect(listed).toMatchObject({ ...NEAR_LANGE_VOORHOUT, text: 'Tak hangt laag over de stoep' });
  }, 60_000);
});

describe.each(storeKinds)('migration 0015 on a database that holds signals and addresses (%s)', (kind) => {
  const fresh = storeForEachTest(kind, 'signal-address');

  it('keeps the signals (no address: not looked up) and the address index still answers', async () => {
    const s = fresh.store;
    // The schema before 0015 has no address columns on signals.
    const old = await migrateUpTo(s.db, '0014_addresses');
    const at = new Date().toISOString();
    await old
      .insertInto('signals')
      .values({ id: 's1', source: 'social', channel: 'x', text: 'Oud signaal', ...NEAR_LANGE_VOORHOUT, place: null, url: null, occurred_at: at, imported_at: at, batch_id: null, external_id: 'p1', created_by: null })
      .execute();
    await replaceAddressIndex(s.db, s.kind, async (trx) => {
      await trx
        .insertInto('addresses')
        .values([36, 37].map((n) => ({ street: 'Lange Voorhout', house_number: n, postcode: '2514EE', place: 'Den Haag', lat: 52.0786 + n / 1e5, lng: 4.3125, cell: cellOf(52.0786, 4.3125), approximate: 0 })))
        .execute();
    });

    expect(await migrateToLatest(s.db)).toContain('0015_signal_address_search');

    const [signal] = await signalsBetween(s.db, new Date(Date.now() - 60_000).toISOString(), new Date(Date.now() + 60_000).toISOString());
    expect(signal).toMatchObject({ id: 's1', text: 'Oud signaal' });
    expect(signal?.address).toBeUndefined();
    const source = offlineSource(s);
    expect((await source.suggest('Lange Voorhout 36', 5))[0]?.label).toBe('Lange Voorhout 36, 2514 EE Den Haag');
    expect((await source.suggest('lange voo', 5)).map((a) => a.label)).toContain('Lange Voorhout, Den Haag');
    expect((await source.reverse(NEAR_LANGE_VOORHOUT, 250))?.address.label).toBe('Lange Voorhout 36, 2514 EE Den Haag');
  }, 60_000);
});
