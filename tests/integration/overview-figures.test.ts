import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { applyOverviewChange, overviewFigures, overviewState } from '../../server/domain/overview';
import type { UnitsResponse } from '../../server/protocol/dispatch-api';
import { type OverviewEvent, type OverviewSnapshot, WALLBOARD_NAMESPACE } from '../../server/protocol/overview';
import type { Report } from '../../server/protocol/report';
import type { IssuedWallboardDevice } from '../../server/protocol/wallboard';
import { ACCOUNT_PASSWORD, createAccount } from '../support/accounts';
import { storeKinds } from '../support/databases';
import { createFieldUnits } from '../support/field-units';
import { sampleReport, startTestHub, type TestHub, until } from '../support/hub';
import { startTestSmtp, type TestSmtp } from '../support/smtp';

/**
 * The live overview (issue 14 point 1) against a scenario with known answers, on the hub clock (a real hub, store and
 * SMTP server; no SMS gateway, so an SMS fails at once). Urgent terms 4 clock hours, high 8 (set by the shift lead).
 * Figures read on Tuesday 1 December 2026 11:30Z (12:30 in Amsterdam):
 *
 * R5 groen, reporter by e-mail: created 10 November, closed, the citizen says "not solved" (reopen request since 10 Nov).
 * R4 groen urgent: created 30 Nov 20:00Z, never touched: deadline 00:00Z, overdue, open > 3 terms; the longest waiting.
 * R2 groen urgent: created 06:00Z, triaged: deadline 10:00Z, overdue.
 * R1 groen urgent: created 08:00Z: deadline 12:00Z, at risk from 11:12Z.
 * R3 groen high: created 11:00Z: deadline 19:00Z (20:00 local, today), due today.
 * R6 afval normal, reporter by phone only: created 11:00Z; its receipt SMS fails (a failed delivery).
 * R7 groen: created and closed at 11:00Z, no reporter: not counted.
 */
const at = (iso: string) => new Date(iso).getTime();
const CLOSE_NO_ACTION = {
  kind: 'close',
  outcome: 'no_action',
  found: { code: 'zoals_gemeld', text: 'Tak aangetroffen, hangt hoog genoeg' },
  action: { code: 'geen_actie', text: 'Geen actie nodig, situatie is veilig' },
};
const CITIZEN = { name: 'Anna de Vries-Overzicht', email: 'anna.overzicht@example.nl', phone: '0612349876' };

