import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReportDetail } from '../../server/protocol/detail';
import type { CreatedReferral } from '../../server/protocol/external';
import type { PhotoInfo } from '../../server/protocol/photos';
import type { Report } from '../../server/protocol/report';
import type { ReporterQuestionsResponse, SatisfactionAnswer } from '../../server/protocol/reporter-question';
import { storeKinds } from '../support/databases';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';
import { jpegPhoto } from '../support/photos';

/**
 * Issue 15 review, over a real hub and store (both stores): satisfaction figures count closures from the event log
 * and the reopen decision shows the reason; a reporter's answer photo is refused to roles that read the answer
 * masked; erasure leaves no dangling answer photo ids; closing ends an open question; the shared status page does
 * not show one reporter's "nee" comment.
 */
const MONDAY = Date.parse('2026-12-07T09:00:00.000Z');
const CLOSE = {
  to: 'closed',
  resolution: {
    kind: 'close',
    outcome: 'not_found',
    found: { code: 'niet_aangetroffen', text: 'Geen fiets aangetroffen op het adres' },
    action: { code: 'ter_plaatse_opgelost', text: 'Ter plaatse gecontroleerd door BOA' },
  },
  confirmLowReadability: true,
};
const DECEMBER = `from=${encodeURIComponent('2026-12-01T00:00:00.000Z')}&to=${encodeURIComponent('2027-01-01T00:00:00.000Z')}`;

function form(fields: Record<string, string>): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString(), redirect: 'manual' };
}

