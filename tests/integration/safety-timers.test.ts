import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, FocusArea } from '../../server/protocol/dispatch';
import type { HubEvent } from '../../server/protocol/events';
import type { PriorityTraffic, SafetyStatus } from '../../server/protocol/safety';
import type { FieldEvent, FieldState } from '../../server/protocol/socket';
import { createPostgresDatabase, storeKinds } from '../support/databases';
import { connectField, createFieldUnits, type FieldClient, type TestFieldUnit } from '../support/field-units';
import { type ConsoleClient, startTestHub, type TestHub, until, waitFor } from '../support/hub';

/**
 * Safety timers and spoedmeldingen over real sockets, on the hub clock (domain/safety-timers.ts,
 * domain/priority-traffic.ts): the test moves the clock and runs the sweeper itself.
 */

const MIN = 60_000;
// 10:00 in Amsterdam (winter): the vroeg shift, so the 20-minute limit applies.
const T0 = Date.parse('2026-01-15T09:00:00.000Z');

type Field = FieldClient & { received: FieldEvent[] };

async function ack<T>(socket: Field | ConsoleClient, name: string, input: object): Promise<{ ok: boolean; data?: T; error?: { code: string } }> {
  // biome-ignore lint/suspicious/noExplicitAny: the event names are checked by the hub, not here
  return (socket as any).timeout(5000).emitWithAck(name, input);
}

