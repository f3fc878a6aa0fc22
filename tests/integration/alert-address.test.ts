import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Ack } from '../../server/protocol/common';
import type { Alert } from '../../server/protocol/dispatch';
import type { HubEvent } from '../../server/protocol/events';
import { storeKinds } from '../support/databases';
import { connectField } from '../support/field-units';
import { startTestHub, type TestHub, until } from '../support/hub';

const nearLangeVoorhout = () => ({ lat: 52.0786, lng: 4.3125, accuracy: 8, heading: null, at: new Date().toISOString() });

async function pressEmergency(t: TestHub): Promise<{ alert: Alert; after: number; desk: string }> {
  const desk = (await t.login('centralist')).token;
  const after = (await t.fetchEvents(desk, 0)).latestSeq;
  const field = connectField(t.hub.url, (await t.login('boa1')).token);
  const ack = (await field.timeout(5000).emitWithAck('emergency', { commandId: randomUUID(), position: nearLangeVoorhout() })) as Ack<Alert>;
  field.disconnect();
  if (!ack.ok) throw new Error(ack.error.message);
  return { alert: ack.data, after, desk };
}

async function alertEvents(t: TestHub, desk: string, after: number, alertId: string): Promise<HubEvent[]> {
  let events: HubEvent[] = [];
  await until(async () => {
    events = (await t.fetchEvents(desk, after)).events.filter((e) => 'alert' in e && e.alert.id === alertId);
    return events.some((e) => e.type === 'alert.addressed');
  }, 10_000, 'the alert.addressed event');
  return events;
}

describe.each(storeKinds)('the emergency alert names its nearest address (%s)', (store) => {
  let t: TestHub;
  afterEach(async () => {
    await t.stop();
  });

  it('goes out with coordinates first, then an alert.addressed update names the street; alerts.list has it too', async () => {
    t = await startTestHub({ store });
    const { alert, after, desk } = await pressEmergency(t);
    expect(alert.position).not.toBeNull();
    expect(alert.address).toBeUndefined();
    const events = await alertEvents(t, desk, after, alert.id);
    expect(events.map((e) => e.type)).toEqual(['alert.raised', 'alert.addressed']);
    const raised = events[0] as Extract<HubEvent, { alert: Alert }>;
    const addressed = events[1] as Extract<HubEvent, { alert: Alert }>;
    expect(raised.alert.address).toBeUndefined();
    expect(addressed.alert.address?.label).toMatch(/^Lange Voorhout \d+$/);
    expect(addressed.alert.address?.distanceM).toBeLessThanOrEqual(250);
    const listed = (await t.api<{ alerts: Alert[] }>('GET', '/api/alerts', desk)).body.alerts.find((a) => a.id === alert.id);
    expect(listed?.address).toEqual(addressed.alert.address);
  }, 60_000);

  it('keeps its coordinates when the address source fails (address null), and is raised all the same', async () => {
    t = await startTestHub({ store, config: { addressSource: 'pdok', pdokUrl: 'http://127.0.0.1:9/locatieserver', addressTimeoutMs: 500 } });
    const { alert, after, desk } = await pressEmergency(t);
    expect(alert.kind).toBe('emergency');
    const events = await alertEvents(t, desk, after, alert.id);
    expect(events.map((e) => e.type)).toEqual(['alert.raised', 'alert.addressed']);
    const addressed = events[1] as Extract<HubEvent, { alert: Alert }>;
    expect(addressed.alert.address).toBeNull();
    expect(addressed.alert.position).toEqual(alert.position);
  }, 60_000);
});
