import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../server/protocol/dispatch';
import type { OutboxList } from '../../server/protocol/lifecycle-api';
import type { HubEvent } from '../../server/protocol/events';
import type { Report } from '../../server/protocol/report';
import { storeKinds } from '../support/databases';
import { dispatchThroughOffer } from '../support/dispatch-offer';
import { type ConsoleClient, sampleReport, startTestHub, type TestHub, until, waitFor } from '../support/hub';

/** A port nothing listens on (a mail server that is down). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Seat {
  token: string;
  socket: ConsoleClient;
  events: HubEvent[];
}

describe.each(storeKinds)('alert kinds: who sees them, when they end (%s)', (store) => {
  let t: TestHub;
  let desk: Seat;
  let chef: Seat;
  let police: Seat;

  async function seat(username: string): Promise<Seat> {
    const { token } = await t.login(username);
    const socket = t.connectConsole(token);
    const events: HubEvent[] = [];
    socket.on('event', (e: HubEvent) => events.push(e));
    await waitFor(socket, 'connect');
    return { token, socket, events };
  }

  async function start(options: Parameters<typeof startTestHub>[0] = {}) {
    t = await startTestHub({ store, ...options });
    desk = await seat('centralist');
    chef = await seat('chef');
    police = await seat('politie');
  }
  afterEach(async () => {
    await t.stop();
  });

  const raised = (s: Seat, kind: Alert['kind'], reportId: string) =>
    s.events.find((e): e is Extract<HubEvent, { alert: Alert }> => e.type === 'alert.raised' && e.alert.kind === kind && e.alert.reportId === reportId);
  const ended = (s: Seat, alertId: string) =>
    s.events.find((e): e is Extract<HubEvent, { alert: Alert }> => e.type === 'alert.acked' && e.alert.id === alertId);
  const openAlerts = async (s: Seat) => (await t.api<{ alerts: Alert[] }>('GET', '/api/alerts', s.token)).body.alerts;

  async function move(id: string, body: object, as = desk.token) {
    const res = await t.api<Report>('POST', `/api/reports/${id}/transition`, as, body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  }

  it('a proposal waiting for review and a reopen request alert the desk, not the police coordinator, and end when decided', async () => {
    await start();
    const report = (await t.api<Report>('POST', '/api/reports', desk.token, sampleReport())).body;
    await move(report.id, { to: 'triaged' });
    await dispatchThroughOffer(t, desk.token, report.id);
    await move(report.id, { to: 'in_progress' });
    const close = {
      kind: 'close',
      outcome: 'resolved',
      found: { code: 'tak_laag', text: 'Tak hing laag boven de stoep' },
      action: { code: 'tak_verwijderd', text: 'Tak gesnoeid' },
    };
    await move(report.id, { to: 'awaiting_review', resolution: close });

    await until(() => raised(desk, 'proposal_review', report.id) !== undefined && raised(chef, 'proposal_review', report.id) !== undefined);
    const proposal = raised(desk, 'proposal_review', report.id)?.alert as Alert;
    expect(proposal.text?.code).toBe('alert.proposal_review.desk');
    expect(proposal.message).toBe(`Voorstel voor ${report.number} wacht op beoordeling`);
    // The police coordinator's stream has the seq, not the alert (no gap to fill, nothing to see).
    const seq = raised(desk, 'proposal_review', report.id)?.seq;
    await until(() => police.events.some((e) => e.seq === seq));
    expect(police.events.find((e) => e.seq === seq)?.type).toBe('hidden');
    expect((await t.fetchEvents(police.token, (seq ?? 1) - 1)).events[0]).toMatchObject({ seq, type: 'hidden' });
    expect((await openAlerts(police)).map((a) => a.kind)).not.toContain('proposal_review');
    expect((await openAlerts(desk)).map((a) => a.id)).toContain(proposal.id);
    const refused = await police.socket.timeout(5000).emitWithAck('alert:ack', { alertId: proposal.id });
    expect(refused.ok).toBe(false);

    // Reviewed: the alert ends by itself, acknowledged by no one.
    await move(report.id, { to: 'closed', resolution: close });
    await until(() => ended(desk, proposal.id) !== undefined);
    expect(ended(desk, proposal.id)?.alert.ackedBy).toBeNull();
    expect((await openAlerts(desk)).map((a) => a.id)).not.toContain(proposal.id);

    await move(report.id, { to: 'reopen_requested' });
    await until(() => raised(chef, 'reopen_requested', report.id) !== undefined);
    const reopen = raised(chef, 'reopen_requested', report.id)?.alert as Alert;
    expect(reopen.message).toBe(`Verzoek om heropenen van ${report.number}`);
    expect((await openAlerts(police)).map((a) => a.id)).not.toContain(reopen.id);
    await move(report.id, { to: 'closed', reply: 'Wij hebben het gecontroleerd.' }, chef.token);
    await until(() => ended(chef, reopen.id) !== undefined);
    expect(police.events.some((e) => 'alert' in e && e.alert.id === reopen.id)).toBe(false);
  });

  it('routine high-priority alerts reach every console and end when their report is picked up (assessed or offered)', async () => {
    await start();
    const first = (await t.api<Report>('POST', '/api/reports', desk.token, sampleReport({ priority: 'urgent' }))).body;
    const second = (await t.api<Report>('POST', '/api/reports', desk.token, sampleReport({ priority: 'high' }))).body;
    const normal = (await t.api<Report>('POST', '/api/reports', desk.token, sampleReport({ priority: 'normal' }))).body;
    await until(() => raised(police, 'high_priority', first.id) !== undefined && raised(police, 'high_priority', second.id) !== undefined);
    expect(raised(desk, 'high_priority', normal.id)).toBeUndefined();
    // (the demo's own urgent reports have theirs too)
    const mine = new Set([first.id, second.id, normal.id]);
    const kinds = (await openAlerts(police)).filter((a) => a.kind === 'high_priority' && mine.has(a.reportId ?? '')).map((a) => a.reportId);
    expect(kinds.sort()).toEqual([first.id, second.id].sort());

    await move(first.id, { to: 'triaged' });
    const firstAlert = raised(desk, 'high_priority', first.id)?.alert as Alert;
    await until(() => ended(police, firstAlert.id) !== undefined);
    expect(ended(police, firstAlert.id)?.alert.ackedBy).toBeNull();

    await dispatchThroughOffer(t, desk.token, second.id);
    const secondAlert = raised(desk, 'high_priority', second.id)?.alert as Alert;
    await until(() => ended(desk, secondAlert.id) !== undefined);
    expect((await openAlerts(desk)).filter((a) => a.kind === 'high_priority' && mine.has(a.reportId ?? ''))).toEqual([]);
  });

  it('a citizen message that fails for good alerts the desk (not the police coordinator) once; a retry ends it', async () => {
    await start({ smtp: { host: '127.0.0.1', port: await closedPort() } });
    const res = await t.api<Report>('POST', '/api/reports', desk.token, {
      ...sampleReport(),
      reporter: { name: 'J. Jansen', email: 'melder@example.nl' },
      consent: { contact: true },
    });
    expect(res.status).toBe(201);
    const report = res.body;
    await until(() => raised(desk, 'delivery_failed', report.id) !== undefined, 15_000, 'delivery_failed alert');
    const failed = raised(desk, 'delivery_failed', report.id)?.alert as Alert;
    await until(() => raised(chef, 'delivery_failed', report.id) !== undefined);
    expect((await openAlerts(police)).map((a) => a.id)).not.toContain(failed.id);
    expect(police.events.some((e) => 'alert' in e && e.alert.id === failed.id)).toBe(false);

    const outbox = await t.api<OutboxList>('GET', '/api/outbox?status=failed', chef.token);
    const message = outbox.body.messages.find((m) => m.reportId === report.id);
    expect(message).toBeDefined();
    const retried = await t.api('POST', `/api/outbox/${message?.id}/retry`, chef.token);
    expect(retried.status).toBe(200);
    await until(() => ended(desk, failed.id) !== undefined);
    expect(ended(desk, failed.id)?.alert.ackedBy).toBeNull();
  });
});