describe.each(storeKinds)('officer safety on %s', (store) => {
  let t: TestHub;
  let now = T0;
  let units: TestFieldUnit[];
  const fields = new Map<string, Field>();
  let console: ConsoleClient;
  const heard: HubEvent[] = [];
  let token: string;
  const field = (i: number) => {
    const f = fields.get(units[i]?.unitId ?? '');
    if (!f) throw new Error('no field client');
    return f;
  };
  const unitId = (i: number) => units[i]?.unitId ?? '';
  const at = (minutes: number) => {
    now = T0 + minutes * MIN;
  };

  beforeAll(async () => {
    t = await startTestHub({ store, clock: () => new Date(now) });
    units = await createFieldUnits(t.hub, 5);
    for (const u of units) {
      const client = connectField(t.hub.url, (await t.login(u.username, 'veld')).token);
      await new Promise<void>((resolve) => client.once('connect', () => resolve()));
      fields.set(u.unitId, client);
    }
    token = (await t.login('centralist')).token;
    console = t.connectConsole(token);
    console.on('event', (e: HubEvent) => heard.push(e));
    await waitFor(console, 'connect');
  });
  afterAll(async () => {
    for (const f of fields.values()) f.disconnect();
    await t?.stop();
  });

  const checkInsOf = (i: number) => field(i).received.filter((e): e is Extract<FieldEvent, { type: 'check_in' }> => e.type === 'check_in' && e.checkIn.unitId === unitId(i));
  const alertEvents = (i: number) => heard.filter((e): e is Extract<HubEvent, { alert: Alert }> => 'alert' in e && e.alert.kind === 'check_in_missed' && e.alert.unitId === unitId(i));
  const openCheckInAlerts = async () => (await t.api<{ alerts: Alert[] }>('GET', '/api/alerts', token)).body.alerts.filter((a) => a.kind === 'check_in_missed');

  it('bezet longer than 20 minutes: "Alles in orde?" on the field client; the answer resets the timer', async () => {
    at(0);
    expect((await ack(field(0), 'unit:status', { commandId: randomUUID(), status: 'bezet' })).ok).toBe(true);
    at(19.9);
    await t.hub.safety.sweep();
    const state = await ack<FieldState>(field(0), 'field:state', {});
    expect(state.data?.checkIn).toBeNull();
    expect(checkInsOf(0)).toEqual([]);

    at(20);
    await t.hub.safety.sweep();
    await until(() => checkInsOf(0).length === 1, 5000, 'check-in request on the field client');
    const request = checkInsOf(0)[0]?.checkIn;
    expect(request).toMatchObject({ unitId: unitId(0), requestedAt: new Date(T0 + 20 * MIN).toISOString(), answeredAt: null, level: 0 });
    expect((await ack<FieldState>(field(0), 'field:state', {})).data?.checkIn?.id).toBe(request?.id);
    await until(() => heard.some((e) => e.type === 'unit.check_in' && e.checkIn.id === request?.id), 5000, 'the consoles hear the request');

    // Another unit cannot answer it; the unit itself can, once (a retry changes nothing).
    expect((await ack(field(1), 'check_in:answer', { commandId: randomUUID(), checkInId: request?.id })).error?.code).toBe('not_found');
    at(21);
    const answered = await ack<{ answeredAt: string }>(field(0), 'check_in:answer', { commandId: randomUUID(), checkInId: request?.id });
    expect(answered.data?.answeredAt).toBe(new Date(T0 + 21 * MIN).toISOString());
    await until(() => checkInsOf(0).some((e) => e.checkIn.answeredAt !== null), 5000, 'the answer reaches the field client');

    // The timer runs from the answer: nothing at 40:59, a new request at 41.
    at(40.9);
    await t.hub.safety.sweep();
    expect(checkInsOf(0).filter((e) => e.checkIn.answeredAt === null && e.checkIn.cancelledAt === null && e.checkIn.level === 0)).toHaveLength(1);
    at(41);
    await t.hub.safety.sweep();
    await until(() => checkInsOf(0).filter((e) => e.checkIn.level === 0 && e.checkIn.answeredAt === null).length === 2, 5000, 'a second request');
    expect(await openCheckInAlerts()).toEqual([]);
  });

  it('no answer: one alert on every console, amber after 2 min, red after 4, sound after 6; the answer clears it', async () => {
    const request = checkInsOf(0).at(-1)?.checkIn;
    if (!request) throw new Error('no request');
    const second = t.connectConsole((await t.login('politie')).token);
    const heardBySecond: HubEvent[] = [];
    second.on('event', (e: HubEvent) => heardBySecond.push(e));
    await waitFor(second, 'connect');

    at(42.9);
    await t.hub.safety.sweep();
    expect(await openCheckInAlerts()).toEqual([]);

    at(43);
    await t.hub.safety.sweep();
    await until(() => alertEvents(0).some((e) => e.type === 'alert.raised'), 5000, 'the alert is raised');
    expect(alertEvents(0)[0]?.alert.escalation).toBe('amber');
    await until(() => heardBySecond.some((e) => e.type === 'alert.raised' && e.alert.kind === 'check_in_missed'), 5000, 'the second console hears it');

    at(44.9);
    await t.hub.safety.sweep();
    expect((await openCheckInAlerts()).map((a) => a.escalation)).toEqual(['amber']);
    at(45);
    await t.hub.safety.sweep();
    await until(() => alertEvents(0).some((e) => e.type === 'alert.escalated' && e.alert.escalation === 'red'), 5000, 'red');
    at(47);
    await t.hub.safety.sweep();
    await until(() => alertEvents(0).some((e) => e.type === 'alert.escalated' && e.alert.escalation === 'sound'), 5000, 'sound');
    at(60);
    await t.hub.safety.sweep();
    const open = await openCheckInAlerts();
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ unitId: unitId(0), escalation: 'sound' });
    expect(alertEvents(0).filter((e) => e.type === 'alert.raised')).toHaveLength(1);
    // The field client saw its request escalate too (its screen insists).
    await until(() => checkInsOf(0).some((e) => e.checkIn.id === request.id && e.checkIn.level === 3), 5000, 'the field hears the level');

    const answered = await ack(field(0), 'check_in:answer', { commandId: randomUUID(), checkInId: request.id });
    expect(answered.ok).toBe(true);
    await until(() => alertEvents(0).some((e) => e.type === 'alert.acked'), 5000, 'the alert goes');
    expect(await openCheckInAlerts()).toEqual([]);
    second.disconnect();
  });

  it('a status change ends an open request without an alert; units not on scene or busy are never asked', async () => {
    at(100);
    await t.hub.safety.sweep(); // 59 min after the last answer: a request
    await until(() => checkInsOf(0).some((e) => e.checkIn.requestedAt === new Date(T0 + 100 * MIN).toISOString()), 5000, 'request');
    at(101);
    expect((await ack(field(0), 'unit:status', { commandId: randomUUID(), status: 'beschikbaar' })).ok).toBe(true);
    await t.hub.safety.sweep();
    await until(() => checkInsOf(0).some((e) => e.checkIn.cancelledAt !== null), 5000, 'cancelled');
    at(200);
    await t.hub.safety.sweep();
    expect((await ack<FieldState>(field(0), 'field:state', {})).data?.checkIn).toBeNull();
    expect(checkInsOf(2)).toEqual([]);
    expect(await openCheckInAlerts()).toEqual([]);
  });

  it('"geen positie": on duty and no fix for more than 5 minutes; not in pauze', async () => {
    at(300);
    expect((await ack(field(3), 'unit:status', { commandId: randomUUID(), status: 'pauze' })).ok).toBe(true);
    for (const i of [2, 3]) field(i).emit('position', { lat: 52.08, lng: 4.31, accuracy: 10, heading: null, at: new Date(now).toISOString() });
    const status = async () => (await t.api<SafetyStatus>('GET', '/api/safety', token)).body;
    await until(async () => (await t.api<{ units: { id: string; position: { at: string } | null }[] }>('GET', '/api/units', token)).body.units.find((u) => u.id === unitId(2))?.position?.at === new Date(now).toISOString(), 5000, 'the fix arrives');
    at(305);
    expect((await status()).positionMissing).not.toContain(unitId(2));
    at(305.1);
    const s = await status();
    expect(s.serverTime).toBe(new Date(now).toISOString());
    expect(s.positionMissing).toContain(unitId(2));
    expect(s.positionMissing).not.toContain(unitId(3));
    // A field user may not read the desk's view.
    expect((await t.api('GET', '/api/safety', (await t.login(units[0]?.username ?? '', 'veld')).token)).status).toBe(403);
  });

  it('spoedmelding: reaches exactly the units in or tasked to the area, later arrivals too, until lifted', async () => {
    at(400); // 16:40 in Amsterdam: the laat shift
    const chef = (await t.login('chef')).token;
    const polygon: FocusArea['polygon'] = [[[4.35, 52.1], [4.36, 52.1], [4.36, 52.11], [4.35, 52.11]]];
    const area = await t.api<FocusArea>('POST', '/api/focus-areas', chef, {
      name: 'Spoedtest',
      polygon,
      instructions: '',
      publicText: null,
      startsAt: new Date(now - MIN).toISOString(),
      endsAt: new Date(now + 600 * MIN).toISOString(),
    });
    expect(area.status).toBe(201);
    const inside = { lat: 52.105, lng: 4.355, accuracy: 10, heading: null };
    // Unit 1 is inside the area; unit 2 is tasked to it this shift (and elsewhere); unit 4 is neither.
    await new Promise((r) => setTimeout(r, 1100)); // the hub keeps one fix per second per unit
    field(1).emit('position', { ...inside, at: new Date(now).toISOString() });
    const tasked = await t.api('POST', '/api/tasking', chef, { date: '2026-01-15', unitId: unitId(2), areaId: area.body.id, shift: 'laat' });
    expect(tasked.status).toBe(201);
    await until(async () => (await t.api<{ units: { id: string; position: { lat: number } | null }[] }>('GET', '/api/units', token)).body.units.find((u) => u.id === unitId(1))?.position?.lat === inside.lat, 5000, 'unit 1 is inside');

    const field0 = await t.login(units[0]?.username ?? '', 'veld');
    const refused = await t.api('POST', '/api/priority-traffic', field0.token, { commandId: randomUUID(), areaId: area.body.id, text: 'x' });
    expect(refused.status).toBe(403);
    const coordinator = (await t.login('politie')).token;
    expect((await t.api('POST', '/api/priority-traffic', coordinator, { commandId: randomUUID(), areaId: area.body.id, text: 'x' })).status).toBe(403);

    const declared = await t.api<PriorityTraffic>('POST', '/api/priority-traffic', token, { commandId: randomUUID(), areaId: area.body.id, text: 'Agressieve persoon, benader met twee eenheden' });
    expect(declared.status).toBe(201);
    const id = declared.body.id;
    const got = (i: number) => field(i).received.some((e) => e.type === 'priority_traffic' && e.traffic.id === id);
    await until(() => got(1) && got(2), 5000, 'units 1 and 2 get it');
    const event = heard.find((e) => e.type === 'priority_traffic.declared' && e.traffic.id === id);
    expect(event && 'recipients' in event ? [...event.recipients].sort() : null).toEqual([unitId(1), unitId(2)].sort());
    for (const i of [0, 3, 4]) {
      const state = await ack<FieldState>(field(i), 'field:state', {});
      expect(state.data?.priorityTraffic).toEqual([]);
      expect(got(i)).toBe(false);
    }
    expect((await ack<FieldState>(field(2), 'field:state', {})).data?.priorityTraffic?.map((p) => p.id)).toEqual([id]);
    expect((await t.api<{ traffic: PriorityTraffic[] }>('GET', '/api/priority-traffic', coordinator)).body.traffic.map((p) => p.id)).toEqual([id]);

    // Unit 4 walks into the area: the next sweep tells it, once.
    field(4).emit('position', { ...inside, at: new Date(now).toISOString() });
    await until(async () => (await t.hub.safety.sweep()).entered === 1 || got(4), 5000, 'unit 4 is seen inside');
    await until(() => got(4), 5000, 'unit 4 gets it');
    await t.hub.safety.sweep();
    expect(field(4).received.filter((e) => e.type === 'priority_traffic' && e.traffic.id === id)).toHaveLength(1);
    expect(got(0) || got(3)).toBe(false);

    const lifted = await t.api<PriorityTraffic>('POST', `/api/priority-traffic/${id}/lift`, chef, { commandId: randomUUID() });
    expect(lifted.status).toBe(200);
    expect(lifted.body.liftedAt).toBe(new Date(now).toISOString());
    const goneFrom = (i: number) => field(i).received.some((e) => e.type === 'priority_traffic_lifted' && e.id === id);
    await until(() => [0, 1, 2, 3, 4].every(goneFrom), 5000, 'lifted everywhere');
    await until(() => heard.some((e) => e.type === 'priority_traffic.lifted' && e.traffic.id === id), 5000, 'consoles hear the lift');
    expect((await t.api<{ traffic: PriorityTraffic[] }>('GET', '/api/priority-traffic', token)).body.traffic).toEqual([]);
    expect((await ack<FieldState>(field(1), 'field:state', {})).data?.priorityTraffic).toEqual([]);
  });
});

