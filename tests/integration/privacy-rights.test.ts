import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessLogResponse, PrivacyErased, PrivacyExport, PrivacyFindings } from '../../server/protocol/privacy';
import type { Report } from '../../server/protocol/report';
import { storeKinds } from '../support/databases';
import { sampleReport, startTestHub, type TestHub, until } from '../support/hub';
import { CITIZEN, citizenSaysNotSolved, reportWithCitizen } from '../support/privacy-fixtures';
import { startTestSmtp, type TestSmtp } from '../support/smtp';

const REASON = 'Inzageverzoek van de melder per brief van 3 maart';

/**
 * A citizen's rights over a real hub: the privacy officer finds everything about one e-mail address or phone
 * number, exports it, and erases it (the reports stay, anonymised); every use is in the access log with its reason.
 */
describe.each(storeKinds)('a citizen’s rights over %s', (store) => {
  let t: TestHub;
  let smtp: TestSmtp;
  let desk: string;
  let fg: string;
  let byEmail: Awaited<ReturnType<typeof reportWithCitizen>>;
  let byPhone: Report;
  let other: Report;

  const privacy = <T>(what: 'search' | 'export' | 'erase', body: object, token = fg) => t.api<T>('POST', `/api/privacy/${what}`, token, body);

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await startTestHub({ store, smtp });
    desk = (await t.login('centralist')).token;
    fg = (await t.login('fg')).token;
    byEmail = await reportWithCitizen(t, desk, { description: 'Tak over de stoep; bel me gerust op 06-1234 5678' });
    await smtp.waitForMessages(1);
    await citizenSaysNotSolved(t, desk, byEmail);
    const phoneOnly = await t.api<Report>('POST', '/api/reports', desk, {
      ...sampleReport({ category: 'afval', description: 'Vuilniszakken naast de container' }),
      reporter: { phone: '+31 6 1234 5678' },
      consent: { contact: true },
    });
    byPhone = phoneOnly.body;
    other = (
      await t.api<Report>('POST', '/api/reports', desk, {
        ...sampleReport({ description: 'Lantaarnpaal brandt niet' }),
        reporter: { name: 'Piet Pietersen', email: 'piet@example.nl' },
        consent: { contact: true },
      })
    ).body;
    await until(async () => (await t.hub.store.db.selectFrom('outbox').select('id').where('status', '=', 'sent').execute()).length >= 3, 10_000, 'mails sent');
  });
  afterAll(async () => {
    await t.stop();
    await smtp.stop();
  });

  it('finds everything about one address and number (inzage), refuses without a reason, and only for the privacy officer', async () => {
    const found = await privacy<PrivacyFindings>('search', { email: 'JAN.JANSEN@example.nl', phone: '0612345678', reason: REASON });
    expect(found.status, JSON.stringify(found.body)).toBe(200);
    expect(found.body.reports.map((r) => r.id).sort()).toEqual([byEmail.report.id, byPhone.id].sort());
    expect(found.body.reporters.map((r) => [r.reportId, r.email, r.phone])).toEqual([
      [byEmail.report.id, CITIZEN.email, CITIZEN.phone],
      [byPhone.id, null, '+31 6 1234 5678'],
    ]);
    expect(found.body.reporters[0]?.consentVia).toBe('console');
    expect(found.body.messages.length).toBeGreaterThanOrEqual(2);
    for (const m of found.body.messages) expect([CITIZEN.email, '+31 6 1234 5678']).toContain(m.recipient);
    expect(found.body.responses).toEqual([expect.objectContaining({ reportId: byEmail.report.id, satisfied: false, comment: CITIZEN.comment })]);
    expect(JSON.stringify(found.body)).not.toContain('piet@example.nl');

    expect((await privacy('search', { email: CITIZEN.email })).status).toBe(422);
    const short = await privacy<{ fields: Record<string, string> }>('search', { email: CITIZEN.email, reason: 'omdat' });
    expect([short.status, Object.keys(short.body.fields)]).toEqual([422, ['reason']]);
    const nobody = await privacy<{ fields: Record<string, string> }>('search', { reason: REASON });
    expect([nobody.status, Object.keys(nobody.body.fields)]).toEqual([422, ['email']]);
    for (const token of [desk, (await t.login('chef')).token, (await t.login('admin')).token]) {
      for (const what of ['search', 'export', 'erase'] as const) expect((await privacy(what, { email: CITIZEN.email, reason: REASON }, token)).status).toBe(403);
    }
  });

  it('exports it as a file', async () => {
    const res = await fetch(`${t.hub.url}/api/privacy/export`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fg}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email: CITIZEN.email, reason: REASON }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="inzage-\d{4}-\d{2}-\d{2}\.json"$/);
    const file = (await res.json()) as PrivacyExport;
    expect(file).toMatchObject({ exportedBy: 'Functionaris gegevensbescherming', reason: REASON, subject: { email: CITIZEN.email, phone: null } });
    expect(file.reports.map((r) => r.id)).toEqual([byEmail.report.id]);
  });

  it('erases it: the reports stay, without contact details, messages or comments, everywhere they were', async () => {
    const erased = await privacy<PrivacyErased>('erase', { email: CITIZEN.email, phone: '06 12345678', reason: REASON });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect(erased.body).toMatchObject({ reports: 2, reporters: 2, responses: 1 });
    expect(erased.body.messages).toBeGreaterThanOrEqual(2);

    const db = t.hub.store.db;
    const ids = [byEmail.report.id, byPhone.id];
    expect(await db.selectFrom('reports').select('id').where('id', 'in', ids).execute()).toHaveLength(2);
    for (const r of await db.selectFrom('reporters').selectAll().where('report_id', 'in', ids).execute()) expect([r.name, r.email, r.phone]).toEqual([null, null, null]);
    for (const m of await db.selectFrom('outbox').selectAll().where('report_id', 'in', ids).execute()) {
      expect(m.status).toBe('sent');
      expect([m.recipient, m.body_text, m.body_html]).toEqual(['', '', null]);
    }
    expect((await db.selectFrom('citizen_responses').select('comment').where('report_id', '=', byEmail.report.id).execute()).map((r) => r.comment)).toEqual([null]);
    const stored = JSON.stringify([
      await db.selectFrom('reports').selectAll().where('id', 'in', ids).execute(),
      await db.selectFrom('events').selectAll().where('report_id', 'in', ids).execute(),
    ]);
    for (const gone of [CITIZEN.email, CITIZEN.name, '1234 5678', 'bel me 0687654321']) expect(stored, gone).not.toContain(gone);
    expect(stored).toContain('bel me gerust op [gewist]');

    // The desk reads the reports on: no contact, and the catch-up stream no longer carries the comment.
    const contacts = await t.api<{ reporters: { email: string | null }[]; recipients: { recipient: string | null }[] }>('GET', `/api/reports/${byEmail.report.id}/contacts`, desk);
    expect(contacts.body.reporters.map((r) => r.email)).toEqual([null]);
    for (const r of contacts.body.recipients) expect(r.recipient).toBeNull();
    const page = await t.fetchEvents(desk, 0);
    expect(JSON.stringify(page)).not.toContain(CITIZEN.comment);
    const last = page.events.filter((e) => e.type === 'report.updated' && ids.includes(e.report.id));
    expect(last.map((e) => e.actorId)).toEqual(expect.arrayContaining([expect.any(String)]));
    expect(JSON.stringify(last)).not.toMatch(/jan\.jansen|1234 5678/);

    // Another citizen's report is untouched, and a new search finds nothing.
    expect(await db.selectFrom('reporters').select('email').where('report_id', '=', other.id).execute()).toEqual([{ email: 'piet@example.nl' }]);
    const again = await privacy<PrivacyFindings>('search', { email: CITIZEN.email, phone: '0612345678', reason: REASON });
    expect(again.body).toMatchObject({ reports: [], reporters: [], messages: [] });
  });

  it('logs every use with its reason and the subject masked; the shift lead and admin read the log, filtered', async () => {
    const log = await t.api<AccessLogResponse>('GET', '/api/access-log', fg);
    expect(log.status).toBe(200);
    const uses = log.body.entries.filter((e) => e.action.startsWith('privacy.'));
    expect(new Set(uses.map((e) => e.action))).toEqual(new Set(['privacy.search', 'privacy.export', 'privacy.erase']));
    for (const use of uses) expect(use).toMatchObject({ username: 'fg', role: 'privacy_officer', reason: REASON });
    expect(uses.find((e) => e.action === 'privacy.erase' && e.reportId === byPhone.id)).toMatchObject({
      route: 'POST /api/privacy/erase',
      reportNumber: byPhone.number,
      subject: 'j***@***.nl / 06******78',
    });
    // The search that found nothing is logged too, without a report.
    expect(uses.filter((e) => e.action === 'privacy.search' && e.reportId === null).length).toBeGreaterThan(0);
    expect(JSON.stringify(log.body)).not.toContain(CITIZEN.email);

    const chef = (await t.login('chef')).token;
    const fgId = uses[0]?.userId ?? '';
    const mine = await t.api<AccessLogResponse>('GET', `/api/access-log?userId=${fgId}&reportId=${byPhone.id}`, chef);
    expect(mine.body.entries.length).toBeGreaterThan(0);
    for (const e of mine.body.entries) expect([e.userId, e.reportId]).toEqual([fgId, byPhone.id]);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await t.api<AccessLogResponse>('GET', `/api/access-log?from=${encodeURIComponent(future)}`, (await t.login('admin')).token)).body.entries).toEqual([]);
    expect((await t.api('GET', '/api/access-log', desk)).status).toBe(403);
    expect((await t.api('GET', '/api/access-log', (await t.login('politie')).token)).status).toBe(403);
  });
});