describe.each(storeKinds)('closing the loop, review fixes over %s', (store) => {
  let t: TestHub;
  let now: number;
  let desk: string;

  beforeEach(async () => {
    now = MONDAY;
    t = await startTestHub({ store, clock: () => new Date(now) });
    desk = (await t.login('centralist')).token;
  });
  afterEach(async () => {
    await t.stop();
  });

  async function citizenReport(reporter = true): Promise<{ report: Report; link: string }> {
    const res = await t.api<Report>('POST', '/api/reports', desk, {
      ...sampleReport({ description: 'Fiets met slot aan de boom, al weken' }),
      ...(reporter ? { reporter: { name: 'J. Jansen', email: 'melder@example.nl' }, consent: { contact: true } } : {}),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const row = await t.hub.store.db.selectFrom('reports').select('citizen_token').where('id', '=', res.body.id).executeTakeFirstOrThrow();
    return { report: res.body, link: `${t.hub.url}/status/${row.citizen_token}` };
  }
  const close = async (id: string) => {
    now += 60_000;
    const res = await t.api('POST', `/api/reports/${id}/transition`, desk, CLOSE);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };
  const figures = async (q = DECEMBER) => {
    const res = await t.api<SatisfactionAnswer>('GET', `/api/satisfaction?${q}`, (await t.login('chef')).token);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  async function answerWithPhoto(link: string): Promise<Response> {
    const body = new FormData();
    body.set('antwoord', 'Aan de even kant, bij nummer 12');
    body.append('foto', new Blob([new Uint8Array(jpegPhoto(32, 24))], { type: 'image/jpeg' }), 'fiets.jpg');
    return fetch(`${link}/vraag`, { method: 'POST', body, redirect: 'manual' });
  }

  it('satisfaction: closures come from the event log (a reopened report stays asked, a second closing counts again); the reopen decision shows the reason', async () => {
    const a = await citizenReport();
    const b = await citizenReport();
    const c = await citizenReport(false);
    await close(a.report.id);
    await close(b.report.id);
    await close(c.report.id);
    now += 60_000;
    expect((await fetch(`${a.link}/antwoord`, form({ tevreden: 'nee', reden: 'niet_opgelost', toelichting: 'Fiets staat er nog' }))).status).toBe(303);

    // a is reopen_requested now, yet it was asked: 1 answer on 2 closures with a reporter (c has none).
    expect(await figures()).toMatchObject({ asked: 2, answered: 1, responseRate: 0.5 });

    // The shift lead's decision panel reads the chosen reason next to the comment.
    const chef = (await t.login('chef')).token;
    const detail = (await t.api<ReportDetail>('GET', `/api/reports/${a.report.id}`, chef)).body;
    const request = detail.timeline.findLast((e) => e.to === 'reopen_requested');
    expect(request?.note).toBe('Fiets staat er nog');
    expect(request?.reason).toEqual({ code: 'niet_opgelost', nl: 'Het probleem is niet opgelost', en: 'The problem was not solved' });
    // A standard reason is no personal data: a role without contacts.read reads it too (the comment masked).
    const politie = (await t.login('politie')).token;
    const masked = (await t.api<ReportDetail>('GET', `/api/reports/${a.report.id}`, politie)).body.timeline.findLast((e) => e.to === 'reopen_requested');
    expect(masked?.note).not.toBe('Fiets staat er nog');
    expect(masked?.reason?.code).toBe('niet_opgelost');

    // Reopened and closed again: a second closure, asked again and answered again.
    now += 60_000;
    const reopened = await t.api('POST', `/api/reports/${a.report.id}/transition`, chef, { to: 'triaged', reply: 'We kijken er opnieuw naar, excuses.' });
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(200);
    await close(a.report.id);
    now += 60_000;
    expect((await fetch(`${a.link}/antwoord`, form({ tevreden: 'ja', reden: 'snel' }))).status).toBe(303);
    const after = await figures();
    expect(after).toMatchObject({ asked: 3, answered: 2, satisfied: 1, unsatisfied: 1 });
    expect(after.responseRate).toBeCloseTo(2 / 3, 5);
    // Another period: none of these closures.
    expect(await figures(`from=${encodeURIComponent('2026-11-01T00:00:00.000Z')}&to=${encodeURIComponent('2026-12-01T00:00:00.000Z')}`)).toMatchObject({
      asked: 0,
      answered: 0,
      responseRate: 0,
    });
  });

  it('satisfaction: a referred closing is not asked (no question on the page), so it is not in `asked`', async () => {
    const a = await citizenReport();
    const b = await citizenReport();
    await close(a.report.id);
    now += 60_000;
    const referral = {
      ...CLOSE,
      resolution: { ...CLOSE.resolution, outcome: 'referred', referredTo: 'Stadsbeheer', action: { code: 'doorverwezen', text: 'Doorgezet naar Stadsbeheer' } },
    };
    const referred = await t.api('POST', `/api/reports/${b.report.id}/transition`, desk, referral);
    expect(referred.status, JSON.stringify(referred.body)).toBe(200);
    expect(await figures()).toMatchObject({ asked: 1, answered: 0 });
  });

  it("a reporter's answer photo: the desk opens it, a role that reads the answer masked gets 403 and no id", async () => {
    const { report, link } = await citizenReport();
    expect((await t.api('POST', `/api/reports/${report.id}/question`, desk, { question: 'Aan welke kant staat de fiets?' })).status).toBe(201);
    expect((await answerWithPhoto(link)).status).toBe(303);
    const row = await t.hub.store.db.selectFrom('reporter_questions').select('answer_photo_id').where('report_id', '=', report.id).executeTakeFirstOrThrow();
    const photoId = row.answer_photo_id;
    expect(photoId).toBeTruthy();

    const photo = (token: string) => fetch(`${t.hub.url}/api/photos/${photoId}`, { headers: { authorization: `Bearer ${token}` } });
    const deskPhoto = await photo(desk);
    expect(deskPhoto.status).toBe(200);
    expect(deskPhoto.headers.get('content-type')).toBe('image/jpeg');
    const politie = (await t.login('politie')).token;
    expect((await photo(politie)).status).toBe(403);
    const list = await t.api<{ photos: PhotoInfo[] }>('GET', `/api/reports/${report.id}/photos`, politie);
    expect(list.status).toBe(200);
    expect(list.body.photos.map((p) => p.id)).not.toContain(photoId);
    const deskList = await t.api<{ photos: PhotoInfo[] }>('GET', `/api/reports/${report.id}/photos`, desk);
    expect(deskList.body.photos.map((p) => p.id)).toContain(photoId);
    const questions = await t.api<ReporterQuestionsResponse>('GET', `/api/reports/${report.id}/questions`, politie);
    expect(questions.body.questions[0]?.answerPhotoId ?? null).toBeNull();
  });

  it('erasure takes the answer photos and every id that pointed at them (question, external referral, event log)', async () => {
    const { report, link } = await citizenReport();
    expect((await t.api('POST', `/api/reports/${report.id}/question`, desk, { question: 'Aan welke kant staat de fiets?' })).status).toBe(201);
    expect((await answerWithPhoto(link)).status).toBe(303);
    const referral = await t.api<CreatedReferral>('POST', `/api/reports/${report.id}/external`, desk, { party: 'Aannemer', question: 'Wilt u de fiets weghalen?' });
    expect(referral.status, JSON.stringify(referral.body)).toBe(201);
    const body = new FormData();
    body.set('antwoord', 'Fiets weggehaald');
    body.append('foto', new Blob([new Uint8Array(jpegPhoto(32, 24))], { type: 'image/jpeg' }), 'weg.jpg');
    expect((await fetch(referral.body.link, { method: 'POST', body, redirect: 'manual' })).status).toBeLessThan(400);
    const referralRow = await t.hub.store.db.selectFrom('external_referrals').select('answer_photo_ids').where('report_id', '=', report.id).executeTakeFirstOrThrow();
    expect(JSON.parse(referralRow.answer_photo_ids)).toHaveLength(1);

    const fg = (await t.login('fg')).token;
    const erased = await t.api('POST', '/api/privacy/erase', fg, { email: 'melder@example.nl', reason: 'Verzoek van de melder om verwijdering' });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);

    const db = t.hub.store.db;
    expect(await db.selectFrom('photos').select('id').where('report_id', '=', report.id).execute()).toEqual([]);
    const question = await db.selectFrom('reporter_questions').select(['answer', 'answer_photo_id']).where('report_id', '=', report.id).executeTakeFirstOrThrow();
    expect(question).toEqual({ answer: null, answer_photo_id: null });
    const after = await db.selectFrom('external_referrals').select('answer_photo_ids').where('report_id', '=', report.id).executeTakeFirstOrThrow();
    expect(after.answer_photo_ids).toBe('[]');
    const events = await db.selectFrom('events').select('payload').where('report_id', '=', report.id).where('type', '=', 'report.question').execute();
    for (const e of events) expect((JSON.parse(e.payload) as { question: { answerPhotoId: string | null } }).question.answerPhotoId).toBeNull();
  });

  it('closing ends the open question in the same step: the flag drops, and no answer form, not even after a reopening', async () => {
    const { report, link } = await citizenReport();
    expect((await t.api('POST', `/api/reports/${report.id}/question`, desk, { question: 'Aan welke kant staat de fiets?' })).status).toBe(201);
    expect(await (await fetch(link)).text()).toContain('data-testid="question-form"');
    await close(report.id);
    const detail = (await t.api<ReportDetail>('GET', `/api/reports/${report.id}`, desk)).body;
    expect(detail.report.awaitingReplySince ?? null).toBeNull();
    const row = await t.hub.store.db.selectFrom('reporter_questions').select(['ended_at', 'end_reason']).where('report_id', '=', report.id).executeTakeFirstOrThrow();
    expect(row.end_reason).toBe('closed');
    const closedAt = await t.hub.store.db.selectFrom('reports').select('closed_at').where('id', '=', report.id).executeTakeFirstOrThrow();
    expect(row.ended_at).toBe(closedAt.closed_at);

    // "Nee" and the shift lead reopens: the old question does not come back on the page.
    now += 60_000;
    expect((await fetch(`${link}/antwoord`, form({ tevreden: 'nee', reden: 'niet_opgelost' }))).status).toBe(303);
    now += 60_000;
    const chef = (await t.login('chef')).token;
    expect((await t.api('POST', `/api/reports/${report.id}/transition`, chef, { to: 'triaged', reply: 'We kijken er opnieuw naar, excuses.' })).status).toBe(200);
    const page = await (await fetch(link)).text();
    expect(page).not.toContain('data-testid="question-form"');
    const questions = (await t.api<ReporterQuestionsResponse>('GET', `/api/reports/${report.id}/questions`, desk)).body.questions;
    expect(questions[0]?.state).toBe('expired');
  });

  it('the status page every reporter of the report shares does not show one reporter\'s "nee" comment', async () => {
    const { report, link } = await citizenReport();
    const linked = await t.api('POST', `/api/reports/${report.id}/reporters`, desk, { name: 'Tweede beller', email: 'tweede@example.nl', consent: true });
    expect(linked.status, JSON.stringify(linked.body)).toBe(201);
    await close(report.id);
    now += 60_000;
    const comment = 'Mijn buurman op nummer 14 zet hem er steeds neer';
    expect((await fetch(`${link}/antwoord`, form({ tevreden: 'nee', reden: 'niet_opgelost', toelichting: comment }))).status).toBe(303);
    const page = await (await fetch(link)).text();
    expect(page).not.toContain('buurman');
    expect(page).toContain('Er is gemeld dat het probleem niet is opgelost');
    // The desk still reads it.
    const detail = (await t.api<ReportDetail>('GET', `/api/reports/${report.id}`, desk)).body;
    expect(detail.timeline.findLast((e) => e.to === 'reopen_requested')?.note).toBe(comment);
  });
});
