import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack } from '../../server/protocol/common';
import type { Alert } from '../../server/protocol/dispatch';
import { connectField } from '../support/field-units';
import { startTestHub, type TestHub, until } from '../support/hub';
import { type FakePdok, startFakePdok } from '../support/pdok-server';

/**
 * Issue 12: "the alert goes out with coordinates at once and the address follows; it never waits for a geocoder".
 * The geocoder here never answers (PDOK hangs, the hub's timeout is the longest allowed): the alert is acknowledged
 * and on the console's event stream while the hub's question to PDOK is still open.
 */
describe('the emergency alert does not wait for a geocoder that hangs', () => {
  let pdok: FakePdok;
  let t: TestHub;
  beforeAll(async () => {
    pdok = await startFakePdok();
    pdok.mode = 'hang';
    t = await startTestHub({ store: 'sqlite', config: { addressSource: 'pdok', pdokUrl: pdok.url, addressTimeoutMs: 30_000, addressCacheSize: 0 } });
  });
  afterAll(async () => {
    await pdok.close();
    await t.stop();
  });

  it('is raised and published with its coordinates while the nearest address is still being asked', async () => {
    const desk = (await t.login('centralist')).token;
    const after = (await t.fetchEvents(desk, 0)).latestSeq;
    const field = connectField(t.hub.url, (await t.login('boa1')).token);
    const position = { lat: 52.0786, lng: 4.3125, accuracy: 8, heading: null, at: new Date().toISOString() };
    const ack = (await field.timeout(10_000).emitWithAck('emergency', { commandId: randomUUID(), position })) as Ack<Alert>;
    field.disconnect();
    if (!ack.ok) throw new Error(ack.error.message);
    // The hub did ask PDOK for the nearest address, and PDOK has not answered.
    await until(() => pdok.asked.some((url) => url.pathname.endsWith('/reverse')), 10_000, 'the reverse question to PDOK');
    const events = (await t.fetchEvents(desk, after)).events.filter((e) => 'alert' in e && e.alert.id === ack.data.id);
    expect(events.map((e) => e.type)).toEqual(['alert.raised']);
    expect(ack.data.position).toMatchObject({ lat: 52.0786, lng: 4.3125 });
    expect(ack.data.address).toBeUndefined();
  });
});
