import { afterEach, describe, expect, it } from 'vitest';
import type { ReportDetail } from '../../server/protocol/detail';
import type { Alert } from '../../server/protocol/dispatch';
import type { HubEvent } from '../../server/protocol/events';
import type { Report } from '../../server/protocol/report';
import { followUpActionsOf } from '../../server/store/follow-ups';
import { createPostgresDatabase, storeKinds } from '../support/databases';
import { dispatchThroughOffer } from '../support/dispatch-offer';
import { sampleReport, startTestHub, type TestHub, until, waitFor } from '../support/hub';
import { startTestSmtp, type TestSmtp } from '../support/smtp';

/**
 * The follow-up date acts (issue 15 point 7), on the hub clock: a real hub, store, SMTP server and console socket.
 * Monday 21 December 2026 the reports are scheduled for Saturday 26 December (Tweede Kerstdag): the date acts on
 * the next working day, Monday 28 December, at 07:00 Amsterdam time (06:00 UTC).
 */

const SCHEDULED_AT = new Date('2026-12-21T09:00:00Z');
const DATE = '2026-12-26';
const JUST_BEFORE = new Date('2026-12-28T05:59:59Z');
const DUE = new Date('2026-12-28T06:00:00Z');
const WHAT = 'De tak wordt gesnoeid in de onderhoudsronde';

type Answer = Report & { code?: string; fields?: Record<string, string> };

async function deskTokens(t: TestHub): Promise<{ token: string; chefToken: string }> {
  return { token: (await t.login('centralist')).token, chefToken: (await t.login('chef')).token };
}

/** A report with a reporter (e-mail), through a unit's proposal to scheduled for DATE with `who` doing the follow-up. */
async function scheduledReport(t: TestHub, token: string, who: string, email: string, date = DATE): Promise<Report> {
  const created = await t.api<Report>('POST', '/api/reports', token, {
    ...sampleReport({ description: `Boomtak hangt laag over de stoep (${who})` }),
    reporter: { name: 'J. Jansen', email },
    consent: { contact: true },
  });
  expect(created.status).toBe(201);
  const id = created.body.id;
  const move = (body: object) => t.api<Answer>('POST', `/api/reports/${id}/transition`, token, body);
  expect((await move({ to: 'triaged' })).status).toBe(200);
  expect((await dispatchThroughOffer(t, token, id)).status).toBe('dispatched');
  expect((await move({ to: 'in_progress' })).status).toBe(200);
  const schedule = {
    kind: 'schedule',
    found: { code: 'tak_laag', text: 'Tak hangt op 1,80 m boven de stoep' },
    action: { code: 'onderhoudsronde', text: 'Gemarkeerd voor de snoeiploeg' },
    followUp: { date, what: WHAT, who },
  };
  expect((await move({ to: 'awaiting_review', resolution: schedule })).status).toBe(200);
  const scheduled = await move({ to: 'scheduled', resolution: schedule });
  expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(200);
  expect(scheduled.body.followUpDate).toBe(date);
  return scheduled.body;
}

async function detail(t: TestHub, token: string, id: string): Promise<ReportDetail> {
  const res = await t.api<ReportDetail>('GET', `/api/reports/${id}`, token);
  expect(res.status).toBe(200);
  return res.body;
}

async function followUpAlerts(t: TestHub, token: string, reportId: string): Promise<Alert[]> {
  const alerts = (await t.api<{ alerts: Alert[] }>('GET', '/api/alerts', token)).body.alerts;
  return alerts.filter((a) => a.reportId === reportId && (a.kind === 'follow_up_due' || a.kind === 'follow_up_other'));
}

/** The status page link from the receipt mail of the report. */
function statusLink(smtp: TestSmtp, number: string): string {
  const mail = smtp.messages.find((m) => m.text.includes(number));
  const link = /http:\/\/\S+\/status\/[A-Za-z0-9_-]+/.exec(mail?.text ?? '')?.[0];
  if (!link) throw new Error(`no status link for ${number}`);
  return link;
}