describe.each(storeKinds)('live overview figures (%s)', (store) => {
  let t: TestHub;
  let smtp: TestSmtp;
  let now = at('2026-11-10T09:00:00Z');
  let desk = '';
  let chef = '';
  let admin = '';
  const r: Record<string, Report> = {};

  const api = <T>(method: string, path: string, token: string, body?: unknown) => t.api<T>(method, path, token, body);
  const signIn = async () => {
    desk = (await t.login('desk', ACCOUNT_PASSWORD)).token;
    chef = (await t.login('chef', ACCOUNT_PASSWORD)).token;
    admin = (await t.login('beheer', ACCOUNT_PASSWORD)).token;
  };
  async function create(extra: object): Promise<Report> {
    const res = await api<Report>('POST', '/api/reports', desk, { ...sampleReport(), ...extra });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }
  const move = async (id: string, body: object) => {
    const res = await api<Report>('POST', `/api/reports/${id}/transition`, desk, body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const snapshot = async (token: string) => {
    const res = await api<OverviewSnapshot>('GET', '/api/overview', token);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await startTestHub({
      store,
      demo: false,
      clock: () => new Date(now),
      config: { notify: { maxAttempts: 1, pollMs: 100, smtp: { host: smtp.host, port: smtp.port, secure: false, from: 'Gemeente <m@example.nl>' } } },
    });
    await createAccount(t.hub, 'desk', 'dispatcher');
    await createAccount(t.hub, 'chef', 'shift_lead');
    await createAccount(t.hub, 'beheer', 'admin');
    await createFieldUnits(t.hub, 2, 'boa_domein_1');
    await signIn();
    for (const code of ['groen', 'afval']) {
      const terms = await api('PUT', `/api/categories/${code}/sla-terms`, chef, { slaUrgentHours: 4, slaHighHours: 8 });
      expect(terms.status, JSON.stringify(terms.body)).toBe(200);
    }

    r.R5 = await create({ description: 'Boomtak R5', reporter: { name: CITIZEN.name, email: CITIZEN.email }, consent: { contact: true } });
    await move(r.R5.id, { to: 'closed', resolution: CLOSE_NO_ACTION });
    const row = await t.hub.store.db.selectFrom('reports').select('citizen_token').where('id', '=', r.R5.id).executeTakeFirstOrThrow();
    const answer = await fetch(`${t.hub.url}/status/${row.citizen_token}/antwoord`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ tevreden: 'nee', toelichting: 'De tak hangt er nog, bel me op 0612349876' }).toString(),
      redirect: 'manual',
    });
    expect(answer.status).toBe(303);

    now = at('2026-11-30T20:00:00Z');
    await signIn();
    r.R4 = await create({ description: 'Boomtak R4', priority: 'urgent' });
    now = at('2026-12-01T06:00:00Z');
    await signIn();
    r.R2 = await create({ description: 'Boomtak R2', priority: 'urgent' });
    now = at('2026-12-01T06:30:00Z');
    await move(r.R2.id, { to: 'triaged' });
    now = at('2026-12-01T08:00:00Z');
    r.R1 = await create({ description: 'Boomtak R1', priority: 'urgent' });
    now = at('2026-12-01T11:00:00Z');
    r.R3 = await create({ description: 'Boomtak R3', priority: 'high' });
    r.R6 = await create({ category: 'afval', description: 'Afval R6', reporter: { phone: CITIZEN.phone }, consent: { contact: true } });
    r.R7 = await create({ description: 'Boomtak R7' });
    await move(r.R7.id, { to: 'closed', resolution: CLOSE_NO_ACTION });
    // The receipt SMS has no gateway: it fails for good at its one attempt.
    await until(async () => (await api<{ report: Report }>('GET', `/api/reports/${r.R6?.id}`, desk)).body.report.delivery === 'failed', 20_000, 'the SMS to fail');
    await until(async () => (await api<{ report: Report }>('GET', `/api/reports/${r.R5?.id}`, desk)).body.report.delivery === 'sent', 20_000, 'the e-mails to go');
    now = at('2026-12-01T11:30:00Z');
  }, 120_000);

  afterAll(async () => {
    await t?.stop();
    await smtp?.stop();
  });

  it('counts every figure of the scenario as known', async () => {
    const snap = await snapshot(chef);
    const figures = overviewFigures(overviewState(snap), now, snap.timeZone);
    expect(snap.timeZone).toBe('Europe/Amsterdam');
    expect(figures.open).toBe(6);
    expect(figures.byStatus).toEqual({ new: 4, triaged: 1, dispatched: 0, in_progress: 0, awaiting_review: 0, scheduled: 0, reopen_requested: 1 });
    expect(figures.byCategory).toEqual([
      { category: 'groen', count: 5 },
      { category: 'afval', count: 1 },
    ]);
    // R5's and R6's terms are the categories' normal working-day terms: counted from the deadlines the hub set.
    const r5 = snap.reports.find((x) => x.id === r.R5?.id);
    const r6 = snap.reports.find((x) => x.id === r.R6?.id);
    if (!r5?.slaDeadline || !r6?.slaDeadline) throw new Error('R5 and R6 have deadlines');
    expect(Date.parse(r6.slaDeadline)).toBeGreaterThan(at('2026-12-02T00:00:00Z'));
    const r5Overdue = Date.parse(r5.slaDeadline) < now ? 1 : 0;
    expect(figures.overdue).toBe(2 + r5Overdue);
    expect(figures.atRisk).toBe(1);
    expect(figures.dueToday).toBe(1);
    const r5Term = Date.parse(r5.slaDeadline) - Date.parse(r5.createdAt);
    expect(figures.longOpen).toBe(1 + (now - Date.parse(r5.createdAt) > 3 * r5Term ? 1 : 0));
    expect(r5.statusSince).toBe('2026-11-10T09:00:00.000Z');
    expect(figures.oldReopenRequests).toBe(1);
    expect(figures.awaitingReview).toBe(0);
    expect(figures.failedDeliveries).toBe(1);
    expect(figures.longestWaiting).toEqual({ id: r.R4?.id, number: r.R4?.number, category: 'groen', createdAt: '2026-11-30T20:00:00.000Z' });
    expect(snap.reports.some((x) => x.id === r.R7?.id)).toBe(false);
    const units = (await api<UnitsResponse>('GET', '/api/units', desk)).body.units;
    expect(units).toHaveLength(2);
    expect(figures.units.reduce((n, u) => n + u.count, 0)).toBe(2);
    for (const figure of figures.units) expect(figure.count).toBe(units.filter((u) => u.status === figure.status).length);
    // The desk reads the same overview; the admin and the field do not.
    expect(overviewFigures(overviewState(await snapshot(desk)), now, snap.timeZone)).toEqual(figures);
    expect((await api('GET', '/api/overview', admin)).status).toBe(403);
    expect((await api('GET', '/api/overview', '')).status).toBe(401);
  });

  it('kept by the wallboard’s events it equals a fresh snapshot, and no citizen data reaches the wall', async () => {
    const issued = await api<IssuedWallboardDevice>('POST', '/api/admin/wallboards', admin, { name: 'Videowand' });
    expect(issued.status).toBe(201);
    const signIn = await fetch(`${t.hub.url}/api/wallboard/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: issued.body.token }),
    });
    expect(signIn.status).toBe(200);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const wallGet = async <T>(path: string) => {
      const res = await fetch(`${t.hub.url}${path}`, { headers: { cookie } });
      return { status: res.status, text: await res.text(), json: async () => undefined as T };
    };
    const received: OverviewEvent[] = [];
    const wall: Socket = connect(`${t.hub.url}${WALLBOARD_NAMESPACE}`, { transports: ['websocket'], extraHeaders: { cookie }, forceNew: true });
    wall.on('overview', (e: OverviewEvent) => received.push(e));
    await until(() => wall.connected, 10_000, 'the wallboard to connect');
    const first = await wallGet('/api/overview');
    expect(first.status).toBe(200);
    const start = JSON.parse(first.text) as OverviewSnapshot;
    const state = overviewState(start);

    now = at('2026-12-01T11:40:00Z');
    await move(r.R1?.id ?? '', { to: 'triaged' });
    await move(r.R3?.id ?? '', { to: 'closed', resolution: CLOSE_NO_ACTION });
    const r8 = await create({ description: 'Boomtak R8', priority: 'urgent', reporter: { name: CITIZEN.name, email: CITIZEN.email }, consent: { contact: true } });
    const latest = (await t.fetchEvents(chef, 0)).latestSeq;
    await until(() => received.some((e) => e.seq >= latest), 10_000, 'the wallboard events');
    for (const event of received.sort((a, b) => a.seq - b.seq)) {
      if (event.seq > start.seq) for (const change of event.changes) applyOverviewChange(state, change);
    }
    const fresh = await snapshot(chef);
    const kept = overviewFigures(state, now, start.timeZone);
    expect(kept).toEqual(overviewFigures(overviewState(fresh), now, fresh.timeZone));
    expect(kept.byStatus.new).toBe(3);
    expect(kept.byStatus.triaged).toBe(2);
    expect(state.reports.has(r8.id)).toBe(true);
    expect(state.reports.has(r.R3?.id ?? '')).toBe(false);

    // Nothing a citizen wrote or is reached by, in the snapshot or the live payloads the wall received.
    const wire = first.text + JSON.stringify(received) + (await wallGet('/api/overview')).text;
    for (const secret of [CITIZEN.name, CITIZEN.email, CITIZEN.phone, '0612349876', 'Boomtak R8', 'Lange Voorhout', 'bel me op']) {
      expect(wire.includes(secret), secret).toBe(false);
    }
    wall.disconnect();
  }, 60_000);
});
