import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ReportDetail } from '../../server/protocol/detail';
import type { Alert, Assignment } from '../../server/protocol/dispatch';
import type { UnitsResponse } from '../../server/protocol/dispatch-api';
import type { Report } from '../../server/protocol/report';
import { createPostgresDatabase, storeKinds, type TestDatabase } from '../support/databases';
import { ACCOUNT_PASSWORD, createAccount } from '../support/accounts';
import { createFieldUnits } from '../support/field-units';
import { sampleReport, startTestHub, type TestHub, until, waitFor } from '../support/hub';

/** Auto-dispatch (point 8): the hub offers a waiting report by itself, on its own clock, once. */

const MINUTE = 60_000;
const SETTINGS = { overlast: { noDeskMinutes: 5 }, groen: { waitMinutes: 15 } };

/** A hub without demo data (its old reports would be offered too), with a dispatcher and a shift lead. */
async function startHub(options: Parameters<typeof startTestHub>[0], accounts = true): Promise<{ t: TestHub; token: string; chefToken: string }> {
  const t = await startTestHub({ demo: false, ...options });
  if (accounts) {
    await createAccount(t.hub, 'desk', 'dispatcher');
    await createAccount(t.hub, 'lead', 'shift_lead');
  }
  return { t, token: (await t.login('desk', ACCOUNT_PASSWORD)).token, chefToken: (await t.login('lead', ACCOUNT_PASSWORD)).token };
}

async function newReport(t: TestHub, token: string, overrides = {}): Promise<Report> {
  const res = await t.api<Report>('POST', '/api/reports', token, sampleReport({ category: 'overlast', location: { lat: 52.0705, lng: 4.2905 }, ...overrides }));
  expect(res.status).toBe(201);
  return res.body;
}

async function autoOffers(t: TestHub, token: string, reportId: string): Promise<Assignment[]> {
  const board = (await t.api<UnitsResponse>('GET', '/api/units', token)).body;
  return board.assignments.filter((a) => a.reportId === reportId && a.offeredBy === null);
}

async function autoAlerts(t: TestHub, chefToken: string, reportId: string): Promise<Alert[]> {
  const alerts = (await t.api<{ alerts: Alert[] }>('GET', '/api/alerts', chefToken)).body.alerts;
  return alerts.filter((a) => a.kind === 'auto_dispatched' && a.reportId === reportId);
}

