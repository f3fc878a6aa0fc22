import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ack, ApiError } from '../../server/protocol/common';
import type { Alert, Unit } from '../../server/protocol/dispatch';
import type { HubEvent } from '../../server/protocol/events';
import type { Report } from '../../server/protocol/report';
import { storeKinds } from '../support/databases';
import { dispatchThroughOffer } from '../support/dispatch-offer';
import { connectField, createFieldUnits, type FieldClient } from '../support/field-units';
import { sampleReport, startTestHub, type TestHub, until } from '../support/hub';

/** Issue 10, point 7: small holes, each a clear 4xx in Dutch or folded. */
describe.each(storeKinds)('small refusals (%s)', (store) => {
  let t: TestHub;
  let now = Date.now();
  let desk: string;

  beforeEach(async () => {
    now = Date.now();
    t = await startTestHub({ store, clock: () => new Date(now) });
    desk = (await t.login('centralist')).token;
  });
  afterEach(async () => {
    await t.stop();
  });

  async function field(): Promise<{ socket: FieldClient; unitId: string }> {
    const [unit] = await createFieldUnits(t.hub, 1);
    if (!unit) throw new Error('no unit');
    const socket = connectField(t.hub.url, (await t.login(unit.username, 'veld')).token);
    await new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(undefined));
      socket.once('connect_error', reject);
    });
    return { socket, unitId: unit.unitId };
  }

  it('/status with a number or code given twice is a 400 page in Dutch, no stack trace', async () => {
    const res = await fetch(`${t.hub.url}/status?nummer=M-000001&nummer=M-000002&code=ABC`);
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('Vul één meldingnummer en één code in.');
    expect(page).not.toMatch(/TypeError|at .*\.ts:\d+/);
    expect((await fetch(`${t.hub.url}/status?nummer=M-000001&code=A&code=B`)).status).toBe(400);
  });

  it('nearby with empty lat and lng is refused (422, per field), not searched at 0,0', async () => {
    const res = await t.api<ApiError>('GET', '/api/reports/nearby?category=groen&lat=&lng=', desk);
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.fields ?? {}).sort()).toEqual(['lat', 'lng']);
    expect((await t.api('GET', '/api/reports/nearby?category=groen&lat=1&lat=2&lng=4.3', desk)).status).toBe(422);
    expect((await t.api('GET', '/api/reports/nearby?category=groen&lat=52.08&lng=4.31', desk)).status).toBe(200);
  });

  it('tasking takes only real calendar dates', async () => {
    for (const date of ['2024-13-45', '2024-02-30', '2023-02-29']) {
      const res = await t.api<ApiError>('GET', `/api/tasking?date=${date}`, desk);
      expect(res.status, date).toBe(422);
      expect(res.body.fields?.date).toMatch(/^Ongeldige notatie/);
    }
    expect((await t.api('GET', '/api/tasking?date=2024-02-29', desk)).status).toBe(200);
    const politie = (await t.login('politie')).token;
    const res = await t.api<ApiError>('POST', '/api/tasking', politie, { date: '2024-13-45', unitId: 'x', areaId: 'y', shift: 'vroeg' });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.fields ?? {})).toEqual(['date']);
  });

  it('a focus area must lie on earth: finite WGS84 coordinates ([lng, lat])', async () => {
    const politie = (await t.login('politie')).token;
    const area = (ring: number[][]) => ({
      name: 'Ergens',
      instructions: 'Extra rondes',
      publicText: null,
      polygon: [ring],
      startsAt: new Date(now).toISOString(),
      endsAt: new Date(now + 86_400_000).toISOString(),
    });
    const square = [
      [4.3, 52.07],
      [4.31, 52.07],
      [4.31, 52.08],
      [4.3, 52.07],
    ];
    for (const bad of [[[1e308, 52.07], ...square.slice(1)], [[4.3, 91], ...square.slice(1)], [[-181, 52], ...square.slice(1)]]) {
      const res = await t.api<ApiError>('POST', '/api/focus-areas', politie, area(bad));
      expect(res.status, JSON.stringify(bad[0])).toBe(422);
      expect(Object.keys(res.body.fields ?? {})[0]).toMatch(/^polygon\.0\.0\.[01]$/);
    }
    expect((await t.api('POST', '/api/focus-areas', politie, area(square))).status).toBe(201);
  });

  it('a position fix dated in 2099 is dated now (hub clock), live and through a status change', async () => {
    const { socket, unitId } = await field();
    const unitNow = async () => (await t.api<{ units: Unit[] }>('GET', '/api/units', desk)).body.units.find((u) => u.id === unitId);
    socket.emit('position', { lat: 52.0811, lng: 4.3122, accuracy: 8, heading: null, at: '2099-01-01T00:00:00.000Z' });
    await until(async () => (await unitNow())?.position?.lat === 52.0811, 5000, 'the fix');
    expect(Date.parse((await unitNow())?.position?.at ?? '')).toBeLessThanOrEqual(now + 120_000);

    const status = (await socket.timeout(5000).emitWithAck('unit:status', {
      commandId: randomUUID(),
      status: 'pauze',
      position: { lat: 52.0822, lng: 4.3133, accuracy: 8, heading: null, at: '2099-01-01T00:00:00.000Z' },
    })) as Ack<Unit>;
    expect(status.ok).toBe(true);
    if (status.ok) expect(Date.parse(status.data.position?.at ?? '')).toBeLessThanOrEqual(now + 120_000);
    socket.disconnect();
  });

  it('50 emergency presses make one open emergency alert; after it is acknowledged, a new press raises a new one', async () => {
    const { socket } = await field();
    const press = () => socket.timeout(5000).emitWithAck('emergency', { commandId: randomUUID() }) as Promise<Ack<Alert>>;
    const after = (await t.fetchEvents(desk, 0)).latestSeq;
    const acks = await Promise.all(Array.from({ length: 50 }, press));
    const ids = new Set(acks.map((a) => (a.ok ? a.data.id : a.error.message)));
    expect(ids.size).toBe(1);
    const raised = (await t.fetchEvents(desk, after)).events.filter((e: HubEvent) => e.type === 'alert.raised');
    expect(raised).toHaveLength(1);
    const alerts = (await t.api<{ alerts: Alert[] }>('GET', '/api/alerts', desk)).body.alerts.filter((a) => a.kind === 'emergency');
    expect(alerts).toHaveLength(1);

    const dispatcher = t.connectConsole(desk);
    const acked = (await dispatcher.timeout(5000).emitWithAck('alert:ack', { alertId: alerts[0]?.id ?? '' })) as Ack<Alert>;
    expect(acked.ok).toBe(true);
    const again = await press();
    expect(again.ok && again.data.id).not.toBe(alerts[0]?.id);
    socket.disconnect();
  });

  it('no desk role moves a report to dispatched; only an accepted offer does', async () => {
    const report = (await t.api<Report>('POST', '/api/reports', desk, sampleReport())).body;
    for (const username of ['centralist', 'chef', 'politie']) {
      const token = (await t.login(username)).token;
      const res = await t.api<ApiError>('POST', `/api/reports/${report.id}/transition`, token, { to: 'dispatched' });
      expect(res.status, username).toBe(403);
      expect(res.body.message).toMatch(/^Als .* mag u de stap "Eenheid toewijzen" niet zetten\.$/);
    }
    expect((await dispatchThroughOffer(t, desk, report.id)).status).toBe('dispatched');
  });
});
