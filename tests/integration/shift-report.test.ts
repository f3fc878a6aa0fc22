import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FocusArea } from '../../server/protocol/dispatch';
import type { Emergency } from '../../server/protocol/emergency';
import type { Report } from '../../server/protocol/report';
import type { PriorityTraffic } from '../../server/protocol/safety';
import type { HandoverAnswer, ShiftReport, ShiftReportContent, ShiftReportsList } from '../../server/protocol/shift-report';
import { insertUnit } from '../../server/store/units';
import { ACCOUNT_PASSWORD, createAccount } from '../support/accounts';
import { storeKinds } from '../support/databases';
import { type ConsoleClient, sampleReport, startTestHub, type TestHub, waitFor } from '../support/hub';
import { pdfPageCount, pdfText } from '../support/pdf';
import { CLOSE_NO_ACTION } from '../support/privacy-fixtures';

type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
type Refusal = { code: string; message: string; fields?: Record<string, string> };

/**
 * The shift report on a known scenario (hub clock, Europe/Amsterdam, vroege dienst 7 December 2026 = 06:00Z–14:00Z):
 * one report before the shift, three in it (one urgent, one closed), an emergency set and ended by the desk, a
 * spoedmelding declared and lifted; then the report is saved, its PDF read, and the next shift lead gets the handover.
 */
