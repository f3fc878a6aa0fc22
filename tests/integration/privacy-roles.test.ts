import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/protocol/auth';
import type { ReportDetail } from '../../server/protocol/detail';
import type { EventsPage, HubEvent } from '../../server/protocol/events';
import type { OutboxList } from '../../server/protocol/lifecycle-api';
import type { AccessLogResponse, ReportContacts } from '../../server/protocol/privacy';
import { storeKinds } from '../support/databases';
import { type ConsoleClient, startTestHub, type TestHub, until, waitFor } from '../support/hub';
import { CITIZEN, type CitizenReport, citizenSaysNotSolved, reportWithCitizen } from '../support/privacy-fixtures';

/** The demo user of each role that signs in with a password (password = username); the wallboard has its own test. */
const USERS: Record<Exclude<Role, 'wallboard'>, string> = {
  dispatcher: 'centralist',
  shift_lead: 'chef',
  police_coordinator: 'politie',
  field: 'boa1',
  admin: 'admin',
  privacy_officer: 'fg',
};
const CONTACT_ROLES: Role[] = ['dispatcher', 'shift_lead'];
const MASKED_ROLES: Role[] = ['police_coordinator'];
const NO_REPORT_ROLES: Role[] = ['field', 'admin', 'privacy_officer'];

const MASKED_REPORTER = { name: 'J***', email: 'j***@***.nl', phone: '06******78' };

/**
 * What each role sees of a citizen's contact data, field by field, in every answer that carries it:
 * the report detail, the contacts route, the catch-up stream, the outbox and the console socket.
 */
