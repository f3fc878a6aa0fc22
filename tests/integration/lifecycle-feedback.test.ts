import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReportDetail } from '../../server/protocol/detail';
import type { Report } from '../../server/protocol/report';
import { storeKinds } from '../support/databases';
import { dispatchThroughOffer } from '../support/dispatch-offer';
import { sampleReport, startTestHub, type TestHub, until } from '../support/hub';
import { startTestSmtp, type TestSmtp } from '../support/smtp';

const FOUND = 'Tak hangt op 1,80 m boven de stoep, niet gevaarlijk';
const ACTION = 'Locatie bekeken en gemarkeerd voor de groenploeg';
const WHAT = 'De tak wordt gesnoeid in de onderhoudsronde';

function plusDays(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

describe.each(storeKinds)('lifecycle and citizen feedback over %s', (store) => {
  let smtp: TestSmtp;
  let t: TestHub;
  let token: string;
  let chefToken: string;

  beforeEach(async () => {
    smtp = await startTestSmtp();
    t = await startTestHub({ store, smtp });
    token = (await t.login('centralist')).token;
    chefToken = (await t.login('chef')).token;
  });
  afterEach(async () => {
    await t.stop();
    await smtp.stop();
  });

  async function createWithReporter(): Promise<Report> {
    const res = await t.api<Report>('POST', '/api/reports', token, {
      ...sampleReport({ description: 'Boomtak hangt laag over de stoep' }),
      reporter: { name: 'J. Jansen', email: 'melder@example.nl' },
      consent: { contact: true },
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  async function move(id: string, body: object, as = token) {
    return t.api<Report & { code?: string; fields?: Record<string, string>; message?: string }>('POST', `/api/reports/${id}/transition`, as, body);
  }

  /** To the queue, to a unit (only an accepted offer dispatches), on scene. */
  async function dispatchFromQueue(id: string) {
    expect((await move(id, { to: 'triaged' })).status).toBe(200);
    expect((await dispatchThroughOffer(t, token, id)).status).toBe('dispatched');
    expect((await move(id, { to: 'in_progress' })).status).toBe(200);
  }

  async function statusLink(id: string): Promise<string> {
    const detail = await t.api<ReportDetail>('GET', `/api/reports/${id}`, token);
    const mail = smtp.messages.find((m) => m.text.includes(detail.body.report.number));
    const link = /http:\/\/\S+\/status\/[A-Za-z0-9_-]+/.exec(mail?.text ?? '')?.[0];
    if (!link) throw new Error('no status link in the receipt');
    return link;
  }

  it('the branch case: receipt, scheduled with a date, closed, and "not solved" back to the shift lead', async () => {
    const report = await createWithReporter();
    const [receipt] = await smtp.waitForMessages(1);
    expect(receipt?.text).toContain(report.number);
    expect(receipt?.text).toMatch(/werkdag/);
    const link = await statusLink(report.id);

    await dispatchFromQueue(report.id);
    const date = plusDays(30);
    const schedule = {
      kind: 'schedule',
      found: { code: 'tak_laag', text: FOUND },
      action: { code: 'onderhoudsronde', text: ACTION },
      followUp: { date, what: WHAT, who: 'Groenploeg Centrum' },
    };
    const proposal = await move(report.id, { to: 'awaiting_review', resolution: schedule });
    expect(proposal.status, JSON.stringify(proposal.body)).toBe(200);

    const preview = await t.api<{ preview: { text: string; recipients: number } }>('POST', `/api/reports/${report.id}/preview`, token, {
      to: 'scheduled',
      resolution: schedule,
    });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.preview.recipients).toBe(1);
    expect(preview.body.preview.text).toContain(FOUND);

    const scheduled = await move(report.id, { to: 'scheduled', resolution: schedule, message: { text: `${preview.body.preview.text}\n\nMet vriendelijke groet, de meldkamer` } });
    expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(200);
    expect(scheduled.body.followUpDate).toBe(date);
    const [, scheduledMail] = await smtp.waitForMessages(2);
    expect(scheduledMail?.text).toContain(FOUND);
    expect(scheduledMail?.text).toContain(WHAT);
    const longDate = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
    expect(scheduledMail?.text).toContain(longDate);
    expect(scheduledMail?.text).toContain('Met vriendelijke groet, de meldkamer');

    const page = await (await fetch(link)).text();
    expect(page).toContain('Ingepland voor');
    expect(page).toContain(longDate);
    expect(page).not.toMatch(/afgehandeld/i);
    expect(page).not.toContain('Sanne de Vries');

    const close = {
      kind: 'close',
      outcome: 'resolved',
      found: { code: 'tak_laag', text: 'Tak hing nog steeds laag boven de stoep' },
      action: { code: 'tak_verwijderd', text: 'Tak gesnoeid door de groenploeg' },
    };
    const closed = await move(report.id, { to: 'closed', resolution: close });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const [, , closedMail] = await smtp.waitForMessages(3);
    expect(closedMail?.text).toContain('Tak gesnoeid door de groenploeg');

    const closedPage = await (await fetch(link)).text();
    expect(closedPage).toContain('Is uw melding naar tevredenheid opgelost?');
    const answer = await fetch(`${link}/antwoord`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'tevreden=nee&toelichting=De+tak+hangt+er+nog',
      redirect: 'manual',
    });
    expect(answer.status).toBe(303);
    const detail = await t.api<ReportDetail>('GET', `/api/reports/${report.id}`, chefToken);
    expect(detail.body.report.status).toBe('reopen_requested');
    // The step to reopen_requested carries the citizen's words (a reopen-request alert for the desk follows it).
    const reopened = detail.body.timeline.findLast((entry) => entry.to === 'reopen_requested');
    expect(reopened?.note).toBe('De tak hangt er nog');

    // Only the shift lead decides; the decision goes to the citizen with its explanation.
    expect((await move(report.id, { to: 'closed', reply: 'Wij hebben het gecontroleerd.' })).status).toBe(403);
    const decided = await move(report.id, { to: 'triaged', reply: 'We kijken er opnieuw naar, excuses.' }, chefToken);
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const [, , , reopenMail] = await smtp.waitForMessages(4);
    expect(reopenMail?.text).toContain('We kijken er opnieuw naar, excuses.');
    expect(new Set(smtp.messages.map((m) => m.messageId)).size).toBe(4);
  });

  it('a referred report: the status page asks no satisfaction, an answer is refused and not recorded', async () => {
    const report = await createWithReporter();
    await smtp.waitForMessages(1);
    const link = await statusLink(report.id);
    await dispatchFromQueue(report.id);
    const close = {
      kind: 'close',
      outcome: 'referred',
      referredTo: 'Stadsbeheer',
      found: { code: 'tak_laag', text: FOUND },
      action: { code: 'doorverwezen', text: 'Doorgezet naar Stadsbeheer, die gaat over bomen in het park' },
    };
    const closed = await move(report.id, { to: 'closed', resolution: close });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const page = await (await fetch(link)).text();
    expect(page).toContain('Doorgestuurd naar Stadsbeheer');
    expect(page).not.toContain('Is uw melding naar tevredenheid opgelost?');
    const answer = await fetch(`${link}/antwoord`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'tevreden=nee&toelichting=Niemand+kwam',
      redirect: 'manual',
    });
    expect(answer.status).toBe(409);
    const detail = await t.api<ReportDetail>('GET', `/api/reports/${report.id}`, chefToken);
    expect(detail.body.report).toMatchObject({ status: 'closed', version: closed.body.version });
    expect(detail.body.timeline.some((entry) => entry.type === 'report.citizen_response')).toBe(false);
  });

  it('refuses an incomplete resolution or a generic message with field errors and changes nothing', async () => {
    const report = await createWithReporter();
    await smtp.waitForMessages(1);
    await dispatchFromQueue(report.id);
    const proposal = { kind: 'schedule', found: { code: 'tak_laag', text: FOUND }, action: { code: 'onderhoudsronde', text: ACTION }, followUp: { date: plusDays(20), what: WHAT, who: 'Groenploeg' } };
    expect((await move(report.id, { to: 'awaiting_review', resolution: proposal })).status).toBe(200);
    const before = (await t.api<ReportDetail>('GET', `/api/reports/${report.id}`, token)).body;
    expect(before.resolution?.state).toBe('proposed');

    const noFound = await move(report.id, { to: 'closed', resolution: { kind: 'close', outcome: 'no_action', action: { code: 'geen_actie', text: 'x' } } });
    expect(noFound.status).toBe(422);
    expect(Object.keys(noFound.body.fields ?? {})).toEqual(expect.arrayContaining(['resolution.found.code', 'resolution.found.text', 'resolution.action.text']));

    const scheduleWithoutDate = await move(report.id, { to: 'scheduled', resolution: { kind: 'schedule', found: { code: 'tak_laag', text: FOUND }, action: { code: 'onderhoudsronde', text: ACTION } } });
    expect(scheduleWithoutDate.status).toBe(422);
    expect(scheduleWithoutDate.body.fields?.['resolution.followUp.date']).toMatch(/Vervolgdatum/);

    const generic = await move(report.id, {
      to: 'closed',
      resolution: { kind: 'close', outcome: 'no_action', found: { code: 'zoals_gemeld', text: 'Tak aangetroffen, hangt hoog genoeg' }, action: { code: 'geen_actie', text: 'Geen actie nodig, situatie is veilig' } },
      message: { text: 'Uw melding {meldingnummer} is afgehandeld. {statuslink}' },
    });
    expect(generic.status, JSON.stringify(generic.body)).toBe(422);
    expect(generic.body.fields?.['message.text']).toBeDefined();
    const stale = await move(report.id, { to: 'in_progress', expectedVersion: before.report.version - 1 });
    expect(stale.status).toBe(409);

    const after = (await t.api<ReportDetail>('GET', `/api/reports/${report.id}`, token)).body;
    expect(after.report).toEqual(before.report);
    expect(after.messages).toHaveLength(before.messages.length);
  });

  it('queues the closing message while SMTP is down and delivers it once when it is back', async () => {
    const report = await createWithReporter();
    await smtp.waitForMessages(1);
    await smtp.down();
    const closed = await move(report.id, {
      to: 'closed',
      resolution: { kind: 'close', outcome: 'not_found', found: { code: 'niet_aangetroffen', text: 'Geen tak aangetroffen op het adres' }, action: { code: 'ter_plaatse_opgelost', text: 'Ter plaatse gecontroleerd door BOA' } },
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    await until(async () => (await t.api<ReportDetail>('GET', `/api/reports/${report.id}`, token)).body.messages.some((m) => m.attempts > 0 && m.status === 'queued'), 5000, 'a failed attempt');
    await smtp.up();
    const mails = await smtp.waitForMessages(2, 8000);
    await new Promise((r) => setTimeout(r, 600));
    expect(smtp.messages).toHaveLength(2);
    expect(mails[1]?.text).toContain('Geen tak aangetroffen op het adres');
    const detail = (await t.api<ReportDetail>('GET', `/api/reports/${report.id}`, token)).body;
    expect(detail.report.delivery).toBe('sent');
  });
});