describe.each(storeKinds)('auto-dispatch (%s)', (store) => {
  let t: TestHub;
  let now = Date.now();
  afterEach(async () => {
    await t.stop();
  });

  it('no desk for N minutes: offered to the run card\'s units exactly once, recorded and told to the shift lead', async () => {
    now = Date.now();
    const started = await startHub({ store, clock: () => new Date(now), config: { autoDispatch: SETTINGS } });
    t = started.t;
    const { token, chefToken } = started;
    await createFieldUnits(t.hub, 3);
    const card = { category: 'overlast', area: { kind: 'any' }, from: null, to: null, unitKinds: ['boa_domein_1'], units: 2, team: null, priority: null };
    expect((await t.api('POST', '/api/run-cards', chefToken, card)).status).toBe(201);
    const report = await newReport(t, token);

    now += 4 * MINUTE;
    expect(await t.hub.autoDispatch.tick()).toBe(0);
    expect(await autoOffers(t, token, report.id)).toHaveLength(0);

    now += 2 * MINUTE;
    expect(await t.hub.autoDispatch.tick()).toBe(1);
    const offers = await autoOffers(t, token, report.id);
    expect(offers.map((a) => a.state)).toEqual(['offered', 'offered']);
    const alerts = await autoAlerts(t, chefToken, report.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.message).toMatch(/^Automatisch aangeboden aan .+, .+ \(geen meldkamer bezet\)$/);
    expect(alerts[0]?.text?.code).toBe('alert.auto_dispatched');
    // The report's timeline records it for every reader.
    const detail = (await t.api<ReportDetail>('GET', `/api/reports/${report.id}`, token)).body;
    expect(detail.timeline.some((e) => e.type === 'alert.raised')).toBe(true);

    now += 10 * MINUTE;
    expect(await t.hub.autoDispatch.tick()).toBe(0);
    expect(await autoAlerts(t, chefToken, report.id)).toHaveLength(1);
  });

  it('does not fire while a desk console is connected; fires N minutes after it left', async () => {
    now = Date.now();
    const started = await startHub({ store, clock: () => new Date(now), config: { autoDispatch: SETTINGS } });
    t = started.t;
    const { token } = started;
    await createFieldUnits(t.hub, 2);
    const desk = t.connectConsole(token);
    await waitFor(desk, 'connect');
    const report = await newReport(t, token);
    now += 30 * MINUTE;
    expect(await t.hub.autoDispatch.tick()).toBe(0);
    now += 30 * MINUTE;
    expect(await t.hub.autoDispatch.tick()).toBe(0);
    expect(await autoOffers(t, token, report.id)).toHaveLength(0);

    desk.disconnect();
    // Once the hub has seen the desk go, 5 minutes of its clock later the report is offered.
    await until(async () => {
      now += 6 * MINUTE;
      return (await t.hub.autoDispatch.tick()) === 1;
    }, 10_000, 'auto-dispatch after the desk left');
    expect(await autoOffers(t, token, report.id)).toHaveLength(1);
  });

  it('a report waiting M minutes is offered even with a desk connected ("wacht langer dan")', async () => {
    now = Date.now();
    const started = await startHub({ store, clock: () => new Date(now), config: { autoDispatch: SETTINGS } });
    t = started.t;
    const { token, chefToken } = started;
    await createFieldUnits(t.hub, 2);
    const desk = t.connectConsole(token);
    await waitFor(desk, 'connect');
    const report = await newReport(t, token, { category: 'groen' });
    now += 14 * MINUTE;
    expect(await t.hub.autoDispatch.tick()).toBe(0);
    now += 2 * MINUTE;
    expect(await t.hub.autoDispatch.tick()).toBe(1);
    expect((await autoAlerts(t, chefToken, report.id))[0]?.message).toMatch(/\(wacht langer dan 15 min\)$/);
  });
});

const havePostgres = storeKinds.includes('postgres');

describe('auto-dispatch with two hub nodes on one PostgreSQL database', () => {
  let database: TestDatabase | undefined;
  const nodes: TestHub[] = [];
  beforeAll(async () => {
    if (havePostgres) database = await createPostgresDatabase();
  });
  afterAll(async () => {
    for (const n of nodes) await n.stop();
    await database?.drop();
  });

  it.skipIf(!havePostgres)('one offer and one alert, not one per node', async () => {
    let now = Date.now();
    const clock = () => new Date(now);
    const { t: first, token, chefToken } = await startHub({ store: 'postgres', database, clock, config: { autoDispatch: SETTINGS, nodeId: 'node-a' } });
    nodes.push(first);
    const second = (await startHub({ store: 'postgres', database, clock, config: { autoDispatch: SETTINGS, nodeId: 'node-b' } }, false)).t;
    nodes.push(second);
    await createFieldUnits(first.hub, 3);
    const reports = [await newReport(first, token), await newReport(second, token, { location: { lat: 52.071, lng: 4.291 } })];

    now += 6 * MINUTE;
    // Both nodes look at the same moment, again and again (two reports may want the same unit: the loser tries again).
    await until(async () => {
      await Promise.all([first.hub.autoDispatch.tick(), second.hub.autoDispatch.tick()]);
      const offered = await Promise.all(reports.map((r) => autoOffers(first, token, r.id)));
      return offered.every((o) => o.length > 0);
    }, 15_000, 'both reports offered');
    await Promise.all([first.hub.autoDispatch.tick(), second.hub.autoDispatch.tick()]);
    for (const report of reports) {
      expect(await autoOffers(first, token, report.id)).toHaveLength(1);
      expect(await autoAlerts(second, chefToken, report.id)).toHaveLength(1);
    }
  });
});
