import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReportDetail } from '../../server/protocol/detail';
import type { AlertsResponse } from '../../server/protocol/dispatch-api';
import type { CreatedReferral, ExternalReferral, ExternalReferralsResponse } from '../../server/protocol/external';
import type { Report } from '../../server/protocol/report';
import { storeKinds } from '../support/databases';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';
import { jpegPhoto } from '../support/photos';
import { startTestSmtp, type TestSmtp } from '../support/smtp';

const DAY = 24 * 60 * 60 * 1000;
const PARTY = 'Woningcorporatie Staedion';
const PARTY_MAIL = 'beheer@staedion.example';
const QUESTION = 'Wilt u de kapotte lamp in het portiek vervangen?';
const REPORTER = { name: 'Jan Jansen', email: 'jan.jansen@example.nl', phone: '0612345678' };

describe.each(storeKinds)('hand-off to an external party over %s', (store) => {
  let smtp: TestSmtp;
  let t: TestHub;
  let desk: string;
  let offset = 0;

  beforeEach(async () => {
    offset = 0;
    smtp = await startTestSmtp();
    t = await startTestHub({ store, smtp, clock: () => new Date(Date.now() + offset) });
    desk = (await t.login('centralist')).token;
  });
  afterEach(async () => {
    await t.stop();
    await smtp.stop();
  });

  async function reportWithReporter(): Promise<Report> {
    const res = await t.api<Report>('POST', '/api/reports', desk, {
      ...sampleReport({ description: 'Lamp in het portiek is kapot, het is er donker' }),
      reporter: REPORTER,
      consent: { contact: true },
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  const refer = (reportId: string, body: object, as = desk) => t.api<CreatedReferral & { code?: string; fields?: Record<string, string> }>('POST', `/api/reports/${reportId}/external`, as, body);
  const referrals = async (reportId: string) => (await t.api<ExternalReferralsResponse>('GET', `/api/reports/${reportId}/external`, desk)).body.referrals;
  const page = async (link: string) => {
    const res = await fetch(link);
    return { status: res.status, html: await res.text() };
  };
  const answer = async (link: string, text: string, photos: Buffer[] = []) => {
    const form = new FormData();
    form.set('antwoord', text);
    for (const photo of photos) form.append('foto', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'lamp.jpg');
    const res = await fetch(link, { method: 'POST', body: form, redirect: 'manual' });
    return { status: res.status, location: res.headers.get('location'), html: await res.text() };
  };
  const alertsOf = async (reportId: string) => (await t.api<AlertsResponse>('GET', '/api/alerts', desk)).body.alerts.filter((a) => a.reportId === reportId && a.kind === 'external_answered');

  it('mails the link, shows the report without the reporter, takes one answer with a photo, alerts the desk; expiry, revoke and wrong links change nothing', async () => {
    const report = await reportWithReporter();
    const secrets = (await t.hub.store.db.selectFrom('reports').select(['citizen_token', 'citizen_code']).where('id', '=', report.id).executeTakeFirstOrThrow()) as {
      citizen_token: string | null;
      citizen_code: string | null;
    };
    expect(secrets.citizen_token).toBeTruthy();

    // The desk makes the link: e-mailed through the outbox to the address it typed, and shown once to copy.
    const created = await refer(report.id, { party: PARTY, email: PARTY_MAIL, question: QUESTION });
    expect(created.status).toBe(201);
    const { link, referral } = created.body;
    expect(link).toMatch(new RegExp(`^${t.hub.url}/extern/[A-Za-z0-9_-]{40,}$`));
    expect(referral).toMatchObject({ party: PARTY, email: PARTY_MAIL, state: 'open', answer: null, createdBy: 'Sanne de Vries' });
    expect(Date.parse(referral.expiresAt) - Date.parse(referral.createdAt)).toBe(14 * DAY);
    // Only the token's hash is stored.
    const token = link.split('/').pop() ?? '';
    const stored = await t.hub.store.db.selectFrom('external_referrals').selectAll().where('id', '=', referral.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(token);

    // The reporter's receipt and the party's mail.
    const [mail] = (await smtp.waitForMessages(2)).filter((m) => m.envelope.to.includes(PARTY_MAIL));
    expect(mail?.text).toContain(link);
    expect(mail?.text).toContain(QUESTION);
    for (const secret of [REPORTER.name, 'Jansen', REPORTER.email, REPORTER.phone, secrets.citizen_token ?? '?', 'Sanne de Vries']) expect(mail?.text).not.toContain(secret);

    // The party's page: the report, the question; nothing of the reporter, the citizen's token or code, or staff.
    const shown = await page(link);
    expect(shown.status).toBe(200);
    for (const fact of [report.number, 'Lange Voorhout 34', 'Lamp in het portiek is kapot', QUESTION, PARTY]) expect(shown.html).toContain(fact);
    for (const secret of [REPORTER.name, 'Jansen', REPORTER.email, REPORTER.phone, '06 12', secrets.citizen_token ?? '?', 'Sanne de Vries', '/status/', '/api/photos']) {
      expect(shown.html).not.toContain(secret);
    }
    expect(shown.html).not.toMatch(new RegExp(`\\b${secrets.citizen_code}\\b`));

    // An empty answer is refused and changes nothing.
    const empty = await answer(link, '   ');
    expect(empty.status).toBe(422);
    expect(empty.html).toContain('Vul in wat u heeft gedaan');
    expect((await referrals(report.id))[0]?.state).toBe('open');

    // The answer, form-encoded with a photo: a redirect to the page, which now shows it.
    const sent = await answer(link, 'Lamp vervangen op dinsdag, portiek is weer verlicht.', [jpegPhoto(64, 48)]);
    expect(sent.status).toBe(303);
    expect(sent.location).toBe(`/extern/${token}?ontvangen=1`);
    const after = await page(`${link}?ontvangen=1`);
    expect(after.html).toContain('uw antwoord is ontvangen');
    expect(after.html).toContain('Lamp vervangen op dinsdag');
    expect(after.html).not.toContain('data-testid="external-form"');

    // The desk: an alert, the timeline, the answer with its photo (staff only).
    const alerts = await alertsOf(report.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.message).toBe(`${PARTY} heeft geantwoord op ${report.number}`);
    const [read] = await referrals(report.id);
    expect(read).toMatchObject({ state: 'answered', answer: 'Lamp vervangen op dinsdag, portiek is weer verlicht.' });
    expect(read?.answerPhotoIds).toHaveLength(1);
    const photo = await fetch(`${t.hub.url}/api/photos/${read?.answerPhotoIds[0]}`, { headers: { authorization: `Bearer ${desk}` } });
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    const detail = (await t.api<ReportDetail>('GET', `/api/reports/${report.id}`, desk)).body;
    const lines = detail.timeline.map((e) => e.text?.message);
    expect(lines).toContain(`Doorgezet naar ${PARTY}`);
    expect(lines).toContain(`Antwoord van ${PARTY} ontvangen`);
    expect(lines).toContain(`Alarm: ${PARTY} heeft geantwoord op ${report.number}`);

    // One answer per link: a second is refused and changes nothing.
    const second = await answer(link, 'Nog iets');
    expect(second.status).toBe(409);
    expect(second.html).toContain('al geantwoord');
    expect((await referrals(report.id))[0]?.answer).toBe('Lamp vervangen op dinsdag, portiek is weer verlicht.');
    expect(await alertsOf(report.id)).toHaveLength(1);

    // A link without e-mail (copied from the console) expires after 14 days by the hub clock: 410, nothing changes.
    const copied = await refer(report.id, { party: 'Rijkswaterstaat', question: 'Graag de berm maaien.' });
    expect(copied.status).toBe(201);
    expect((await page(copied.body.link)).status).toBe(200);
    offset = 14 * DAY - 60_000;
    expect((await page(copied.body.link)).status).toBe(200);
    offset = 14 * DAY + 1000;
    const expired = await page(copied.body.link);
    expect(expired.status).toBe(410);
    expect(expired.html).toContain('verlopen');
    expect(expired.html).not.toContain(report.number);
    expect((await answer(copied.body.link, 'Gemaaid')).status).toBe(410);
    // Two weeks on, the desk's session has ended too (sessions expire on the same clock).
    desk = (await t.login('centralist')).token;
    const stale = (await referrals(report.id)).find((r) => r.id === copied.body.referral.id);
    expect(stale).toMatchObject({ state: 'expired', answer: null, answeredAt: null });
    expect(await alertsOf(report.id)).toHaveLength(1);
    offset = 0;

    // Revoked: 410, and the answer is refused; revoking twice is a conflict.
    const revocable = await refer(report.id, { party: 'Aannemer De Vries', question: 'Stoeptegel terugleggen.' });
    const revoked = await t.api<ExternalReferral>('POST', `/api/external/${revocable.body.referral.id}/revoke`, desk);
    expect(revoked.status).toBe(200);
    expect(revoked.body.state).toBe('revoked');
    const gone = await page(revocable.body.link);
    expect(gone.status).toBe(410);
    expect(gone.html).toContain('ingetrokken');
    expect((await answer(revocable.body.link, 'Gedaan')).status).toBe(410);
    expect((await t.api('POST', `/api/external/${revocable.body.referral.id}/revoke`, desk)).status).toBe(409);
    expect((await t.api('POST', '/api/external/bestaat-niet/revoke', desk)).status).toBe(404);
    const lines2 = (await t.api<ReportDetail>('GET', `/api/reports/${report.id}`, desk)).body.timeline.map((e) => e.text?.message);
    expect(lines2).toContain('Link voor Aannemer De Vries ingetrokken');

    // A wrong token: 404, nothing of any report.
    const wrong = await page(`${t.hub.url}/extern/${'x'.repeat(43)}`);
    expect(wrong.status).toBe(404);
    expect(wrong.html).not.toContain(report.number);
    expect((await answer(`${t.hub.url}/extern/${'y'.repeat(43)}`, 'Gedaan')).status).toBe(404);
  });

  it('lets only the desk make, read and revoke links (deny by default), and refuses bad input without writing', async () => {
    const report = await reportWithReporter();
    const body = { party: PARTY, question: QUESTION };
    const chef = (await t.login('chef')).token;
    expect((await refer(report.id, body, chef)).status).toBe(201);
    const made = await refer(report.id, body);
    for (const user of ['politie', 'boa1', 'admin', 'fg']) {
      const as = (await t.login(user)).token;
      expect((await refer(report.id, body, as)).status, user).toBe(403);
      expect((await t.api('GET', `/api/reports/${report.id}/external`, as)).status, user).toBe(403);
      expect((await t.api('POST', `/api/external/${made.body.referral.id}/revoke`, as)).status, user).toBe(403);
    }
    expect((await t.api('GET', `/api/reports/${report.id}/external`)).status).toBe(401);
    expect((await t.api('GET', `/api/reports/${report.id}/external`, chef)).status).toBe(200);

    const bad = await refer(report.id, { party: '', email: 'geen-adres', question: '' });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.fields ?? {})).toEqual(expect.arrayContaining(['party', 'email', 'question']));
    expect((await refer('bestaat-niet', body)).status).toBe(404);
    expect(await referrals(report.id)).toHaveLength(2);
  });
});