describe.each(storeKinds)('the follow-up date acts (%s)', (store) => {
  let t: TestHub;
  let smtp: TestSmtp;
  afterEach(async () => {
    await t?.stop();
    await smtp?.stop();
  }, 60_000);

  it('own follow-up → back to the queue with an alert and a timeline line, once; another team → stays scheduled, the desk asks them; the citizen still reads "ingepland"', { timeout: 120_000 }, async () => {
    let now = SCHEDULED_AT.getTime();
    smtp = await startTestSmtp();
    t = await startTestHub({ store, smtp, clock: () => new Date(now) });
    let { token, chefToken } = await deskTokens(t);
    const own = await scheduledReport(t, token, 'Meldkamer', 'eigen@example.nl');
    const other = await scheduledReport(t, token, 'team Groen', 'groen@example.nl');
    // receipt + scheduled message for each
    await smtp.waitForMessages(4);

    // Friday 25 December (Eerste Kerstdag), Sunday 27th, and Monday 06:59:59: nothing happens.
    for (const at of [new Date('2026-12-25T10:00:00Z'), new Date('2026-12-27T10:00:00Z'), JUST_BEFORE]) {
      now = at.getTime();
      expect(await t.hub.followUps.tick()).toEqual({ own: 0, other: 0 });
    }
    // Sessions live on the hub clock too: sign in again a week later.
    ({ token, chefToken } = await deskTokens(t));
    expect((await detail(t, token, own.id)).report.status).toBe('scheduled');

    const desk = t.connectConsole(token);
    const heard: HubEvent[] = [];
    desk.on('event', (e: HubEvent) => heard.push(e));
    await waitFor(desk, 'connect');

    now = DUE.getTime();
    expect(await t.hub.followUps.tick()).toEqual({ own: 1, other: 1 });
    // Later looks, the same day and the next, do nothing more.
    expect(await t.hub.followUps.tick()).toEqual({ own: 0, other: 0 });
    now = DUE.getTime() + 26 * 3_600_000;
    expect(await t.hub.followUps.tick()).toEqual({ own: 0, other: 0 });
    ({ token, chefToken } = await deskTokens(t));

    // Own: back in the queue, by the system, with the date's line in the timeline and an alert for the desk.
    const ownDetail = await detail(t, token, own.id);
    expect(ownDetail.report.status).toBe('triaged');
    const step = ownDetail.timeline.findLast((e) => e.type === 'report.transitioned');
    expect(step).toMatchObject({ from: 'scheduled', to: 'triaged', actor: null });
    expect(step?.text?.code).toBe('timeline.follow_up_due');
    expect(step?.text?.message).toBe('Vervolgdatum bereikt: terug in de wachtrij');
    const ownAlerts = await followUpAlerts(t, token, own.id);
    expect(ownAlerts).toHaveLength(1);
    expect(ownAlerts[0]).toMatchObject({ kind: 'follow_up_due', ackedAt: null });
    expect(ownAlerts[0]?.message).toBe(`Vervolg vandaag: ${own.number} staat weer in de wachtrij (${WHAT})`);
    expect(ownDetail.timeline.some((e) => e.type === 'alert.raised' && e.text?.message === `Alarm: ${ownAlerts[0]?.message}`)).toBe(true);
    expect(await followUpActionsOf(t.hub.store.db, own.id)).toEqual([{ followUpDate: DATE, kind: 'own', at: DUE.toISOString() }]);

    // Another team: stays scheduled; the desk is told whom to ask.
    const otherDetail = await detail(t, token, other.id);
    expect(otherDetail.report.status).toBe('scheduled');
    expect(otherDetail.report.followUpDate).toBe(DATE);
    const otherAlerts = await followUpAlerts(t, chefToken, other.id);
    expect(otherAlerts).toHaveLength(1);
    expect(otherAlerts[0]?.kind).toBe('follow_up_other');
    expect(otherAlerts[0]?.message).toBe(`Vervolg vandaag: vraag team Groen (${other.number}: ${WHAT})`);

    // The desk's console heard the step and both alerts, once each.
    await until(() => heard.filter((e) => e.type === 'alert.raised').length >= 2, 5000, 'the console hears both alerts');
    expect(heard.filter((e) => e.type === 'report.transitioned' && e.report.id === own.id)).toHaveLength(1);
    expect(heard.filter((e) => e.type === 'alert.raised' && e.alert.reportId === own.id)).toHaveLength(1);
    expect(heard.filter((e) => e.type === 'alert.raised' && e.alert.reportId === other.id)).toHaveLength(1);
    desk.disconnect();

    // The citizen: both still "ingepland" for the 26th; no message was sent (the visit message is off by default).
    for (const report of [own, other]) {
      const page = await (await fetch(statusLink(smtp, report.number))).text();
      expect(page).toContain('Ingepland voor');
      expect(page).toContain('26 december 2026');
      expect(page).not.toMatch(/afgehandeld|In behandeling/);
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.messages).toHaveLength(4);

    // The desk picks up the own report: its alert ends by itself; the other team's ends when the report is closed.
    const close = {
      kind: 'close',
      outcome: 'resolved',
      found: { code: 'tak_laag', text: 'Tak hing laag boven de stoep' },
      action: { code: 'tak_verwijderd', text: 'Tak gesnoeid door team Groen' },
    };
    const closed = await t.api<Answer>('POST', `/api/reports/${other.id}/transition`, token, { to: 'closed', resolution: close });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect((await followUpAlerts(t, token, other.id))).toHaveLength(0);
    expect((await dispatchThroughOffer(t, token, own.id)).status).toBe('dispatched');
    expect(await followUpAlerts(t, token, own.id)).toHaveLength(0);
  });

  it('a follow-up date of today (tried by hand): accepted, and acts at the next look once 07:00 has passed; yesterday is refused', { timeout: 120_000 }, async () => {
    // Tuesday 29 December 2026, 11:00 in Amsterdam: "today" is the municipality's civil date.
    let now = new Date('2026-12-29T10:00:00Z').getTime();
    smtp = await startTestSmtp();
    t = await startTestHub({ store, smtp, clock: () => new Date(now) });
    const { token } = await deskTokens(t);
    const own = await scheduledReport(t, token, 'Meldkamer', 'eigen@example.nl', '2026-12-29');
    expect(own.status).toBe('scheduled');
    // The job's next look (the hub ticks every minute) puts it back in the queue, once.
    now += 60_000;
    expect(await t.hub.followUps.tick()).toEqual({ own: 1, other: 0 });
    expect(await t.hub.followUps.tick()).toEqual({ own: 0, other: 0 });
    expect((await detail(t, token, own.id)).report.status).toBe('triaged');
    // A date before today is refused with the field named, and changes nothing.
    const created = await t.api<Report>('POST', '/api/reports', token, sampleReport({ description: 'Boomtak hangt laag, gisteren gezien' }));
    const id = created.body.id;
    const move = (body: object) => t.api<Answer>('POST', `/api/reports/${id}/transition`, token, body);
    await move({ to: 'triaged' });
    await dispatchThroughOffer(t, token, id);
    await move({ to: 'in_progress' });
    const yesterday = {
      kind: 'schedule',
      found: { code: 'tak_laag', text: 'Tak hangt op 1,80 m boven de stoep' },
      action: { code: 'onderhoudsronde', text: 'Gemarkeerd voor de snoeiploeg' },
      followUp: { date: '2026-12-28', what: WHAT, who: 'Meldkamer' },
    };
    const refused = await move({ to: 'awaiting_review', resolution: yesterday });
    expect(refused.status).toBe(422);
    expect(refused.body.fields?.['resolution.followUp.date']).toBeDefined();
    expect((await detail(t, token, id)).report.status).toBe('in_progress');
  });

  it('rescheduled to a new date: that date acts again', { timeout: 120_000 }, async () => {
    let now = SCHEDULED_AT.getTime();
    smtp = await startTestSmtp();
    t = await startTestHub({ store, smtp, clock: () => new Date(now) });
    let { token } = await deskTokens(t);
    const other = await scheduledReport(t, token, 'team Groen', 'groen@example.nl');
    now = DUE.getTime();
    expect(await t.hub.followUps.tick()).toEqual({ own: 0, other: 1 });
    ({ token } = await deskTokens(t));
    // Team Groen could not come: the desk moves the date to Wednesday 30 December.
    const moved = await t.api<Answer>('POST', `/api/reports/${other.id}/transition`, token, {
      to: 'scheduled',
      resolution: {
        kind: 'schedule',
        found: { code: 'tak_laag', text: 'Tak hangt op 1,80 m boven de stoep' },
        action: { code: 'onderhoudsronde', text: 'Gemarkeerd voor de snoeiploeg' },
        followUp: { date: '2026-12-30', what: WHAT, who: 'team Groen' },
      },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    // The notice of the first date ended by itself: that follow-up is no longer pending.
    expect(await followUpAlerts(t, token, other.id)).toHaveLength(0);
    now = new Date('2026-12-30T05:59:00Z').getTime();
    expect(await t.hub.followUps.tick()).toEqual({ own: 0, other: 0 });
    now = new Date('2026-12-30T06:00:00Z').getTime();
    expect(await t.hub.followUps.tick()).toEqual({ own: 0, other: 1 });
    expect((await followUpActionsOf(t.hub.store.db, other.id)).map((a) => a.followUpDate)).toEqual([DATE, '2026-12-30']);
    ({ token } = await deskTokens(t));
    expect(await followUpAlerts(t, token, other.id)).toHaveLength(1);
  });

  it('with the visit message on, the reporter hears "vandaag komen we langs" once, on the due day', { timeout: 120_000 }, async () => {
    let now = SCHEDULED_AT.getTime();
    smtp = await startTestSmtp();
    t = await startTestHub({ store, smtp, clock: () => new Date(now), config: { followUpVisitMessage: true } });
    const { token } = await deskTokens(t);
    const own = await scheduledReport(t, token, 'Meldkamer', 'eigen@example.nl');
    await smtp.waitForMessages(2);
    now = JUST_BEFORE.getTime();
    await t.hub.followUps.tick();
    now = DUE.getTime();
    expect(await t.hub.followUps.tick()).toEqual({ own: 1, other: 0 });
    expect(await t.hub.followUps.tick()).toEqual({ own: 0, other: 0 });
    const [, , visit] = await smtp.waitForMessages(3);
    expect(visit?.envelope.to).toContain('eigen@example.nl');
    expect(visit?.subject).toContain(own.number);
    expect(visit?.text).toContain('Vandaag komen we langs');
    expect(visit?.text).toContain(WHAT);
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.messages).toHaveLength(3);
  });
});

describe.skipIf(!storeKinds.includes('postgres'))('the follow-up date on two hub nodes (PostgreSQL)', () => {
  it('both nodes look at 07:00 at once: one step back to the queue and one alert', { timeout: 120_000 }, async () => {
    const database = await createPostgresDatabase();
    let now = SCHEDULED_AT.getTime();
    const clock = () => new Date(now);
    const a = await startTestHub({ store: 'postgres', database, clock });
    const b = await startTestHub({ store: 'postgres', database, clock });
    try {
      const { token } = await deskTokens(a);
      const own = await scheduledReport(a, token, 'Meldkamer', 'eigen@example.nl');
      const other = await scheduledReport(a, token, 'team Groen', 'groen@example.nl');
      now = DUE.getTime();
      const looks = await Promise.all([a.hub.followUps.tick(), b.hub.followUps.tick(), a.hub.followUps.tick(), b.hub.followUps.tick()]);
      expect(looks.reduce((sum, l) => sum + l.own, 0)).toBe(1);
      expect(looks.reduce((sum, l) => sum + l.other, 0)).toBe(1);
      const fresh = (await deskTokens(b)).token;
      expect((await detail(b, fresh, own.id)).report.status).toBe('triaged');
      expect((await detail(b, fresh, other.id)).report.status).toBe('scheduled');
      const steps = (await detail(b, fresh, own.id)).timeline.filter((e) => e.from === 'scheduled' && e.to === 'triaged');
      expect(steps).toHaveLength(1);
      expect(await followUpAlerts(b, fresh, own.id)).toHaveLength(1);
      expect(await followUpAlerts(a, fresh, other.id)).toHaveLength(1);
    } finally {
      await b.stop();
      await a.stop();
      await database.drop();
    }
  });
});
