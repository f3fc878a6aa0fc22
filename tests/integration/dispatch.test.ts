import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ack } from '../../server/protocol/common';
import type { Alert, Assignment, Recommendation, Unit } from '../../server/protocol/dispatch';
import type { ReportDetail } from '../../server/protocol/detail';
import type { HubEvent } from '../../server/protocol/events';
import type { Report } from '../../server/protocol/report';
import type { UnitFix } from '../../server/protocol/socket';
import { storeKinds } from '../support/databases';
import { connectField, createFieldUnits, type FieldClient, type TestFieldUnit } from '../support/field-units';
import { type ConsoleClient, sampleReport, startTestHub, type TestHub, until, waitFor } from '../support/hub';

describe.each(storeKinds)('dispatch over the hub (%s)', (store) => {
  let t: TestHub;
  let token: string;
  let desk: ConsoleClient;
  let units: TestFieldUnit[];
  const fields = new Map<string, FieldClient & { received: import('../../server/protocol/socket').FieldEvent[] }>();
  let now = Date.now();

  beforeEach(async () => {
    now = Date.now();
    t = await startTestHub({ store, clock: () => new Date(now) });
    token = (await t.login('centralist')).token;
    desk = t.connectConsole(token);
    units = await createFieldUnits(t.hub, 20);
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
    await t.stop();
  });

  async function newReport(overrides = {}): Promise<Report> {
    const res = await t.api<Report>('POST', '/api/reports', token, sampleReport({ category: 'overlast', location: { lat: 52.0705, lng: 4.2905 }, ...overrides }));
    expect(res.status).toBe(201);
    return res.body;
  }

  async function offer(reportId: string, unitId: string, timeoutSeconds?: number): Promise<Assignment> {
    const ack = (await desk.timeout(5000).emitWithAck('offer:create', { commandId: randomUUID(), reportId, unitIds: [unitId], ...(timeoutSeconds ? { timeoutSeconds } : {}) })) as Ack<Assignment[]>;
    if (!ack.ok) throw new Error(ack.error.message);
    return ack.data[0] as Assignment;
  }

  async function unitsNow(): Promise<Unit[]> {
    return (await t.api<{ units: Unit[] }>('GET', '/api/units', token)).body.units;
  }

  function field(unitId: string) {
    const f = fields.get(unitId);
    if (!f) throw new Error('no field client');
    return f;
  }

  it('recommends the nearest available unit that may handle the category, then offer → accept', async () => {
    const report = await newReport();
    const rec = await desk.timeout(5000).emitWithAck('unit:recommend', { reportId: report.id });
    expect(rec.ok).toBe(true);
    if (!rec.ok) return;
    expect(rec.data).toHaveLength(10);
    const distances = rec.data.map((r: Recommendation) => r.distanceMeters ?? Number.POSITIVE_INFINITY);
    expect(rec.data[0]?.unitId).toBe(units[0]?.unitId);
    expect(distances[0]).toBeLessThan(distances[distances.length - 1] ?? 0);

    const best = rec.data[0]?.unitId ?? '';
    const deskEvents: HubEvent[] = [];
    desk.on('event', (e) => deskEvents.push(e));
    const a = await offer(report.id, best);
    await until(() => field(best).received.some((e) => e.type === 'assignment' && e.assignment.id === a.id), 3000, 'offer reaches the unit');
    const offered = field(best).received.find((e) => e.type === 'assignment');
    expect(offered && 'report' in offered && Object.keys(offered.report)).not.toContain('reporter');

    const accepted = await field(best).timeout(5000).emitWithAck('offer:accept', { commandId: randomUUID(), assignmentId: a.id });
    expect(accepted.ok && accepted.data.state).toBe('accepted');
    expect((await unitsNow()).find((u) => u.id === best)?.status).toBe('onderweg');
    expect((await t.api<ReportDetail>('GET', `/api/reports/${report.id}`, token)).body.report.status).toBe('dispatched');
    await until(() => deskEvents.some((e) => e.type === 'unit.updated' && e.unit.id === best && e.unit.status === 'onderweg'), 3000, 'console sees onderweg');
  });

  it('closing a report frees its unit and completes the assignment', async () => {
    const report = await newReport();
    const unitId = units[13]?.unitId ?? '';
    const a = await offer(report.id, unitId);
    await field(unitId).timeout(5000).emitWithAck('offer:accept', { commandId: randomUUID(), assignmentId: a.id });
    const closed = await t.api('POST', `/api/reports/${report.id}/transition`, token, {
      to: 'closed',
      resolution: { kind: 'close', outcome: 'not_found', found: { code: 'niet_aangetroffen', text: 'Geen overlast aangetroffen' }, action: { code: 'geen_actie', text: 'Geen actie nodig ter plaatse' } },
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const unit = (await unitsNow()).find((u) => u.id === unitId);
    expect([unit?.status, unit?.currentReportId]).toEqual(['beschikbaar', null]);
    const state = await field(unitId).timeout(5000).emitWithAck('field:state', {});
    expect(state.ok && state.data.assignments).toEqual([]);
  });

  it('offer → decline raises an alert for the dispatchers and frees the unit', async () => {
    const report = await newReport();
    const unitId = units[3]?.unitId ?? '';
    const a = await offer(report.id, unitId);
    const raised = new Promise<HubEvent>((resolve) => desk.on('event', (e) => e.type === 'alert.raised' && resolve(e)));
    const declined = await field(unitId).timeout(5000).emitWithAck('offer:decline', { commandId: randomUUID(), assignmentId: a.id });
    expect(declined.ok && declined.data.state).toBe('declined');
    const alert = await raised;
    expect(alert.type === 'alert.raised' && alert.alert.kind).toBe('offer_declined');
    expect((await unitsNow()).find((u) => u.id === unitId)?.status).toBe('beschikbaar');
    const ack = await desk.timeout(5000).emitWithAck('alert:ack', { alertId: alert.type === 'alert.raised' ? alert.alert.id : '' });
    expect(ack.ok).toBe(true);
    expect((await t.api<{ alerts: Alert[] }>('GET', '/api/alerts', token)).body.alerts.filter((x) => x.kind === 'offer_declined')).toHaveLength(0);
  });

  it('offer → timeout: expires once, alerts, and a late accept is refused', async () => {
    const report = await newReport();
    const unitId = units[5]?.unitId ?? '';
    const a = await offer(report.id, unitId, 10);
    now += 11_000;
    await until(async () => (await unitsNow()).find((u) => u.id === unitId)?.status === 'beschikbaar', 5000, 'expiry');
    const late = await field(unitId).timeout(5000).emitWithAck('offer:accept', { commandId: randomUUID(), assignmentId: a.id });
    expect(late.ok).toBe(false);
    const alerts = (await t.api<{ alerts: Alert[] }>('GET', '/api/alerts', token)).body.alerts.filter((x) => x.kind === 'offer_expired' && x.reportId === report.id);
    expect(alerts).toHaveLength(1);
  });

  it('a field client that accepted while its ack was lost, and retries after reconnecting, is applied once', async () => {
    const report = await newReport();
    const unitId = units[7]?.unitId ?? '';
    const a = await offer(report.id, unitId);
    const client = field(unitId);
    const commandId = randomUUID();
    client.emit('offer:accept', { commandId, assignmentId: a.id }, () => undefined);
    client.disconnect();
    client.connect();
    await new Promise((resolve) => client.once('connect', () => resolve(undefined)));
    const retry = await client.timeout(5000).emitWithAck('offer:accept', { commandId, assignmentId: a.id });
    expect(retry.ok && retry.data.state).toBe('accepted');
    const events = await t.fetchEvents(token, 0);
    const accepts = events.events.filter((e) => e.type === 'assignment.updated' && e.assignment.id === a.id && e.assignment.state === 'accepted');
    expect(accepts).toHaveLength(1);
    const transitions = events.events.filter((e) => e.type === 'report.transitioned' && e.report.id === report.id && e.to === 'dispatched');
    expect(transitions).toHaveLength(1);
  });

  it('a field user sees and acts only on its own unit: other offers neither leak nor yield', async () => {
    const report = await newReport({ description: 'Alleen voor eenheid 1' });
    const mine = units[1]?.unitId ?? '';
    const other = units[2]?.unitId ?? '';
    const a = await offer(report.id, mine);
    await until(() => field(mine).received.length > 0, 3000, 'own offer');
    await new Promise((r) => setTimeout(r, 300));
    expect(JSON.stringify(field(other).received)).not.toContain(report.id);
    const stolen = await field(other).timeout(5000).emitWithAck('offer:accept', { commandId: randomUUID(), assignmentId: a.id });
    expect(!stolen.ok && stolen.error.code).toBe('not_found');
    const finding = await field(other).timeout(5000).emitWithAck('finding:submit', {
      commandId: randomUUID(),
      reportId: report.id,
      resolution: { kind: 'close', outcome: 'not_found', found: { code: 'niet_aangetroffen', text: 'Niemand aangetroffen' }, action: { code: 'geen_actie', text: 'Geen actie nodig' } },
    });
    expect(!finding.ok && finding.error.code).toBe('forbidden');
    const fieldToken = (await t.login(units[2]?.username ?? '', 'veld')).token;
    expect((await t.api('GET', `/api/reports/${report.id}`, fieldToken)).status).toBe(403);
    expect((await t.api('GET', '/api/units', fieldToken)).status).toBe(403);
    const state = await field(other).timeout(5000).emitWithAck('field:state', {});
    expect(state.ok && state.data.assignments).toEqual([]);
  });

  it('the field proposes a resolution from the scene; the report awaits review', async () => {
    const report = await newReport();
    const unitId = units[9]?.unitId ?? '';
    const a = await offer(report.id, unitId);
    await field(unitId).timeout(5000).emitWithAck('offer:accept', { commandId: randomUUID(), assignmentId: a.id });
    const onScene = await field(unitId).timeout(5000).emitWithAck('unit:status', { commandId: randomUUID(), status: 'ter_plaatse' });
    expect(onScene.ok && onScene.data.status).toBe('ter_plaatse');
    await until(() => field(unitId).received.some((e) => e.type === 'assignment' && e.report.status === 'in_progress'), 3000, 'field hears in_progress');
    const bad = await field(unitId).timeout(5000).emitWithAck('finding:submit', { commandId: randomUUID(), reportId: report.id, resolution: { kind: 'close', outcome: 'no_action' } });
    expect(!bad.ok && Object.keys(bad.error.fields ?? {})).toContain('resolution.found.code');
    const good = await field(unitId).timeout(5000).emitWithAck('finding:submit', {
      commandId: randomUUID(),
      reportId: report.id,
      resolution: { kind: 'close', outcome: 'no_action', found: { code: 'geen_overlast', text: 'Geen overlast meer bij aankomst' }, action: { code: 'personen_aangesproken', text: 'Bewoners aangesproken op geluid' } },
    });
    expect(good.ok && good.data.status).toBe('awaiting_review');
    const detail = (await t.api<ReportDetail>('GET', `/api/reports/${report.id}`, token)).body;
    expect(detail.resolution?.state).toBe('proposed');
  });

  it('live positions reach the consoles batched, rate limited, and the emergency button alerts every console', async () => {
    const unitId = units[11]?.unitId ?? '';
    const got: UnitFix[][] = [];
    desk.on('units:positions', (fixes) => got.push(fixes));
    const fix = { lat: 52.08, lng: 4.31, accuracy: 8, heading: 90, at: new Date().toISOString() };
    field(unitId).emit('position', fix);
    field(unitId).emit('position', { ...fix, lat: 52.09 });
    field(unitId).emit('position', { lat: 'x' } as never);
    await until(() => got.flat().some((f) => f.unitId === unitId), 3000, 'position batch');
    const mine = got.flat().filter((f) => f.unitId === unitId);
    expect(mine.at(-1)?.lat).toBe(52.08);

    const second = t.connectConsole((await t.login('chef')).token);
    await waitFor(second, 'connect');
    const heard = Promise.all(
      [desk, second].map((c) => new Promise<HubEvent>((resolve) => c.on('event', (e) => e.type === 'alert.raised' && resolve(e)))),
    );
    const sos = await field(unitId).timeout(5000).emitWithAck('emergency', { commandId: randomUUID(), position: fix });
    expect(sos.ok && sos.data.kind).toBe('emergency');
    for (const e of await heard) expect(e.type === 'alert.raised' && e.alert.position).toEqual({ lat: 52.08, lng: 4.31 });
  });
});