describe.each(storeKinds)('shift report and handover (%s)', (store) => {
  let t: TestHub;
  let now = Date.parse('2026-12-07T05:50:00.000Z');
  const at = (iso: string) => {
    now = Date.parse(iso);
  };
  const dir = mkdtempSync(join(tmpdir(), 'meldkamer-shift-report-'));
  let desk: string;
  let chef1: string;
  let chef2: string;
  let police: string;
  let admin: string;
  let socket: ConsoleClient;
  const made: Report[] = [];

  const create = async (overrides: Parameters<typeof sampleReport>[0] = {}) => {
    const res = await t.api<Report>('POST', '/api/reports', desk, sampleReport(overrides));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    made.push(res.body);
    return res.body;
  };
  const deskCommand = async <T>(name: string, payload: object): Promise<T> => {
    // biome-ignore lint/suspicious/noExplicitAny: the hub checks each command's payload
    const ack = (await (socket.timeout(5000) as any).emitWithAck(name, payload)) as Ack<T>;
    if (!ack.ok) throw new Error(`${name}: ${ack.error.message}`);
    return ack.data;
  };

  beforeAll(async () => {
    t = await startTestHub({ store, demo: false, dataDir: dir, clock: () => new Date(now) });
    for (const [name, role] of [
      ['desk', 'dispatcher'],
      ['chef1', 'shift_lead'],
      ['chef2', 'shift_lead'],
      ['politie', 'police_coordinator'],
      ['beheer', 'admin'],
    ] as const) {
      await createAccount(t.hub, name, role);
    }
    desk = (await t.login('desk', ACCOUNT_PASSWORD)).token;
    chef1 = (await t.login('chef1', ACCOUNT_PASSWORD)).token;
    chef2 = (await t.login('chef2', ACCOUNT_PASSWORD)).token;
    police = (await t.login('politie', ACCOUNT_PASSWORD)).token;
    admin = (await t.login('beheer', ACCOUNT_PASSWORD)).token;
    const unit = await insertUnit(t.hub.deps.store.db, { callsign: 'HH-21', kind: 'boa', officerCount: 2, lat: 52.08, lng: 4.31, at: new Date(now).toISOString(), status: 'beschikbaar' });
    socket = t.connectConsole(desk);
    await waitFor(socket, 'connect');

    // 05:50Z: the night shift's last report (not received in the vroege dienst, still open in it).
    await create({ description: 'Fiets tegen de gevel, nachtdienst' });
    at('2026-12-07T06:10:00.000Z');
    await create({ priority: 'urgent', description: 'Losliggende stoeptegels bij de school' });
    at('2026-12-07T06:20:00.000Z');
    await create({ description: 'Afval naast de container' });
    at('2026-12-07T06:30:00.000Z');
    const closing = await create({ description: 'Tak over het fietspad' });
    at('2026-12-07T06:40:00.000Z');
    const closed = await t.api('POST', `/api/reports/${closing.id}/transition`, desk, { to: 'closed', resolution: CLOSE_NO_ACTION });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);

    at('2026-12-07T07:00:00.000Z');
    const emergency = await deskCommand<Emergency>('emergency:set', { commandId: randomUUID(), unitId: unit.id, note: 'Portofoon: collega bedreigd' });
    at('2026-12-07T07:30:00.000Z');
    await deskCommand<Emergency>('emergency:end', { commandId: randomUUID(), emergencyId: emergency.id, note: 'Collega ongedeerd', returnStatus: 'beschikbaar' });

    at('2026-12-07T07:55:00.000Z');
    const area = await t.api<FocusArea>('POST', '/api/focus-areas', chef1, {
      name: 'Centrum',
      polygon: [[[4.30, 52.07], [4.32, 52.07], [4.32, 52.09], [4.30, 52.09], [4.30, 52.07]]],
      instructions: '',
      publicText: null,
      startsAt: '2026-12-07T06:00:00.000Z',
      endsAt: '2026-12-07T14:00:00.000Z',
    });
    expect(area.status, JSON.stringify(area.body)).toBe(201);
    at('2026-12-07T08:00:00.000Z');
    const spoed = await t.api<PriorityTraffic>('POST', '/api/priority-traffic', chef1, { commandId: randomUUID(), areaId: area.body.id, text: 'Vechtpartij Plein' });
    expect(spoed.status, JSON.stringify(spoed.body)).toBe(201);
    at('2026-12-07T08:30:00.000Z');
    const lifted = await t.api(`POST`, `/api/priority-traffic/${spoed.body.id}/lift`, chef1, { commandId: randomUUID() });
    expect(lifted.status, JSON.stringify(lifted.body)).toBe(200);
    // 13:30Z: half an hour before the shift ends; the urgent report's 4-hour term has passed.
    at('2026-12-07T13:30:00.000Z');
  }, 120_000);

  afterAll(async () => {
    socket?.disconnect();
    await t?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the draft of the shift on now: figures, notable events in order, open reports most pressing first', async () => {
    const res = await t.api<ShiftReportContent>('GET', '/api/shift-report', chef1);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const draft = res.body;
    expect(draft).toMatchObject({ date: '2026-12-07', shift: 'vroeg', startsAt: '2026-12-07T06:00:00.000Z', endsAt: '2026-12-07T14:00:00.000Z', asOf: '2026-12-07T13:30:00.000Z' });
    expect(draft.figures).toEqual({ received: 3, closed: 1, scheduled: 0, emergencies: 1, priorityTraffic: 1, escalations: 0, open: 3, overdue: 1 });
    expect(draft.notable.map((e) => [e.kind, e.subject, e.detail])).toEqual([
      ['emergency_started', 'HH-21', 'Portofoon: collega bedreigd'],
      ['emergency_ended', 'HH-21', 'Collega ongedeerd'],
      ['priority_traffic_declared', 'Centrum', 'Vechtpartij Plein'],
      ['priority_traffic_lifted', 'Centrum', null],
    ]);
    expect(draft.notableTotal).toBe(4);
    // The KPIs of the shift from the stats module, with the default targets (90 % within term, 70 % satisfied).
    expect(draft.kpis?.targets).toEqual({ withinTerm: 0.9, satisfied: 0.7 });
    expect(draft.kpis?.total).toMatchObject({ received: 3, closed: 1 });
    expect(draft.openByStatus.reduce((n, s) => n + s.count, 0)).toBe(3);
    // The urgent report past its term first, then the other open ones oldest deadline first.
    expect(draft.openList[0]).toMatchObject({ number: made[1]?.number, priority: 'urgent', overdue: true });
    expect(draft.openList.map((r) => r.number).sort()).toEqual([made[0]?.number, made[1]?.number, made[2]?.number].sort());
    expect(draft.municipality.length).toBeGreaterThan(0);

    // The night shift before it, by name: the report at 05:50Z is its only one.
    const night = await t.api<ShiftReportContent>('GET', '/api/shift-report?date=2026-12-06&shift=nacht', chef1);
    expect(night.status).toBe(200);
    expect(night.body).toMatchObject({ startsAt: '2026-12-06T22:00:00.000Z', endsAt: '2026-12-07T06:00:00.000Z', asOf: '2026-12-07T06:00:00.000Z' });
    expect(night.body.figures.received).toBe(1);
    expect(night.body.notable).toEqual([]);
  });

  it('refuses bad input with a clear error and writes nothing; roles are checked', async () => {
    const later = await t.api<Refusal>('POST', '/api/shift-reports', chef1, { date: '2026-12-07', shift: 'laat', notes: '' });
    expect(later.status).toBe(422);
    expect(later.body.fields?.shift).toBe('Deze dienst is nog niet begonnen');
    const long = await t.api<Refusal>('POST', '/api/shift-reports', chef1, { date: '2026-12-07', shift: 'vroeg', notes: 'x'.repeat(4001) });
    expect(long.status).toBe(422);
    expect(long.body.fields?.notes).toBeTruthy();
    const noShift = await t.api('GET', '/api/shift-report?date=2026-12-07', chef1);
    expect(noShift.status).toBe(422);
    expect((await t.api('GET', '/api/shift-report?date=2026-12-07&shift=middag', chef1)).status).toBe(422);
    expect((await t.api<ShiftReportsList>('GET', '/api/shift-reports', chef1)).body.reports).toEqual([]);

    expect((await t.api('POST', '/api/shift-reports', desk, { date: '2026-12-07', shift: 'vroeg', notes: '' })).status).toBe(403);
    expect((await t.api('POST', '/api/shift-reports', admin, { date: '2026-12-07', shift: 'vroeg', notes: '' })).status).toBe(403);
    expect((await t.api('GET', '/api/shift-report', desk)).status).toBe(403);
    expect((await t.api('GET', '/api/shift-report', police)).status).toBe(403);
    expect((await t.api('GET', '/api/handover', desk)).status).toBe(403);
    expect((await t.api('GET', '/api/handover', admin)).status).toBe(403);
    expect((await t.api('GET', '/api/shift-report')).status).toBe(401);
    expect((await t.api('GET', '/api/shift-reports', admin)).status).toBe(200);
  });

  it('saved with the notes, as a one-page PDF, and handed over to the next shift lead until acknowledged', async () => {
    const notes = 'Let op: stoeptegels bij de school (spoed) nog open.\nHH-21 heeft pauze gehad na het noodgeval.';
    const saved = await t.api<ShiftReport>('POST', '/api/shift-reports', chef1, { date: '2026-12-07', shift: 'vroeg', notes: `  ${notes}  ` });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    expect(saved.body).toMatchObject({ date: '2026-12-07', shift: 'vroeg', notes, writtenByName: 'chef1', savedAt: '2026-12-07T13:30:00.000Z' });
    expect(saved.body.figures.received).toBe(3);
    const id = saved.body.id;
    expect((await t.api<ShiftReport>('GET', `/api/shift-reports/${id}`, admin)).body.notes).toBe(notes);

    const pdf = await fetch(`${t.hub.url}/api/shift-reports/${id}/pdf`, { headers: { authorization: `Bearer ${chef1}` } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfPageCount(bytes)).toBe(1);
    const text = pdfText(bytes);
    expect(text).toContain('Dienstrapport');
    expect(text).toContain('Vroege dienst');
    expect(text).toContain('Vechtpartij Plein');
    expect(text).toContain('Let op: stoeptegels bij de school');
    expect(text).toContain(saved.body.municipality);
    expect(text).toContain('binnen termijn');
    expect((await fetch(`${t.hub.url}/api/shift-reports/${id}/pdf`, { headers: { authorization: `Bearer ${desk}` } })).status).toBe(403);
    expect((await t.api('GET', `/api/shift-reports/${randomUUID()}/pdf`, chef1)).status).toBe(404);

    // The writer has nothing to take over; the next shift lead has, until they acknowledge it.
    expect((await t.api<HandoverAnswer>('GET', '/api/handover', chef1)).body.report).toBeNull();
    at('2026-12-07T14:05:00.000Z');
    const handover = await t.api<HandoverAnswer>('GET', '/api/handover', chef2);
    expect(handover.status).toBe(200);
    expect(handover.body.report).toMatchObject({ id, notes });
    expect((await t.api('POST', `/api/shift-reports/${randomUUID()}/acknowledge`, chef2)).status).toBe(404);
    expect((await t.api('POST', `/api/shift-reports/${id}/acknowledge`, desk)).status).toBe(403);
    const ack = await t.api<ShiftReport>('POST', `/api/shift-reports/${id}/acknowledge`, chef2);
    expect(ack.status).toBe(200);
    expect((await t.api<HandoverAnswer>('GET', '/api/handover', chef2)).body.report).toBeNull();
    const list = await t.api<ShiftReportsList>('GET', '/api/shift-reports', chef2);
    expect(list.body.reports).toEqual([{ id, date: '2026-12-07', shift: 'vroeg', writtenByName: 'chef1', savedAt: '2026-12-07T13:30:00.000Z', acknowledged: true }]);

    // Saved again (a correction): the same report, and the next shift lead reads it again.
    const again = await t.api<ShiftReport>('POST', '/api/shift-reports', chef1, { date: '2026-12-07', shift: 'vroeg', notes: `${notes}\nAanvulling.` });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(id);
    expect((await t.api<HandoverAnswer>('GET', '/api/handover', chef2)).body.report?.notes).toContain('Aanvulling.');
    expect((await t.api<ShiftReportsList>('GET', '/api/shift-reports', chef2)).body.reports).toHaveLength(1);
  });
});