describe.skipIf(!storeKinds.includes('postgres'))('two hub nodes on PostgreSQL', () => {
  it('sweeping at once on both nodes raises one request and one alert, not one per node', async () => {
    let now = T0;
    const database = await createPostgresDatabase();
    const a = await startTestHub({ store: 'postgres', database, clock: () => new Date(now) });
    const b = await startTestHub({ store: 'postgres', database, clock: () => new Date(now) });
    try {
      const [unit] = await createFieldUnits(a.hub, 1);
      if (!unit) throw new Error('no unit');
      const client = connectField(b.hub.url, (await b.login(unit.username, 'veld')).token);
      await new Promise<void>((resolve) => client.once('connect', () => resolve()));
      expect((await ack(client, 'unit:status', { commandId: randomUUID(), status: 'bezet' })).ok).toBe(true);
      for (const minutes of [20, 22, 24, 26]) {
        now = T0 + minutes * MIN;
        await Promise.all([a.hub.safety.sweep(), b.hub.safety.sweep(), a.hub.safety.sweep(), b.hub.safety.sweep()]);
      }
      const token = (await a.login('centralist')).token;
      const alerts = (await a.api<{ alerts: Alert[] }>('GET', '/api/alerts', token)).body.alerts.filter((x) => x.kind === 'check_in_missed');
      expect(alerts).toHaveLength(1);
      expect(alerts[0]?.escalation).toBe('sound');
      const status = (await b.api<SafetyStatus>('GET', '/api/safety', token)).body;
      expect(status.checkIns.filter((c) => c.unitId === unit.unitId)).toHaveLength(1);
      await until(() => client.received.some((e) => e.type === 'check_in'), 5000, 'the request reaches the unit on the other node');
      const requests = new Set(client.received.flatMap((e) => (e.type === 'check_in' ? [e.checkIn.id] : [])));
      expect(requests.size).toBe(1);
      client.disconnect();
    } finally {
      await b.stop();
      await a.stop();
      await database.drop();
    }
  });
});