describe.each(storeKinds)('who sees a citizen’s contact data over %s', (store) => {
  let t: TestHub;
  const tokens = {} as Record<Role, string>;
  let fixture: CitizenReport;

  beforeAll(async () => {
    t = await startTestHub({ store });
    for (const [role, username] of Object.entries(USERS) as [Role, string][]) tokens[role] = (await t.login(username)).token;
    fixture = await reportWithCitizen(t, tokens.dispatcher);
    await citizenSaysNotSolved(t, tokens.dispatcher, fixture);
  });
  afterAll(async () => {
    await t.stop();
  });

  const detailOf = (role: Role) => t.api<ReportDetail>('GET', `/api/reports/${fixture.report.id}`, tokens[role]);
  const citizenNote = (detail: ReportDetail) => detail.timeline.find((e) => e.to === 'reopen_requested')?.note;

  it('the report detail: contact roles get contacts masked until asked, the code, links and comments; the coordinator none of them', async () => {
    for (const role of CONTACT_ROLES) {
      const { status, body } = await detailOf(role);
      expect(status, role).toBe(200);
      expect(body.reporters, role).toEqual([MASKED_REPORTER]);
      expect(body.messages.length, role).toBeGreaterThan(0);
      for (const message of body.messages) expect(message.recipient, role).toBe('j***@***.nl');
      const receipt = body.messages.find((m) => m.trigger === 'receipt');
      expect(receipt?.text, role).toContain(`/status/${fixture.token}`);
      expect(body.citizenCode, role).toBe(fixture.code);
      expect(citizenNote(body), role).toBe(CITIZEN.comment);
      expect(JSON.stringify(body), role).not.toContain(CITIZEN.email);
      expect(JSON.stringify(body), role).not.toContain('1234 5678');
    }
    for (const role of MASKED_ROLES) {
      const { status, body } = await detailOf(role);
      expect(status, role).toBe(200);
      expect(body.reporters, role).toEqual([]);
      expect(body.report.reporterCount, role).toBe(1);
      for (const message of body.messages) expect(message.recipient, role).toBeNull();
      const receipt = body.messages.find((m) => m.trigger === 'receipt');
      expect(receipt?.text, role).toContain('[statuslink]');
      expect(body.citizenCode, role).toBeNull();
      expect(citizenNote(body), role).toBe('[reactie van melder]');
      const text = JSON.stringify(body);
      for (const secret of [CITIZEN.email, fixture.token, fixture.code, '0687654321', '1234 5678', 'Jansen']) expect(text, `${role}: ${secret}`).not.toContain(secret);
    }
    for (const role of NO_REPORT_ROLES) expect((await detailOf(role)).status, role).toBe(403);
  });

  it('the contacts route: the whole contact for the contact roles, logged per view; refused for everyone else', async () => {
    for (const role of CONTACT_ROLES) {
      const { status, body } = await t.api<ReportContacts>('GET', `/api/reports/${fixture.report.id}/contacts`, tokens[role]);
      expect(status, role).toBe(200);
      expect(body.reporters.map(({ name, email, phone }) => ({ name, email, phone })), role).toEqual([
        { name: CITIZEN.name, email: CITIZEN.email, phone: CITIZEN.phone },
      ]);
      expect(body.reporters[0]?.consentAt, role).toEqual(expect.any(String));
      expect(body.recipients.length, role).toBeGreaterThan(0);
      for (const r of body.recipients) expect(r.recipient, role).toBe(CITIZEN.email);
    }
    for (const role of [...MASKED_ROLES, ...NO_REPORT_ROLES]) {
      expect((await t.api('GET', `/api/reports/${fixture.report.id}/contacts`, tokens[role])).status, role).toBe(403);
    }
    const log = await t.api<AccessLogResponse>('GET', `/api/access-log?reportId=${fixture.report.id}`, tokens.shift_lead);
    expect(log.status).toBe(200);
    const views = log.body.entries.filter((e) => e.action === 'contacts.view');
    expect(views.map((e) => e.username).sort()).toEqual(['centralist', 'chef']);
    for (const entry of views) expect(entry).toMatchObject({ reportId: fixture.report.id, route: 'GET /api/reports/:id/contacts' });
  });

  it('the catch-up stream: the citizen’s comment for the contact roles, masked for the coordinator', async () => {
    const note = (page: EventsPage) =>
      page.events.flatMap((e) => (e.type === 'report.transitioned' && e.report.id === fixture.report.id && e.to === 'reopen_requested' ? [e.note] : []));
    for (const role of CONTACT_ROLES) expect(note(await t.fetchEvents(tokens[role], 0)), role).toEqual([CITIZEN.comment]);
    for (const role of MASKED_ROLES) {
      const page = await t.fetchEvents(tokens[role], 0);
      expect(note(page), role).toEqual(['[reactie van melder]']);
      expect(JSON.stringify(page), role).not.toContain('0687654321');
    }
    for (const role of NO_REPORT_ROLES) expect((await t.api('GET', '/api/events?after=0', tokens[role])).status, role).toBe(403);
  });

  it('the outbox: recipients masked unless asked for (logged); refused for roles without it', async () => {
    for (const role of CONTACT_ROLES) {
      const masked = await t.api<OutboxList>('GET', '/api/outbox', tokens[role]);
      expect(masked.status, role).toBe(200);
      const mine = masked.body.messages.filter((m) => m.reportId === fixture.report.id);
      expect(mine.length, role).toBeGreaterThan(0);
      for (const m of mine) expect(m.recipient, role).toBe('j***@***.nl');
      const shown = await t.api<OutboxList>('GET', '/api/outbox?contacts=1', tokens[role]);
      expect(shown.status, role).toBe(200);
      for (const m of shown.body.messages.filter((m) => m.reportId === fixture.report.id)) expect(m.recipient, role).toBe(CITIZEN.email);
    }
    for (const role of [...MASKED_ROLES, ...NO_REPORT_ROLES]) expect((await t.api('GET', '/api/outbox', tokens[role])).status, role).toBe(403);
    const log = await t.api<AccessLogResponse>('GET', `/api/access-log?reportId=${fixture.report.id}`, tokens.admin);
    const outboxViews = log.body.entries.filter((e) => e.action === 'outbox.view');
    expect(outboxViews.map((e) => e.username).sort()).toEqual(['centralist', 'chef']);
    expect(outboxViews[0]?.route).toBe('GET /api/outbox');
  });

  it('the console socket: a citizen’s comment reaches the contact roles, the coordinator gets it masked', async () => {
    const consoles = new Map<Role, { socket: ConsoleClient; events: HubEvent[] }>();
    for (const role of [...CONTACT_ROLES, ...MASKED_ROLES]) {
      const socket = t.connectConsole(tokens[role]);
      const events: HubEvent[] = [];
      socket.on('event', (e) => events.push(e));
      await waitFor(socket, 'connect');
      consoles.set(role, { socket, events });
    }
    for (const role of NO_REPORT_ROLES) {
      const refused = t.connectConsole(tokens[role]);
      await expect(waitFor(refused, 'connect_error')).resolves.toBeDefined();
      refused.disconnect();
    }
    const second = await reportWithCitizen(t, tokens.dispatcher, { description: 'Tweede melding, voor de socket' });
    await citizenSaysNotSolved(t, tokens.dispatcher, second, 'Bel me terug op 0611122233');
    const noteFor = (role: Role) =>
      consoles
        .get(role)
        ?.events.flatMap((e) => (e.type === 'report.transitioned' && e.report.id === second.report.id && e.to === 'reopen_requested' ? [e.note] : []));
    await until(() => [...consoles.keys()].every((role) => (noteFor(role)?.length ?? 0) > 0), 5000, 'the reopen event on every console');
    for (const role of CONTACT_ROLES) expect(noteFor(role), role).toEqual(['Bel me terug op 0611122233']);
    for (const role of MASKED_ROLES) {
      expect(noteFor(role), role).toEqual(['[reactie van melder]']);
      expect(JSON.stringify(consoles.get(role)?.events)).not.toContain('0611122233');
    }
    for (const { socket } of consoles.values()) socket.disconnect();
  });
});
