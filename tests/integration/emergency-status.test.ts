import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ack } from '../../server/protocol/common';
import type { Alert, Assignment, Recommendation, Unit } from '../../server/protocol/dispatch';
import type { Emergency, EmergenciesResponse } from '../../server/protocol/emergency';
import type { HubEvent } from '../../server/protocol/events';
import type { Report } from '../../server/protocol/report';
import type { FieldState } from '../../server/protocol/socket';
import { storeKinds } from '../support/databases';
import { connectField, createFieldUnits, type FieldClient, type TestFieldUnit } from '../support/field-units';
import { type ConsoleClient, sampleReport, startTestHub, type TestHub, until, waitFor } from '../support/hub';

/**
 * Emergency as a unit status, over real sockets: the NOODKNOP puts the unit in 'noodgeval' and withdraws its
 * offers; such a unit is never recommended nor offered; the desk sets it by hand, acknowledges it (the field
 * hears so), asks the nearest available units to assist, and ends it with a note and a return status.
 */
describe.each(storeKinds)('emergency as a unit status (%s)', (store) => {
  let t: TestHub;
  let token: string;
  let desk: ConsoleClient;
  let units: TestFieldUnit[];
  const fields = new Map<string, FieldClient & { received: import('../../server/protocol/socket').FieldEvent[] }>();
  const deskEvents: HubEvent[] = [];

  beforeEach(async () => {
    t = await startTestHub({ store });
    token = (await t.login('centralist')).token;
    desk = t.connectConsole(token);
    deskEvents.length = 0;
    desk.on('event', (e) => deskEvents.push(e));
    units = await createFieldUnits(t.hub, 12);
    await Promise.all(
      units.map(async (u) => {
        const client = connectField(t.hub.url, (await t.login(u.username, 'veld')).token);
        fields.set(u.unitId, client);
        await new Promise((resolve, reject) => {
          client.once('connect', () => resolve(undefined));
          client.once('connect_error', reject);
        });
      }),
    );
    await waitFor(desk, 'connect');
  });
  afterEach(async () => {
    for (const f of fields.values()) f.disconnect();
    fields.clear();
    desk.disconnect();
    await t.stop();
  });

  function field(i: number) {
    const f = fields.get(units[i]?.unitId ?? '');
    if (!f) throw new Error('no field client');
    return f;
  }
  const unitId = (i: number) => units[i]?.unitId ?? '';

  async function newReport(): Promise<Report> {
    const res = await t.api<Report>('POST', '/api/reports', token, sampleReport({ category: 'overlast', location: { lat: 52.0705, lng: 4.2905 } }));
    expect(res.status).toBe(201);
    return res.body;
  }

  async function unit(id: string): Promise<Unit> {
    const found = (await t.api<{ units: Unit[] }>('GET', '/api/units', token)).body.units.find((u) => u.id === id);
    if (!found) throw new Error('unit not found');
    return found;
  }

  async function openEmergencies(): Promise<EmergenciesResponse['emergencies']> {
    const res = await t.api<EmergenciesResponse>('GET', '/api/emergencies', token);
    expect(res.status).toBe(200);
    return res.body.emergencies;
  }

  async function press(i: number): Promise<Alert> {
    const ack = (await field(i).timeout(5000).emitWithAck('emergency', { commandId: randomUUID() })) as Ack<Alert>;
    if (!ack.ok) throw new Error(ack.error.message);
    return ack.data;
  }

  async function deskCommand<T>(name: 'emergency:set' | 'emergency:ack' | 'emergency:end' | 'emergency:assist', payload: object, socket = desk): Promise<Ack<T>> {
    // biome-ignore lint/suspicious/noExplicitAny: each command's payload is checked by the hub, which is what is tested
    return (await (socket.timeout(5000) as any).emitWithAck(name, payload)) as Ack<T>;
  }

  it('a long press puts the unit in noodgeval at once and withdraws its pending offer; presses fold into one emergency', async () => {
    const report = await newReport();
    const offered = (await desk.timeout(5000).emitWithAck('offer:create', { commandId: randomUUID(), reportId: report.id, unitIds: [unitId(0)] })) as Ack<Assignment[]>;
    expect(offered.ok).toBe(true);
    expect((await unit(unitId(0))).status).toBe('aangeboden');

    const alert = await press(0);
    expect(alert.kind).toBe('emergency');
    const after = await unit(unitId(0));
    expect(after.status).toBe('noodgeval');
    expect(after.currentReportId).toBeNull();
    // The offer is withdrawn, with its event, and the report stays where it was (no unit holds it).
    await until(() => deskEvents.some((e) => e.type === 'assignment.updated' && e.assignment.unitId === unitId(0) && e.assignment.state === 'withdrawn'));
    const detail = await t.api<{ report: Report }>('GET', `/api/reports/${report.id}`, token);
    expect(detail.body.report.status).toBe(report.status);
    await until(() => field(0).received.some((e) => e.type === 'emergency' && e.emergency.state === 'sent'));

    // A second press folds into the same emergency and alert.
    const again = await press(0);
    expect(again.id).toBe(alert.id);
    const open = await openEmergencies();
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ unitId: unitId(0), source: 'field', alertId: alert.id, previousStatus: 'aangeboden', ackedAt: null });
    expect(deskEvents.filter((e) => e.type === 'alert.raised' && e.alert.kind === 'emergency')).toHaveLength(1);

    // The field unit cannot leave 'noodgeval' by itself.
    const own = (await field(0).timeout(5000).emitWithAck('unit:status', { commandId: randomUUID(), status: 'beschikbaar' })) as Ack<Unit>;
    expect(own.ok).toBe(false);
    if (!own.ok) expect(own.error.text?.code).toBe('unit.transition.emergency_only');
  });

  it('a unit in noodgeval is never recommended and an offer to it is refused with a coded error', async () => {
    await press(0);
    const report = await newReport();
    const rec = (await desk.timeout(5000).emitWithAck('unit:recommend', { reportId: report.id })) as Ack<Recommendation[]>;
    expect(rec.ok).toBe(true);
    if (!rec.ok) return;
    expect(rec.data.length).toBeGreaterThan(0);
    expect(rec.data.map((r) => r.unitId)).not.toContain(unitId(0));
    // Unit 0 is the nearest to the report, its neighbours are recommended.
    expect(rec.data.map((r) => r.unitId)).toContain(unitId(1));

    const refused = (await desk.timeout(5000).emitWithAck('offer:create', { commandId: randomUUID(), reportId: report.id, unitIds: [unitId(0)] })) as Ack<Assignment[]>;
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('conflict');
    expect(refused.error.text?.code).toBe('command.offer.unit_not_available');
    expect((await unit(unitId(0))).status).toBe('noodgeval');

    // Nor by the desk's status buttons: only "Noodgeval beëindigen" ends it.
    const byStatus = (await desk.timeout(5000).emitWithAck('unit:status', { commandId: randomUUID(), unitId: unitId(0), status: 'beschikbaar' })) as Ack<Unit>;
    expect(byStatus.ok).toBe(false);
    if (!byStatus.ok) expect(byStatus.error.text?.code).toBe('unit.transition.emergency_only');
  });

  it('acknowledging changes what the field hears; ending needs a note and a return status the unit can take', async () => {
    await press(0);
    const [e] = await openEmergencies();
    if (!e) throw new Error('no emergency');
    const acked = await deskCommand<Emergency>('emergency:ack', { emergencyId: e.id });
    expect(acked.ok).toBe(true);
    await until(() => field(0).received.some((x) => x.type === 'emergency' && x.emergency.state === 'acknowledged'), 5000, 'field hears acknowledged');
    // The alert is acknowledged with it (the siren stops); a second acknowledgement is a conflict.
    expect(deskEvents.some((x) => x.type === 'alert.acked' && x.alert.id === e.alertId)).toBe(true);
    const twice = await deskCommand<Emergency>('emergency:ack', { emergencyId: e.id });
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.error.code).toBe('conflict');
    // The field state says so after a reconnect too.
    const state = (await field(0).timeout(5000).emitWithAck('field:state', {})) as Ack<FieldState>;
    expect(state.ok && state.data.emergency?.state).toBe('acknowledged');

    const noNote = await deskCommand<Emergency>('emergency:end', { commandId: randomUUID(), emergencyId: e.id, note: '   ', returnStatus: 'beschikbaar' });
    expect(noNote.ok).toBe(false);
    if (!noNote.ok) expect(noNote.error.code).toBe('validation');
    const noStatus = await deskCommand<Emergency>('emergency:end', { commandId: randomUUID(), emergencyId: e.id, note: 'Collega ongedeerd' });
    expect(noStatus.ok).toBe(false);
    if (!noStatus.ok) expect(noStatus.error.code).toBe('validation');
    const noReport = await deskCommand<Emergency>('emergency:end', { commandId: randomUUID(), emergencyId: e.id, note: 'Collega ongedeerd', returnStatus: 'ter_plaatse' });
    expect(noReport.ok).toBe(false);
    if (!noReport.ok) expect(noReport.error.text?.code).toBe('emergency.return.needs_report');
    // The police coordinator may acknowledge alerts but does not end emergencies.
    const police = t.connectConsole((await t.login('politie')).token);
    await waitFor(police, 'connect');
    const byPolice = await deskCommand<Emergency>('emergency:end', { commandId: randomUUID(), emergencyId: e.id, note: 'x', returnStatus: 'pauze' }, police);
    police.disconnect();
    expect(byPolice.ok).toBe(false);
    if (!byPolice.ok) expect(byPolice.error.code).toBe('forbidden');
    expect((await unit(unitId(0))).status).toBe('noodgeval');

    const ended = await deskCommand<Emergency>('emergency:end', { commandId: randomUUID(), emergencyId: e.id, note: 'Collega ongedeerd, even pauze', returnStatus: 'pauze' });
    expect(ended.ok).toBe(true);
    if (ended.ok) expect(ended.data).toMatchObject({ endNote: 'Collega ongedeerd, even pauze', returnStatus: 'pauze' });
    expect((await unit(unitId(0))).status).toBe('pauze');
    expect(await openEmergencies()).toHaveLength(0);
    await until(() => field(0).received.some((x) => x.type === 'emergency' && x.emergency.state === 'ended' && x.emergency.returnStatus === 'pauze'));
    const again = await deskCommand<Emergency>('emergency:end', { commandId: randomUUID(), emergencyId: e.id, note: 'nog eens', returnStatus: 'beschikbaar' });
    expect(again.ok).toBe(false);
  });

  it('the desk sets noodgeval by hand with a note (seen at once); an accepted report stays with the unit until the end', async () => {
    const report = await newReport();
    const offered = (await desk.timeout(5000).emitWithAck('offer:create', { commandId: randomUUID(), reportId: report.id, unitIds: [unitId(2)] })) as Ack<Assignment[]>;
    if (!offered.ok) throw new Error(offered.error.message);
    const accepted = (await field(2).timeout(5000).emitWithAck('offer:accept', { commandId: randomUUID(), assignmentId: offered.data[0]?.id ?? '' })) as Ack<Assignment>;
    expect(accepted.ok).toBe(true);

    const noNote = await deskCommand<Emergency>('emergency:set', { commandId: randomUUID(), unitId: unitId(2), note: '' });
    expect(noNote.ok).toBe(false);
    if (!noNote.ok) expect(noNote.error.code).toBe('validation');
    const set = await deskCommand<Emergency>('emergency:set', { commandId: randomUUID(), unitId: unitId(2), note: 'Portofoon: collega in gevaar' });
    expect(set.ok).toBe(true);
    if (!set.ok) return;
    expect(set.data).toMatchObject({ source: 'desk', startNote: 'Portofoon: collega in gevaar', reportId: report.id, previousStatus: 'onderweg' });
    expect(set.data.ackedAt).not.toBeNull();
    const during = await unit(unitId(2));
    expect(during).toMatchObject({ status: 'noodgeval', currentReportId: report.id });
    await until(() => field(2).received.some((x) => x.type === 'emergency' && x.emergency.state === 'acknowledged' && x.emergency.source === 'desk'));

    // The shift lead ends it; the unit returns to its report.
    const lead = t.connectConsole((await t.login('chef')).token);
    await waitFor(lead, 'connect');
    const ended = await deskCommand<Emergency>('emergency:end', { commandId: randomUUID(), emergencyId: set.data.id, note: 'Loos alarm', returnStatus: 'onderweg' }, lead);
    lead.disconnect();
    expect(ended.ok).toBe(true);
    expect(await unit(unitId(2))).toMatchObject({ status: 'onderweg', currentReportId: report.id });
  });

  it('"assistentie vragen" reaches the nearest available units only', async () => {
    // Unit 5 (about 410 m east of unit 0) goes on a break: it is not asked. Unit 1 (about 445 m north) is.
    const pause = (await field(5).timeout(5000).emitWithAck('unit:status', { commandId: randomUUID(), status: 'pauze' })) as Ack<Unit>;
    expect(pause.ok).toBe(true);
    await press(0);
    const [e] = await openEmergencies();
    if (!e) throw new Error('no emergency');
    const police = t.connectConsole((await t.login('politie')).token);
    await waitFor(police, 'connect');
    const byPolice = await deskCommand<Emergency>('emergency:assist', { commandId: randomUUID(), emergencyId: e.id, count: 2 }, police);
    police.disconnect();
    expect(byPolice.ok).toBe(false);

    const assist = await deskCommand<Emergency>('emergency:assist', { commandId: randomUUID(), emergencyId: e.id, count: 2 });
    expect(assist.ok).toBe(true);
    if (!assist.ok) return;
    // The two nearest of all available units with a position (the hub's demo units too), by our own reckoning.
    const all = (await t.api<{ units: Unit[] }>('GET', '/api/units', token)).body.units;
    const from = all.find((u) => u.id === unitId(0))?.position;
    if (!from) throw new Error('no position');
    const nearest = all
      .filter((u) => u.status === 'beschikbaar' && u.position)
      .map((u) => ({ id: u.id, d: metres(from, u.position as { lat: number; lng: number }) }))
      .sort((a, b) => a.d - b.d);
    expect(assist.data.assists.map((a) => a.unitId)).toEqual(nearest.slice(0, 2).map((n) => n.id));
    expect(assist.data.assists.map((a) => a.unitId)).toContain(unitId(1));
    expect(assist.data.assists.map((a) => a.unitId)).not.toContain(unitId(5));
    expect(assist.data.assists[0]?.distanceM).toBeGreaterThan(400);
    expect(assist.data.assists[0]?.distanceM).toBeLessThan(500);
    const asked = new Set(assist.data.assists.map((a) => a.unitId));

    await until(() => field(1).received.some((x) => x.type === 'assist'), 5000, 'assist request');
    const request = field(1).received.find((x) => x.type === 'assist');
    expect(request).toMatchObject({ type: 'assist', assist: { emergencyId: e.id, callsign: units[0]?.callsign, ended: false } });
    // A message the others do get afterwards proves the assist requests had their chance to arrive.
    await deskCommand<Emergency>('emergency:ack', { emergencyId: e.id });
    await until(() => field(0).received.some((x) => x.type === 'emergency' && x.emergency.state === 'acknowledged'));
    for (const [i, u] of units.entries()) expect(field(i).received.some((x) => x.type === 'assist')).toBe(asked.has(u.unitId));
    // Asked units' statuses do not change: it is a request, not an offer.
    expect((await unit(unitId(1))).status).toBe('beschikbaar');
    const state = (await field(1).timeout(5000).emitWithAck('field:state', {})) as Ack<FieldState>;
    expect(state.ok && state.data.assists?.map((a) => a.emergencyId)).toEqual([e.id]);

    // Asking again reaches the next nearest, never the same units twice.
    const more = await deskCommand<Emergency>('emergency:assist', { commandId: randomUUID(), emergencyId: e.id, count: 1 });
    expect(more.ok && more.data.assists.length).toBe(3);

    const ended = await deskCommand<Emergency>('emergency:end', { commandId: randomUUID(), emergencyId: e.id, note: 'Opgelost', returnStatus: 'beschikbaar' });
    expect(ended.ok).toBe(true);
    await until(() => field(1).received.some((x) => x.type === 'assist' && x.assist.ended));
    expect((await unit(unitId(0))).status).toBe('beschikbaar');
  });
});

/** Metres between two points (equirectangular; plenty for a few kilometres). */
function metres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const x = ((b.lng - a.lng) * Math.PI) / 180 * Math.cos((((a.lat + b.lat) / 2) * Math.PI) / 180);
  const y = ((b.lat - a.lat) * Math.PI) / 180;
  return Math.sqrt(x * x + y * y) * 6_371_000;
}
