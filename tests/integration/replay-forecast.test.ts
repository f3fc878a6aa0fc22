import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DOMAIN_MESSAGES } from '../../renderer/shared/i18n/domainMessages';
import { renderDomainText } from '../../renderer/shared/i18n/domainText';
import type { DomainText } from '../../server/domain/domain-text';
import { fixesFromColumns, fromSnapshot, playTo, snapshotFromWire, toSnapshot } from '../../server/domain/replay';
import { zonedToInstant } from '../../server/domain/zoned-time';
import type { Ack, ApiError } from '../../server/protocol/common';
import type { Assignment } from '../../server/protocol/dispatch';
import type { ForecastAnswer } from '../../server/protocol/forecast';
import type { ReplaySnapshotAnswer, ReplayWindow } from '../../server/protocol/replay';
import type { Report } from '../../server/protocol/report';
import { reportCell } from '../../server/store/report-cells';
import { saveTrail } from '../../server/store/units';
import { storeKinds } from '../support/databases';
import { connectField, createFieldUnits, type FieldClient } from '../support/field-units';
import { sampleReport, startTestHub, type TestHub, waitFor } from '../support/hub';

const MIN = 60_000;

describe.each(storeKinds)('shift replay over the hub (%s)', (store) => {
  let t: TestHub;
  let now: number;
  // 08:00 UTC of a fixed day: the shift's start; the hub clock moves through it.
  const start = Date.parse('2026-11-30T08:00:00.000Z');
  const iso = (m: number) => new Date(start + m * MIN).toISOString();
  let field: FieldClient;
  let unitId: string;
  let chef: string;
  let r1: Report;
  let r2: Report;

  beforeEach(async () => {
    now = start - 60 * MIN;
    t = await startTestHub({ store, clock: () => new Date(now) });
    const [unit] = await createFieldUnits(t.hub, 1);
    unitId = unit?.unitId ?? '';
    field = connectField(t.hub.url, (await t.login(unit?.username ?? '', 'veld')).token);
    const desk = t.connectConsole((await t.login('centralist')).token);
    await waitFor(desk, 'connect');
    const deskToken = (await t.login('centralist')).token;
    chef = (await t.login('chef')).token;

    // The shift: two reports at 08:00, r1 offered at 08:10 and accepted half a minute later, closed at 08:30.
    now = start;
    r1 = (await t.api<Report>('POST', '/api/reports', deskToken, sampleReport({ category: 'overlast', description: 'Buurman Jan Jansen maakt herrie' }))).body;
    r2 = (await t.api<Report>('POST', '/api/reports', deskToken, sampleReport({ location: { lat: 52.08, lng: 4.32 } }))).body;
    now = start + 10 * MIN;
    const offered = (await desk.timeout(5000).emitWithAck('offer:create', { commandId: randomUUID(), reportId: r1.id, unitIds: [unitId] })) as Ack<Assignment[]>;
    if (!offered.ok) throw new Error(offered.error.message);
    now = start + 10.5 * MIN;
    const accepted = await field.timeout(5000).emitWithAck('offer:accept', { commandId: randomUUID(), assignmentId: offered.data[0]?.id ?? '' });
    expect(accepted.ok).toBe(true);
    now = start + 30 * MIN;
    const closed = await t.api('POST', `/api/reports/${r1.id}/transition`, deskToken, {
      to: 'closed',
      resolution: { kind: 'close', outcome: 'not_found', found: { code: 'niet_aangetroffen', text: 'Geen overlast aangetroffen' }, action: { code: 'geen_actie', text: 'Geen actie nodig ter plaatse' } },
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    // The trail: where the unit was at 08:05, 08:20 and 08:40.
    await saveTrail(t.hub.store.db, [
      { unitId, fix: { lat: 52.071, lng: 4.291, accuracy: 5, heading: null, at: iso(5) } },
      { unitId, fix: { lat: 52.072, lng: 4.292, accuracy: 5, heading: null, at: iso(20) } },
      { unitId, fix: { lat: 52.073, lng: 4.293, accuracy: 5, heading: null, at: iso(40) } },
    ]);
    now = start + 60 * MIN;
    // Generous: the machine these run on is loaded; nothing here is timed.
  }, 120_000);
  afterEach(async () => {
    field.disconnect();
    await t.stop();
  }, 60_000);

  const snapshotStatus = async (at: string, token: string) => (await t.api('GET', `/api/replay/snapshot?at=${encodeURIComponent(at)}`, token)).status;
  // The hub sends the reports as tuples; the console reads them as objects (snapshotFromWire), and so do these tests.
  const snapshot = async (at: string) => {
    const res = await t.api<ReplaySnapshotAnswer>('GET', `/api/replay/snapshot?at=${encodeURIComponent(at)}`, chef);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return { range: res.body.range, snapshot: snapshotFromWire(res.body.snapshot) };
  };

  it('answers the queue, units, positions as they were at each instant', async () => {
    const before = await snapshot(iso(-1));
    // The demo's own reports (made before the shift) are there; the shift's are not yet.
    const ours = <R extends { id: string }>(reports: R[]) => reports.filter((r) => r.id === r1.id || r.id === r2.id);
    expect(ours(before.snapshot.reports)).toEqual([]);
    expect(before.snapshot.units.find((u) => u.id === unitId)?.status).toBe('beschikbaar');
    expect(before.range).toEqual({ from: new Date(now - 12 * 60 * MIN).toISOString(), until: new Date(now).toISOString() });

    const during = (await snapshot(iso(15))).snapshot;
    expect(ours(during.reports).map((r) => [r.id, r.status])).toEqual([
      [r1.id, 'dispatched'],
      [r2.id, 'new'],
    ]);
    expect(during.units.find((u) => u.id === unitId)).toMatchObject({ status: 'onderweg', currentReportId: r1.id });
    expect(during.positions.find((p) => p.unitId === unitId)).toMatchObject({ at: iso(5), lat: 52.071 });

    const after = (await snapshot(iso(35))).snapshot;
    expect(ours(after.reports).map((r) => r.id)).toEqual([r2.id]);
    expect(after.units.find((u) => u.id === unitId)).toMatchObject({ status: 'beschikbaar', currentReportId: null });
    expect(after.positions.find((p) => p.unitId === unitId)).toMatchObject({ at: iso(20), lat: 52.072 });

    // No reporter's words or contact data in replay.
    expect(JSON.stringify(during)).not.toContain('Jansen');
  });

  it('a window played forward from a snapshot gives the snapshot of its end', async () => {
    const base = (await snapshot(iso(0))).snapshot;
    const window = await t.api<ReplayWindow>('GET', `/api/replay/window?from=${encodeURIComponent(iso(0))}&minutes=30`, chef);
    expect(window.status).toBe(200);
    expect(window.body.until).toBe(iso(30));
    const fixes = fixesFromColumns(window.body.fixes, window.body.from);
    expect(fixes.map((f) => f.at)).toEqual([iso(5), iso(20)]);
    expect(window.body.events.some((e) => e.unit?.id === unitId && e.unit.status === 'onderweg' && e.at === iso(10.5))).toBe(true);
    expect(JSON.stringify(window.body)).not.toContain('Jansen');
    // A window without fixes (the trail has 08:05, 08:20 and 08:40) has empty columns, not nulls.
    const quiet = await t.api<ReplayWindow>('GET', `/api/replay/window?from=${encodeURIComponent(iso(45))}&minutes=5`, chef);
    expect(quiet.status).toBe(200);
    expect(quiet.body.fixes).toEqual({ units: [], unit: [], t: [], lat: [], lng: [] });

    for (const at of [iso(12), iso(29), iso(30)]) {
      const state = fromSnapshot(base);
      playTo(state, window.body.events, fixes, at);
      const played = toSnapshot(state);
      const asked = (await snapshot(at)).snapshot;
      expect(played.reports).toEqual(asked.reports);
      expect(played.units).toEqual(asked.units);
      expect(played.positions.find((p) => p.unitId === unitId)).toEqual(asked.positions.find((p) => p.unitId === unitId));
    }
  });

  it('is for the shift lead and the admin only, within the last 12 hours', async () => {
    expect(await snapshotStatus(iso(15), (await t.login('centralist')).token)).toBe(403);
    expect(await snapshotStatus(iso(15), (await t.login('politie')).token)).toBe(403);
    expect(await snapshotStatus(iso(15), (await t.login('admin')).token)).toBe(200);
    expect(await snapshotStatus(iso(15), '')).toBe(401);
    expect(await snapshotStatus(new Date(now - 13 * 60 * MIN).toISOString(), chef)).toBe(422);
    expect(await snapshotStatus('gisteren', chef)).toBe(422);
    expect((await t.api('GET', `/api/replay/window?from=${encodeURIComponent(iso(0))}&minutes=31`, chef)).status).toBe(422);
  });

  it('its refusal names the range in the control room\'s local time, in Dutch and English', async () => {
    // 09:00 UTC: the 12 hours run from 22:00 on 29 November to 10:00 on 30 November in Amsterdam.
    const refused = await t.api<ApiError>('GET', `/api/replay/snapshot?at=${encodeURIComponent(new Date(now - 13 * 60 * MIN).toISOString())}`, chef);
    expect(refused.status).toBe(422);
    expect(refused.body.text?.code).toBe('command.replay.out_of_range');
    expect(refused.body.message).toBe('Terugkijken kan van 29-11 22:00 tot 30-11 10:00');
    expect(refused.body.message).not.toMatch(/T\d\d:|Z\b/);
    expect(renderDomainText(refused.body.text as DomainText, (code) => (DOMAIN_MESSAGES.en as Record<string, string>)[code])).toBe('Replay reaches from 29-11 22:00 to 30-11 10:00');
  });

  it('the start of the range it gave is still answered a little later: the slider dragged to its left end', async () => {
    const { range } = await snapshot(iso(15));
    // The 12 hours move on with the clock: the console's slider starts where the hub's range started when it answered.
    now += 30_000;
    expect(await snapshotStatus(range.from, chef)).toBe(200);
    expect((await t.api('GET', `/api/replay/window?from=${encodeURIComponent(range.from)}&minutes=5`, chef)).status).toBe(200);
    // Not without end: an instant well before the 12 hours is still refused.
    expect(await snapshotStatus(new Date(Date.parse(range.from) - 10 * MIN).toISOString(), chef)).toBe(422);
  });
});

describe.each(storeKinds)('hotspot forecast over the hub (%s)', (store) => {
  let t: TestHub;
  let now: number;
  const TZ = 'Europe/Amsterdam';
  // Monday 30 November 2026 00:00 in Amsterdam: the forecast week starts here; the history is the 12 weeks before.
  const end = zonedToInstant({ year: 2026, month: 11, day: 30, hour: 0, minute: 0, second: 0, millisecond: 0 }, TZ).getTime();
  const A = { lat: 52.0799, lng: 4.3113 };
  const B = { lat: 52.0705, lng: 4.2905 };
  /** Local time in week `w` (0: the oldest of the 12), weekday `d` (0: Monday), hour:minute. */
  const local = (w: number, d: number, hour: number, minute = 30) => {
    const day = new Date(end - (12 - w) * 7 * 86_400_000 + d * 86_400_000 + 12 * 3_600_000);
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(day);
    const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    return zonedToInstant({ year: n('year'), month: n('month'), day: n('day'), hour, minute, second: 0, millisecond: 0 }, TZ).getTime();
  };

  beforeEach(async () => {
    now = end - 100 * 86_400_000;
    t = await startTestHub({ store, clock: () => new Date(now) });
    // Cell A: a report every Monday 09:30 for 12 weeks; cell B: Tuesday 14:30 in weeks 1 and 3 only.
    const made: [number, { lat: number; lng: number }][] = [];
    for (let w = 0; w < 12; w++) made.push([local(w, 0, 9), A]);
    made.push([local(1, 1, 14), B], [local(3, 1, 14), B]);
    for (const [at, location] of made) {
      now = at;
      // Signed in at each hub time: a session made weeks earlier has expired.
      const res = await t.api('POST', '/api/reports', (await t.login('centralist')).token, sampleReport({ location }));
      expect(res.status).toBe(201);
    }
    // Signals in cell A on Wednesday 20:30 of the last three weeks (imported observations).
    await t.hub.store.db
      .insertInto('signals')
      .values(
        [9, 10, 11].map((w) => ({
          id: randomUUID(),
          source: 'survey',
          channel: 'test',
          text: 'Veel afval',
          lat: A.lat,
          lng: A.lng,
          place: null,
          url: null,
          occurred_at: new Date(local(w, 2, 20)).toISOString(),
          imported_at: new Date(local(w, 2, 21)).toISOString(),
          batch_id: null,
          external_id: null,
          created_by: null,
        })),
      )
      .execute();
    now = end;
  }, 120_000);
  afterEach(async () => {
    await t.stop();
  }, 60_000);

  it('forecasts each cell by weekday and hour as the model says, with its back-test', async () => {
    const res = await t.api<ForecastAnswer>('GET', '/api/forecast', (await t.login('politie')).token);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const f = res.body;
    expect(f.weeks).toBe(12);
    expect(f.until).toBe(new Date(end).toISOString());
    expect(f.cellCount).toBe(2);
    const [a, b] = f.cells;
    expect(a?.cell).toBe(reportCell(A.lat, A.lng));
    expect(b?.cell).toBe(reportCell(B.lat, B.lng));
    const mon9 = 9;
    const tue14 = 24 + 14;
    const wed20 = 2 * 24 + 20;
    // By hand (README "Voorspelling"): n = 12, α = 4, city week: 12 of 14 reports on Monday 9h, 2 on Tuesday 14h.
    expect(a?.expected.report[mon9]).toBeCloseTo((12 + 4 * 1 * (12 / 14)) / 16, 3);
    expect(a?.expected.report[tue14]).toBeCloseTo((0 + 4 * 1 * (2 / 14)) / 16, 3);
    expect(a?.weekTotal.report).toBeCloseTo(1, 2);
    expect(b?.expected.report[tue14]).toBeCloseTo((2 + 4 * (2 / 12) * (2 / 14)) / 16, 3);
    expect(b?.expected.report[mon9]).toBeCloseTo((4 * (2 / 12) * (12 / 14)) / 16, 3);
    // Signals: three on Wednesday 20h in cell A: (3 + 4 · 0.25 · 1) / 16.
    expect(a?.expected.signal[wed20]).toBeCloseTo(0.25, 3);
    expect(a?.history).toEqual({ report: 12, signal: 3 });
    // Back-test: weeks 5..12 predicted; A's week never changes, so "same as last week" is exact and the model is not.
    expect(a?.backTest.report.weeksTested).toBe(8);
    expect(a?.backTest.report.naiveMae).toBe(0);
    expect(a?.backTest.report.mae).toBeGreaterThan(0);
    expect(f.backTest.report.weeksTested).toBe(8);
    // The outline is a closed ring around the centre.
    expect(a?.boundary.length).toBeGreaterThanOrEqual(7);
    expect(a?.boundary[0]).toEqual(a?.boundary.at(-1));
  });

  it('is for the police coordinator and the shift lead', async () => {
    expect((await t.api('GET', '/api/forecast', (await t.login('chef')).token)).status).toBe(200);
    expect((await t.api('GET', '/api/forecast', (await t.login('centralist')).token)).status).toBe(403);
    expect((await t.api('GET', '/api/forecast', (await t.login('admin')).token)).status).toBe(403);
    expect((await t.api('GET', '/api/forecast?limit=0', (await t.login('chef')).token)).status).toBe(422);
  });
});
