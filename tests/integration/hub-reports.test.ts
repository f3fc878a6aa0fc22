import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReportsSnapshot } from '../../server/protocol/api';
import type { ApiError } from '../../server/protocol/common';
import { type HubEvent, reportOf } from '../../server/protocol/events';
import type { Report } from '../../server/protocol/report';
import { EventStream } from '../../renderer/console/live/eventStream';
import { storeKinds } from '../support/databases';
import { sampleReport, startTestHub, type TestHub, until, waitFor } from '../support/hub';

async function counts(t: TestHub): Promise<{ reports: number; events: number }> {
  const db = t.hub.store.db;
  const reports = await db.selectFrom('reports').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const events = await db.selectFrom('events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return { reports: Number(reports.n), events: Number(events.n) };
}

describe.each(storeKinds)('hub reports over %s', (store) => {
  let t: TestHub;
  let token: string;

  function create(input: unknown, as = token) {
    return t.api<Report & ApiError>('POST', '/api/reports', as, input);
  }

  beforeEach(async () => {
    t = await startTestHub({ store });
    token = (await t.login('centralist')).token;
  });
  afterEach(async () => {
    await t.stop();
  });

  it('creates over HTTP with a report number, broadcasts it to the other consoles, and the snapshot seq matches the log', async () => {
    const a = t.connectConsole(token);
    const b = t.connectConsole((await t.login('chef')).token);
    await Promise.all([waitFor(a, 'connect'), waitFor(b, 'connect')]);
    const received = waitFor<HubEvent>(b, 'event');
    const res = await create(sampleReport({ description: 'Fietswrak bij de ingang' }));
    expect(res.status).toBe(201);
    expect(res.body.number).toMatch(/^M-\d{6}$/);
    expect(res.body.status).toBe('new');

    const event = await received;
    expect(event.type).toBe('report.created');
    expect(reportOf(event)?.description).toBe('Fietswrak bij de ingang');
    expect(reportOf(event)?.id).toBe(res.body.id);
    expect(event.seq).toBe(res.body.version);

    const snap = await t.api<ReportsSnapshot>('GET', '/api/reports?scope=open', token);
    expect(snap.body.reports[0]?.id).toBe(res.body.id);
    expect(snap.body.seq).toBe(res.body.version);
  });

  it('a console that was away catches up to exactly the reports it missed, once each', async () => {
    const snapshot = (await t.api<ReportsSnapshot>('GET', '/api/reports', token)).body;
    const socket = t.connectConsole(token);
    const applied: HubEvent[] = [];
    const stream = new EventStream({
      socket,
      fetchEvents: (after) => t.fetchEvents(token, after),
      onEvent: (e) => applied.push(e),
      onError: () => undefined,
    });
    stream.start(snapshot.seq);
    await waitFor(socket, 'connect');
    await stream.whenIdle();

    socket.disconnect();
    const created: string[] = [];
    for (const description of ['Eerste gemiste melding', 'Tweede gemiste melding', 'Derde gemiste melding']) {
      const res = await create(sampleReport({ description }));
      if (res.status !== 201) throw new Error(res.body.message);
      created.push(res.body.id);
    }
    expect(applied).toHaveLength(0);

    socket.connect();
    await until(() => applied.length >= 3, 5000, 'catch-up');
    await stream.whenIdle();
    // One more live event after the catch-up arrives once, too.
    const last = await create(sampleReport({ description: 'Na het terugkomen' }));
    await until(() => applied.length >= 4, 5000, 'live event');
    stream.stop();

    expect(applied.slice(0, 3).map((e) => reportOf(e)?.id)).toEqual(created);
    expect(applied.map((e) => e.seq)).toEqual([snapshot.seq + 1, snapshot.seq + 2, snapshot.seq + 3, snapshot.seq + 4]);
    expect(last.status === 201 && reportOf(applied[3] as HubEvent)?.id === last.body.id).toBe(true);
  });

  it('applies a status change sent over HTTP and broadcasts it with the full snapshot', async () => {
    const a = t.connectConsole(token);
    const b = t.connectConsole((await t.login('chef')).token);
    await Promise.all([waitFor(a, 'connect'), waitFor(b, 'connect')]);
    const created = await create(sampleReport());
    if (created.status !== 201) throw new Error(created.body.message);
    const received = new Promise<HubEvent>((resolve) => b.on('event', (e) => e.type === 'report.transitioned' && resolve(e)));
    const transition = (reportId: string, body: unknown) => t.api<Report & ApiError>('POST', `/api/reports/${reportId}/transition`, token, body);
    const res = await transition(created.body.id, { to: 'triaged' });
    expect(res.status === 200 && res.body.status).toBe('triaged');
    const event = await received;
    expect(event.type === 'report.transitioned' && [event.from, event.to]).toEqual(['new', 'triaged']);
    const refused = await transition(created.body.id, { to: 'closed' });
    expect(refused.status).toBe(422);
    const missing = await transition('bestaat-niet', { to: 'triaged' });
    expect([missing.status, missing.body.code]).toEqual([404, 'not_found']);
    const noTarget = await transition(created.body.id, {});
    expect(noTarget.status === 422 && noTarget.body.fields?.to).toBeTruthy();
  });

  it('answers bad payloads with a field-level error and writes nothing', async () => {
    const before = await counts(t);
    const bad = await create({ category: 'groen', location: { lat: 200, lng: 4.3 }, description: 'x', source: 'fax' });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('validation');
    expect(Object.keys(bad.body.fields ?? {})).toEqual(expect.arrayContaining(['location.lat', 'description', 'source']));
    const unknownCategory = await create(sampleReport({ category: 'bestaat-niet' }));
    expect(unknownCategory.status).toBe(422);
    expect(unknownCategory.body.fields?.category).toBeDefined();
    const notAnObject = await create('DROP TABLE reports');
    expect(notAnObject.status).toBe(422);
    const http = await create({ category: 'groen' });
    expect(http.status).toBe(422);
    expect(await counts(t)).toEqual(before);
  });

  it('refuses a socket without a valid token', async () => {
    const anonymous = t.connectConsole(undefined);
    const error = await waitFor<Error>(anonymous, 'connect_error');
    expect(error.message).toBe('unauthenticated');
    const forged = t.connectConsole('x'.repeat(43));
    expect((await waitFor<Error>(forged, 'connect_error')).message).toBe('unauthenticated');
    expect(anonymous.connected || forged.connected).toBe(false);
  });

  it('keeps roles apart: a field user is refused on the console, a coordinator may not create', async () => {
    const field = await t.login('boa1');
    const fieldSocket = t.connectConsole(field.token);
    expect((await waitFor<Error>(fieldSocket, 'connect_error')).message).toBe('forbidden');
    expect((await t.api('POST', '/api/reports', field.token, sampleReport())).status).toBe(403);
    expect((await t.api('GET', '/api/reports', field.token)).status).toBe(403);

    const before = await counts(t);
    const coordinator = await create(sampleReport(), (await t.login('politie')).token);
    expect([coordinator.status, coordinator.body]).toEqual([
      403,
      { code: 'forbidden', message: 'Uw rol mag dit niet', text: { code: 'command.access.role_not_allowed', params: {}, message: 'Uw rol mag dit niet' } },
    ]);
    expect(await counts(t)).toEqual(before);
  });
});

describe('HTTP access control', () => {
  let t: TestHub;
  beforeEach(async () => {
    t = await startTestHub();
  });
  afterEach(async () => {
    await t.stop();
  });

  it('every /api route except login and config refuses a caller without a session', async () => {
    const api = t.hub.routes.filter((r) => r.url.startsWith('/api') && r.method !== 'HEAD');
    expect(api.every((r) => r.access !== undefined)).toBe(true);
    // Public on purpose: login, the login screen's config, the webhook that checks its own key, and the wallboard's
    // device-token exchange (it checks the token itself: http/routes-wallboard.ts).
    expect(api.filter((r) => r.access === 'public').map((r) => r.url).sort()).toEqual([
      '/api/auth/login',
      '/api/config',
      '/api/signals/webhook',
      '/api/wallboard/session',
    ]);
    const checked = api
      .filter((r) => r.access !== 'public')
      .map((r) => ({ method: r.method, path: r.url }));
    expect(checked.length).toBeGreaterThanOrEqual(5);
    for (const route of checked) {
      const res = await t.api(route.method, route.path.replace(/:(\w+)/g, 'x'), undefined, route.method === 'GET' ? undefined : {});
      expect({ route, status: res.status }).toEqual({ route, status: 401 });
    }
  });

  it('rejects wrong passwords and unknown users alike', async () => {
    const wrong = await t.api('POST', '/api/auth/login', undefined, { username: 'centralist', password: 'nope' });
    const unknown = await t.api('POST', '/api/auth/login', undefined, { username: 'niemand', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it('reports health with version, database kind and connected clients', async () => {
    const token = (await t.login('centralist')).token;
    const socket = t.connectConsole(token);
    await waitFor(socket, 'connect');
    const health = await t.api<{ status: string; database: string; connectedClients: number; version: string }>('GET', '/health');
    expect(health.body).toMatchObject({ status: 'ok', database: 'sqlite', connectedClients: 1 });
    expect(health.body.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});
