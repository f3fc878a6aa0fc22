import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ack } from '../../server/protocol/common';
import type { Assignment, Unit } from '../../server/protocol/dispatch';
import type { Report } from '../../server/protocol/report';
import type { Worklist } from '../../server/protocol/report-context';
import { storeKinds } from '../support/databases';
import { connectScriptedField, type ScriptedField } from '../support/dispatch-field';
import { taskUnitToday, unitByCallsign } from '../support/field-helpers';
import { sampleReport, startTestHub, type TestHub, until } from '../support/hub';

/** Inside the test focus area (lng 4.305–4.318, lat 52.078–52.083 of taskUnitToday), on one line west to east. */
const WEST = { lat: 52.0805, lng: 4.307 };
const MIDDLE = { lat: 52.0805, lng: 4.311 };
const EAST = { lat: 52.0805, lng: 4.315 };
const OUTSIDE = { lat: 52.07, lng: 4.3 };

/**
 * The field worklist (issue 13 point 11) over real sockets on both stores: what the hub puts on it (open,
 * low priority, nobody has it, inside the unit's tasked area), its walking order from the unit's position,
 * and taking: a taken or offered report leaves every other unit's list, and a second take is refused.
 */
describe.each(storeKinds)('field worklist (%s)', (store) => {
  let t: TestHub;
  let desk: string;
  let boa1: ScriptedField;
  let boa2: ScriptedField;
  let hh11: Unit;
  let hh12: Unit;

  beforeEach(async () => {
    t = await startTestHub({ store });
    desk = (await t.login('centralist')).token;
    hh11 = await unitByCallsign(t, desk, 'HH-11');
    hh12 = await unitByCallsign(t, desk, 'HH-12');
    await taskUnitToday(t, hh11.id, { name: 'Voorhout', instructions: 'Loop de lijst' });
    await taskUnitToday(t, hh12.id, { name: 'Voorhout', instructions: 'Loop de lijst' });
    boa1 = await connectScriptedField(t.hub.url, (await t.login('boa1')).token);
    boa2 = await connectScriptedField(t.hub.url, (await t.login('boa2')).token);
  }, 120_000);
  afterEach(async () => {
    boa1?.close();
    boa2?.close();
    await t.stop();
  }, 60_000);

  async function report(location: { lat: number; lng: number }, priority: 'low' | 'normal', description: string): Promise<Report> {
    const res = await t.api<Report>('POST', '/api/reports', desk, sampleReport({ category: 'overlast', location, priority, description, address: undefined }));
    expect(res.status).toBe(201);
    return res.body;
  }
  async function worklist(field: ScriptedField): Promise<Worklist> {
    const ack = (await field.socket.timeout(5000).emitWithAck('worklist:get', {})) as Ack<Worklist>;
    if (!ack.ok) throw new Error(ack.error.message);
    return ack.data;
  }
  const take = (field: ScriptedField, reportId: string, commandId = randomUUID()) =>
    field.socket.timeout(5000).emitWithAck('worklist:take', { commandId, reportId }) as Promise<Ack<Assignment>>;

  it('lists the open low-priority reports of the tasked area, in walking order from the unit’s position', async () => {
    const east = await report(EAST, 'low', 'Zwerfafval oost');
    const west = await report(WEST, 'low', 'Zwerfafval west');
    const middle = await report(MIDDLE, 'low', 'Zwerfafval midden');
    const urgentish = await report(MIDDLE, 'normal', 'Normale prioriteit');
    const outside = await report(OUTSIDE, 'low', 'Buiten het gebied');

    boa1.sendFix({ lat: 52.0805, lng: 4.3055, accuracy: 10, heading: null });
    await until(async () => (await worklist(boa1)).from === 'position', 5000, 'the unit’s position at the hub');
    const list = await worklist(boa1);
    expect(list.items.map((i) => i.report.number)).toEqual([west.number, middle.number, east.number]);
    expect(list.items.map((i) => i.report.number)).not.toContain(urgentish.number);
    expect(list.items.map((i) => i.report.number)).not.toContain(outside.number);
    // Each leg is the walk from the previous stop: about 100 m to the first, then about 270 m each.
    expect(list.items[0]?.legMeters).toBeGreaterThan(80);
    expect(list.items[0]?.legMeters).toBeLessThan(130);
    expect(list.items[1]?.legMeters).toBeGreaterThan(240);
    expect(list.items[1]?.legMeters).toBeLessThan(300);

    // From the east end, the order turns round.
    boa2.sendFix({ lat: 52.0805, lng: 4.3175, accuracy: 10, heading: null });
    await until(async () => (await worklist(boa2)).from === 'position', 5000, 'the second unit’s position at the hub');
    expect((await worklist(boa2)).items.map((i) => i.report.number)).toEqual([east.number, middle.number, west.number]);
  });

  it('a taken report leaves the other unit’s list, a second take is refused, and a retried take changes nothing', async () => {
    const west = await report(WEST, 'low', 'Zwerfafval west');
    const east = await report(EAST, 'low', 'Zwerfafval oost');
    expect((await worklist(boa2)).items.map((i) => i.report.id).sort()).toEqual([west.id, east.id].sort());

    const commandId = randomUUID();
    const taken = await take(boa1, west.id, commandId);
    expect(taken.ok, JSON.stringify(taken)).toBe(true);
    if (!taken.ok) return;
    expect(taken.data).toMatchObject({ reportId: west.id, unitId: hh11.id, state: 'accepted' });
    // The same command again (a lost ack, an offline replay): the stored answer, no second assignment.
    const again = await take(boa1, west.id, commandId);
    expect(again.ok && again.data.id).toBe(taken.data.id);

    await boa2.waitForEvent((e): e is { type: 'worklist' } => e.type === 'worklist');
    expect((await worklist(boa2)).items.map((i) => i.report.id)).toEqual([east.id]);
    const refused = await take(boa2, west.id);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.text?.code).toBe('context.worklist.taken');

    const detail = (await t.api<{ report: Report }>('GET', `/api/reports/${west.id}`, desk)).body.report;
    expect(detail.status).toBe('dispatched');
    const unit = await unitByCallsign(t, desk, 'HH-11');
    expect([unit.status, unit.currentReportId]).toEqual(['onderweg', west.id]);

    // The unit has a report now: a second take waits until it is done.
    const busy = await take(boa1, east.id);
    expect(busy.ok).toBe(false);
    if (!busy.ok) expect(busy.error.text?.code).toBe('context.worklist.unit_busy');

    // A desk offer takes a report off the lists too.
    const deskSocket = t.connectConsole(desk);
    const offered = (await deskSocket.timeout(5000).emitWithAck('offer:create', { commandId: randomUUID(), reportId: east.id, unitIds: [hh12.id] })) as Ack<Assignment[]>;
    deskSocket.disconnect();
    expect(offered.ok).toBe(true);
    expect((await worklist(boa2)).items).toEqual([]);
  });

  it('refuses what is not on the unit’s list, and the desk cannot use the field commands', async () => {
    const normal = await report(WEST, 'normal', 'Normale prioriteit');
    const refused = await take(boa1, normal.id);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.text?.code).toBe('context.worklist.not_listed');
    expect((await t.api('GET', '/api/units', (await t.login('boa1')).token)).status).toBe(403);
  });
});
