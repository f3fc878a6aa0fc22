import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReportDetail } from '../../server/protocol/detail';
import type { Alert } from '../../server/protocol/dispatch';
import type { Report } from '../../server/protocol/report';
import { decodeQueueRows, type QueuePage } from '../../server/protocol/report-queue';
import type { AskReporterResponse, ReporterQuestionsResponse, SatisfactionAnswer } from '../../server/protocol/reporter-question';
import { createPostgresDatabase, storeKinds } from '../support/databases';
import { sampleReport, startTestHub, type TestHub, until } from '../support/hub';
import { startTestSmtp, type TestSmtp } from '../support/smtp';

/**
 * Asking the reporter (point 5) and satisfaction with standard answers (point 6), over a real hub, a real store and
 * a real SMTP server. The hub clock is a variable the test moves: Monday 7 December 2026, 09:00 UTC (10:00 in
 * Amsterdam), no holidays in the following weeks.
 */
const MONDAY = Date.parse('2026-12-07T09:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function form(fields: Record<string, string>): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString(), redirect: 'manual' };
}

describe.each(storeKinds)('asking the reporter over %s', (store) => {
  let smtp: TestSmtp;
  let t: TestHub;
  let now: number;
  let desk: string;

  beforeEach(async () => {
    now = MONDAY;
    smtp = await startTestSmtp();
    t = await startTestHub({ store, smtp, clock: () => new Date(now) });
    desk = (await t.login('centralist')).token;
  });
  afterEach(async () => {
    await t.stop();
    await smtp.stop();
  });

  async function reportWithReporter(): Promise<{ report: Report; link: string }> {
    const res = await t.api<Report>('POST', '/api/reports', desk, {
      ...sampleReport({ description: 'Fiets met slot aan de boom, al weken' }),
      reporter: { name: 'J. Jansen', email: 'melder@example.nl' },
      consent: { contact: true },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await until(() => smtp.messages.some((m) => m.text.includes(res.body.number)), 8000, 'the receipt');
    const receipt = smtp.messages.find((m) => m.text.includes(res.body.number));
    const link = /http:\/\/\S+\/status\/[A-Za-z0-9_-]+/.exec(receipt?.text ?? '')?.[0];
    if (!link) throw new Error('no status link in the receipt');
    return { report: res.body, link };
  }

  async function queueRow(id: string) {
    const page = (await t.api<QueuePage>('GET', '/api/reports/queue?limit=200', desk)).body;
    return decodeQueueRows(page.fields, page.rows).find((r) => r.id === id);
  }

  const question = 'Aan welke kant van de straat staat de fiets?';

  it('ask → mail with the link → flag in the queue row → answer on the status page → alert, timeline, flag dropped, deadline moved', async () => {
    const { report, link } = await reportWithReporter();
    const deadline = Date.parse(report.slaDeadline ?? '');
    // The hand computation below holds when the deadline falls on Monday-Thursday (the next day is a working day too).
    expect([1, 2, 3, 4]).toContain(new Date(deadline).getUTCDay());

    const asked = await t.api<AskReporterResponse>('POST', `/api/reports/${report.id}/question`, desk, { question });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect(asked.body.report.awaitingReplySince).toBe(new Date(MONDAY).toISOString());
    expect(asked.body.question.channel).toBe('email');
    // Due five working days later: Monday 14 December, same time.
    expect(asked.body.question.dueAt).toBe('2026-12-14T09:00:00.000Z');

    const [, mail] = await smtp.waitForMessages(2);
    expect(mail?.envelope.to).toEqual(['melder@example.nl']);
    expect(mail?.text).toContain(question);
    expect(mail?.text).toContain(link);
    // From a person at the municipality (point 3): the reporter's name and who signs.
    expect(mail?.text).toMatch(/^Beste J\. Jansen,/);
    expect(mail?.text).toContain('Gemeente Den Haag');
    expect(mail?.text).toContain('14 070');
    expect((await queueRow(report.id))?.awaitingReplySince).toBe(new Date(MONDAY).toISOString());

    // Only one open question: asking again is refused and changes nothing.
    const again = await t.api<{ code: string }>('POST', `/api/reports/${report.id}/question`, desk, { question: 'Nog een vraag?' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('conflict');
    expect(smtp.messages).toHaveLength(2);

    // The status page shows the question with a labelled form.
    const page = await (await fetch(link)).text();
    expect(page).toContain(question);
    expect(page).toContain('<label for="antwoord">');

    // Answered a day later (Tuesday 09:00 UTC): 24 working hours waited.
    now = MONDAY + DAY;
    const empty = await fetch(`${link}/vraag`, form({ antwoord: '   ' }));
    expect(empty.status).toBe(422);
    const answered = await fetch(`${link}/vraag`, form({ antwoord: 'Aan de kant van de even huisnummers, bij nummer 12.' }));
    expect(answered.status).toBe(303);
    expect(answered.headers.get('location')).toContain('bedankt=antwoord');

    desk = (await t.login('centralist')).token;
    const detail = (await t.api<ReportDetail>('GET', `/api/reports/${report.id}`, desk)).body;
    expect(detail.report.awaitingReplySince ?? null).toBeNull();
    expect(Date.parse(detail.report.slaDeadline ?? '')).toBe(deadline + DAY);
    const texts = detail.timeline.map((e) => e.text?.code);
    expect(texts).toContain('timeline.question.asked');
    expect(texts).toContain('timeline.question.answered');
    expect(detail.timeline.find((e) => e.text?.code === 'timeline.question.answered')?.note).toBe('Aan de kant van de even huisnummers, bij nummer 12.');
    // The question stands once in the timeline: in the asked step's sentence, not again as its note.
    const told = detail.timeline.flatMap((e) => [e.text?.message ?? '', e.note ?? '']).filter((line) => line.includes(question));
    expect(told).toHaveLength(1);
    expect(detail.timeline.find((e) => e.text?.code === 'timeline.question.asked')?.note ?? null).toBeNull();
    expect((await queueRow(report.id))?.awaitingReplySince ?? null).toBeNull();

    const alerts = (await t.api<{ alerts: Alert[] }>('GET', '/api/alerts', desk)).body.alerts.filter((a) => a.reportId === report.id);
    expect(alerts.map((a) => a.kind)).toContain('reporter_answered');

    // The police coordinator reads the report, not the reporter's words.
    const police = (await t.login('politie')).token;
    const masked = (await t.api<ReporterQuestionsResponse>('GET', `/api/reports/${report.id}/questions`, police)).body.questions;
    expect(masked[0]?.answer).toBe('[reactie van melder]');
    const policeDetail = (await t.api<ReportDetail>('GET', `/api/reports/${report.id}`, police)).body;
    expect(JSON.stringify(policeDetail.timeline)).not.toContain('even huisnummers');
    // Nor may it ask.
    expect((await t.api('POST', `/api/reports/${report.id}/question`, police, { question })).status).toBe(403);

    // A second answer is refused (no open question), nothing changes.
    const late = await fetch(`${link}/vraag`, form({ antwoord: 'Nog iets' }));
    expect(late.status).toBe(409);
    const after = await (await fetch(link)).text();
    expect(after).toContain('U beantwoordde onze vraag');
    expect(after).not.toContain('data-testid="question-form"');
  });

  it('unanswered after 5 working days (hub clock): the flag drops and the desk is told, once', async () => {
    const { report } = await reportWithReporter();
    const asked = await t.api<AskReporterResponse>('POST', `/api/reports/${report.id}/question`, desk, { question, channel: 'email' });
    expect(asked.status).toBe(201);

    now = Date.parse('2026-12-14T08:59:00.000Z');
    expect(await t.hub.questions.sweep()).toBe(0);
    now = Date.parse('2026-12-14T09:00:00.000Z');
    expect(await t.hub.questions.sweep()).toBe(1);
    expect(await t.hub.questions.sweep()).toBe(0);

    desk = (await t.login('centralist')).token;
    const detail = (await t.api<ReportDetail>('GET', `/api/reports/${report.id}`, desk)).body;
    expect(detail.report.awaitingReplySince ?? null).toBeNull();
    // Waited five whole working days: the deadline moved by 5 × 24 working hours (a week, here).
    expect(Date.parse(detail.report.slaDeadline ?? '')).toBe(Date.parse(report.slaDeadline ?? '') + 7 * DAY);
    const alerts = (await t.api<{ alerts: Alert[] }>('GET', '/api/alerts', desk)).body.alerts.filter((a) => a.reportId === report.id);
    expect(alerts.filter((a) => a.kind === 'question_unanswered')).toHaveLength(1);
    expect(detail.timeline.map((e) => e.text?.code)).toContain('timeline.question.expired');

    // Now a new question may be asked.
    expect((await t.api('POST', `/api/reports/${report.id}/question`, desk, { question: 'Staat de fiets er nog?' })).status).toBe(201);
  });

  it('refuses a report without a reporter, a too short question and an unknown report with coded errors', async () => {
    const res = await t.api<Report>('POST', '/api/reports', desk, sampleReport());
    expect(res.status).toBe(201);
    const none = await t.api<{ code: string }>('POST', `/api/reports/${res.body.id}/question`, desk, { question });
    expect(none.status).toBe(422);
    const short = await t.api<{ code: string; fields: Record<string, string> }>('POST', `/api/reports/${res.body.id}/question`, desk, { question: 'Wat' });
    expect(short.status).toBe(422);
    expect(Object.keys(short.body.fields)).toContain('question');
    expect((await t.api('POST', '/api/reports/onbekend/question', desk, { question })).status).toBe(404);
    const detail = (await t.api<ReportDetail>('GET', `/api/reports/${res.body.id}`, desk)).body;
    expect(detail.report.awaitingReplySince ?? null).toBeNull();
  });

  it('satisfaction: a reason is recorded, "niet opgelost" reopens, others do not; figures for the shift lead only', async () => {
    const close = {
      to: 'closed',
      resolution: {
        kind: 'close',
        outcome: 'not_found',
        found: { code: 'niet_aangetroffen', text: 'Geen tak aangetroffen op het adres' },
        action: { code: 'ter_plaatse_opgelost', text: 'Ter plaatse gecontroleerd door BOA' },
      },
    };
    const a = await reportWithReporter();
    const closeA = await t.api('POST', `/api/reports/${a.report.id}/transition`, desk, close);
    expect(closeA.status, JSON.stringify(closeA.body)).toBe(200);
    const b = await reportWithReporter();
    expect((await t.api('POST', `/api/reports/${b.report.id}/transition`, desk, close)).status).toBe(200);
    const c = await reportWithReporter();
    expect((await t.api('POST', `/api/reports/${c.report.id}/transition`, desk, close)).status).toBe(200);

    // Ja/Nee first; then only that answer's reasons, in a group of its own.
    const page = await (await fetch(a.link)).text();
    expect(page).toContain('Is uw melding naar tevredenheid opgelost?');
    expect(page).not.toContain('Het duurde te lang');
    const afterNee = await (await fetch(`${a.link}?tevreden=nee`)).text();
    expect(afterNee).toContain('name="reden_nee" value="te_lang"');
    expect(afterNee).not.toContain('Snel opgepakt');
    expect(await (await fetch(`${a.link}?tevreden=ja`)).text()).toContain('name="reden_ja" value="snel"');

    // A reason that does not fit the answer is refused and changes nothing.
    const mismatch = await fetch(`${a.link}/antwoord`, form({ tevreden: 'ja', reden: 'te_lang' }));
    expect(mismatch.status).toBe(422);
    const refusedPage = await mismatch.text();
    expect(refusedPage).toContain('past niet bij uw antwoord');
    // The refusal shows the form of the answer given, its reasons to choose again.
    expect(refusedPage).toContain('name="reden_ja" value="snel"');
    expect((await fetch(`${a.link}/antwoord`, form({ tevreden: 'nee', reden: 'bestaat_niet' }))).status).toBe(422);

    // "Het duurde te lang": recorded, the report stays closed.
    const slow = await fetch(`${a.link}/antwoord`, form({ tevreden: 'nee', reden: 'te_lang', toelichting: 'Drie weken gewacht' }));
    expect(slow.status).toBe(303);
    expect(slow.headers.get('location')).toContain('bedankt=nee');
    expect((await t.api<ReportDetail>('GET', `/api/reports/${a.report.id}`, desk)).body.report.status).toBe('closed');

    // "Het probleem is niet opgelost": back to the shift lead, and the page says what happens and by when.
    // (the page's own field for a "nee" reason; `reden` above is what other clients send)
    const notSolved = await fetch(`${b.link}/antwoord`, form({ tevreden: 'nee', reden_nee: 'niet_opgelost' }));
    expect(notSolved.status).toBe(303);
    expect((await t.api<ReportDetail>('GET', `/api/reports/${b.report.id}`, desk)).body.report.status).toBe('reopen_requested');
    const next = await (await fetch(b.link)).text();
    // Monday 7 December + 2 working days = Wednesday 9 December.
    expect(next).toContain('Een medewerker bekijkt uw reactie. U hoort uiterlijk woensdag 9 december 2026');

    const happy = await fetch(`${c.link}/antwoord`, form({ tevreden: 'ja', reden_ja: 'snel' }));
    expect(happy.status).toBe(303);

    const chef = (await t.login('chef')).token;
    const q = `from=${encodeURIComponent('2026-12-01T00:00:00.000Z')}&to=${encodeURIComponent('2026-12-31T00:00:00.000Z')}`;
    const figures = await t.api<SatisfactionAnswer>('GET', `/api/satisfaction?${q}`, chef);
    expect(figures.status, JSON.stringify(figures.body)).toBe(200);
    expect(figures.body).toMatchObject({ asked: 3, answered: 3, satisfied: 1, unsatisfied: 2 });
    const count = (code: string) => figures.body.reasons.find((r) => r.code === code)?.count;
    expect(count('te_lang')).toBe(1);
    expect(count('niet_opgelost')).toBe(1);
    expect(count('snel')).toBe(1);
    // Closures from the event log: b is reopen_requested now but its closing was asked all the same (3 closures).
    expect(figures.body.responseRate).toBe(1);

    // The same figures from a window written with an offset (the times are compared as ISO text in the store).
    const early = `from=${encodeURIComponent('2026-12-07T12:00:00+05:00')}&to=${encodeURIComponent('2026-12-31T05:00:00+05:00')}`;
    const offset = await t.api<SatisfactionAnswer>('GET', `/api/satisfaction?${early}`, chef);
    expect(offset.status, JSON.stringify(offset.body)).toBe(200);
    expect({ ...offset.body, from: '', to: '' }).toEqual({ ...figures.body, from: '', to: '' });
    expect((await t.api('GET', `/api/satisfaction?${q}`, (await t.login('admin')).token)).status).toBe(200);
    expect((await t.api('GET', `/api/satisfaction?${q}`, desk)).status).toBe(403);
    expect((await t.api('GET', `/api/satisfaction?${q}`, (await t.login('politie')).token)).status).toBe(403);
    expect((await t.api('GET', '/api/satisfaction?from=2026-12-31T00:00:00.000Z&to=2026-12-01T00:00:00.000Z', chef)).status).toBe(422);
  });
});

describe.skipIf(!storeKinds.includes('postgres'))('unanswered question on two hub nodes (PostgreSQL)', () => {
  it('both nodes sweep at once: the flag drops once, one alert', { timeout: 120_000 }, async () => {
    const database = await createPostgresDatabase();
    let now = MONDAY;
    const clock = () => new Date(now);
    const a = await startTestHub({ store: 'postgres', database, clock });
    const b = await startTestHub({ store: 'postgres', database, clock });
    try {
      const desk = (await a.login('centralist')).token;
      const created = await a.api<Report>('POST', '/api/reports', desk, {
        ...sampleReport(),
        reporter: { name: 'J. Jansen', phone: '0612345678' },
        consent: { contact: true },
      });
      expect(created.status).toBe(201);
      const asked = await b.api<AskReporterResponse>('POST', `/api/reports/${created.body.id}/question`, desk, { question: 'Staat de fiets er nog?' });
      expect(asked.status, JSON.stringify(asked.body)).toBe(201);
      expect(asked.body.question.channel).toBe('sms');

      now = MONDAY + 7 * DAY;
      const ended = await Promise.all([a.hub.questions.sweep(), b.hub.questions.sweep(), a.hub.questions.sweep(), b.hub.questions.sweep()]);
      expect(ended.reduce((x, y) => x + y, 0)).toBe(1);
      const token = (await b.login('centralist')).token;
      await until(async () => (await b.api<{ alerts: Alert[] }>('GET', '/api/alerts', token)).body.alerts.some((x) => x.kind === 'question_unanswered'));
      const alerts = (await b.api<{ alerts: Alert[] }>('GET', '/api/alerts', token)).body.alerts.filter(
        (x) => x.kind === 'question_unanswered' && x.reportId === created.body.id,
      );
      expect(alerts).toHaveLength(1);
      const detail = (await a.api<ReportDetail>('GET', `/api/reports/${created.body.id}`, token)).body;
      expect(detail.report.awaitingReplySince ?? null).toBeNull();
    } finally {
      await b.stop();
      await a.stop();
      await database.drop();
    }
  });
});
