import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ack } from '../../server/protocol/common';
import type { ReportDetail } from '../../server/protocol/detail';
import type { Assignment } from '../../server/protocol/dispatch';
import type { HubEvent } from '../../server/protocol/events';
import type { PhotosResponse } from '../../server/protocol/photos';
import type { Report } from '../../server/protocol/report';
import type { RetentionLogResponse } from '../../server/protocol/retention';
import { finishJobLease, takeJobLease } from '../../server/store/retention-log';
import { storeKinds } from '../support/databases';
import { connectField, createFieldUnits } from '../support/field-units';
import { eventsAfter } from '../support/field-helpers';
import { sampleReport, startTestHub, type TestHub, until } from '../support/hub';
import { jpegPhoto } from '../support/photos';
import { startTestSmtp, type TestSmtp } from '../support/smtp';

const DAY = 86_400_000;
const NAME = 'Annemarie Verhoeven';
const EMAIL = 'a.verhoeven@example.nl';
const PHONE = '0612345678';
const DESCRIPTION = `Fietswrak bij de ingang; ${NAME} belt graag terug op ${PHONE}`;
const COMMENT = 'Het wrak staat er nog, bel mij op 0687654321';
const REPLY = 'Mevrouw Verhoeven, wij hebben het wrak opnieuw gecontroleerd';
const OPEN_EMAIL = 'open.melder@example.nl';
const OPEN_DESCRIPTION = 'Nog open: Pieter de Boer ziet het elke ochtend';

describe.each(storeKinds)('retention and anonymisation (%s)', (store) => {
  let smtp: TestSmtp;
  let t: TestHub;
  let now = Date.now();

  beforeEach(async () => {
    now = Date.now();
    smtp = await startTestSmtp();
    t = await startTestHub({ store, smtp, clock: () => new Date(now), config: { retention: { intervalMinutes: 0 } } });
  });
  afterEach(async () => {
    await t.stop();
    await smtp.stop();
  });

  const tokenOf = async (who: string) => (await t.login(who)).token;

  async function move(id: string, body: object, token: string): Promise<Report> {
    const res = await t.api<Report>('POST', `/api/reports/${id}/transition`, token, body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  }

  /** Everything the catch-up stream serves a contact role, as one string. */
  async function catchUpText(): Promise<string> {
    return JSON.stringify(await eventsAfter(t, await tokenOf('chef'), 0));
  }

  /**
   * A closed report with everything personal: reporter, messages (sent), a citizen's comment and the
   * reply to it, a photo from the field and the unit's position trail. And a report left open.
   */
  async function closedReportWithEverything(): Promise<{ closed: Report; open: Report; unitId: string }> {
    const desk = await tokenOf('centralist');
    const chef = await tokenOf('chef');
    const created = await t.api<Report>('POST', '/api/reports', desk, {
      ...sampleReport({ category: 'overlast', location: { lat: 52.0705, lng: 4.2905 }, description: DESCRIPTION }),
      reporter: { name: NAME, email: EMAIL, phone: PHONE },
      consent: { contact: true },
    });
    expect(created.status).toBe(201);
    const report = created.body;
    const open = (await t.api<Report>('POST', '/api/reports', desk, { ...sampleReport({ description: OPEN_DESCRIPTION }), reporter: { email: OPEN_EMAIL }, consent: { contact: true } })).body;
    await smtp.waitForMessages(2);

    const [unit] = await createFieldUnits(t.hub, 1);
    if (!unit) throw new Error('no unit');
    const fieldToken = (await t.login(unit.username, 'veld')).token;
    const field = connectField(t.hub.url, fieldToken);
    await new Promise((resolve, reject) => {
      field.once('connect', () => resolve(undefined));
      field.once('connect_error', reject);
    });
    const offer = await t.api<{ assignments: Assignment[] }>('POST', '/api/offers', desk, { commandId: randomUUID(), reportId: report.id, unitIds: [unit.unitId] });
    const accepted = (await field.timeout(5000).emitWithAck('offer:accept', { commandId: randomUUID(), assignmentId: offer.body.assignments[0]?.id ?? '' })) as Ack<Assignment>;
    expect(accepted.ok).toBe(true);
    field.emit('position', { lat: 52.0706, lng: 4.2906, accuracy: 8, heading: null, at: new Date(now).toISOString() });
    const photo = await fetch(`${t.hub.url}/api/field/reports/${report.id}/photo`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${fieldToken}`, 'content-type': 'image/jpeg' },
      body: new Uint8Array(jpegPhoto()),
    });
    expect(photo.status).toBe(201);
    const photoId = ((await photo.json()) as { photoId: string }).photoId;
    const close = {
      kind: 'close',
      outcome: 'resolved',
      found: { code: 'hinderlijk_gedrag', text: 'Fietswrak aangetroffen bij de ingang' },
      action: { code: 'personen_aangesproken', text: 'Eigenaar aangesproken, wrak verwijderd' },
    };
    const finding = (await field.timeout(5000).emitWithAck('finding:submit', { commandId: randomUUID(), reportId: report.id, resolution: close, photoId })) as Ack<Report>;
    expect(finding.ok, JSON.stringify(finding)).toBe(true);
    await until(async () => (await t.hub.store.db.selectFrom('unit_positions').select('unit_id').where('unit_id', '=', unit.unitId).execute()).length > 0, 5000, 'the trail');
    field.disconnect();
    await move(report.id, { to: 'closed', resolution: close }, desk);
    const mails = await smtp.waitForMessages(3);
    const link = /http:\/\/\S+\/status\/[A-Za-z0-9_-]+/.exec(mails.find((m) => m.text.includes(report.number))?.text ?? '')?.[0] ?? '';
    const answer = await fetch(`${link}/antwoord`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ tevreden: 'nee', toelichting: COMMENT }).toString(),
      redirect: 'manual',
    });
    expect(answer.status).toBe(303);
    const closed = await move(report.id, { to: 'closed', reply: REPLY }, chef);
    expect(closed.status).toBe('closed');
    await until(async () => (await t.hub.store.db.selectFrom('outbox').select('id').where('status', '=', 'queued').execute()).length === 0, 10_000, 'the messages sent');
    return { closed, open, unitId: unit.unitId };
  }

  it('anonymises a closed report after its periods, serves none of it in catch-up, keeps what statistics need, and deletes it after 5 years', async () => {
    const { closed, open } = await closedReportWithEverything();
    const { db } = t.hub.store;
    const before = await catchUpText();
    for (const text of [DESCRIPTION, COMMENT, REPLY, OPEN_DESCRIPTION]) expect(before).toContain(text);
    const chefBefore = await tokenOf('chef');
    const detailBefore = (await t.api<ReportDetail>('GET', `/api/reports/${closed.id}`, chefBefore)).body;

    // Not yet: 364 days after closing nothing goes but the officers' trail, sessions and the command log.
    now += 364 * DAY;
    const early = await t.hub.retention.runNow();
    expect(early.ran && [early.counts.contacts, early.counts.messages, early.counts.comments, early.counts.photos]).toEqual([0, 0, 0, 0]);
    expect(early.ran && early.counts.positions).toBeGreaterThan(0);
    expect(await db.selectFrom('unit_positions').select('unit_id').execute()).toEqual([]);

    now += 2 * DAY;
    const run = await t.hub.retention.runNow();
    expect(run.ran && [run.counts.contacts, run.counts.messages, run.counts.comments, run.counts.photos, run.counts.reports]).toEqual([1, 1, 1, 1, 0]);

    // The store: contact details, recipients and texts, comments and the photo are gone.
    const reporters = await db.selectFrom('reporters').select(['report_id', 'name', 'email', 'phone']).execute();
    expect(reporters.filter((r) => r.report_id === closed.id)).toEqual([{ report_id: closed.id, name: null, email: null, phone: null }]);
    expect(reporters.find((r) => r.report_id === open.id)?.email).toBe(OPEN_EMAIL);
    const messages = await db.selectFrom('outbox').select(['report_id', 'recipient', 'body_text', 'body_html']).where('report_id', '=', closed.id).execute();
    expect(messages.length).toBeGreaterThanOrEqual(3);
    for (const m of messages) expect(m).toEqual({ report_id: closed.id, recipient: '[geanonimiseerd]', body_text: '[geanonimiseerd]', body_html: null });
    expect((await db.selectFrom('outbox').select('recipient').where('report_id', '=', open.id).execute()).map((m) => m.recipient)).toEqual([OPEN_EMAIL]);
    expect((await db.selectFrom('citizen_responses').select(['comment', 'satisfied']).where('report_id', '=', closed.id).execute()).map((r) => [r.comment, Number(r.satisfied)])).toEqual([[null, 0]]);
    const row = await db.selectFrom('reports').select(['description', 'citizen_token', 'citizen_code']).where('id', '=', closed.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ description: '[geanonimiseerd]', citizen_token: null, citizen_code: null });

    // The catch-up stream and the timeline serve none of it; the open report is untouched.
    const after = await catchUpText();
    for (const text of [DESCRIPTION, NAME, EMAIL, PHONE, COMMENT, '0687654321', REPLY]) expect(after).not.toContain(text);
    expect(after).toContain(OPEN_DESCRIPTION);
    const chef = await tokenOf('chef');
    const detail = (await t.api<ReportDetail>('GET', `/api/reports/${closed.id}`, chef)).body;
    expect(JSON.stringify(detail)).not.toContain(EMAIL);
    expect(detail.timeline.every((e) => e.note === null)).toBe(true);
    // What statistics need stays: category, place, outcome, resolution, the whole timeline.
    expect(detail.report).toMatchObject({ category: closed.category, lat: closed.lat, lng: closed.lng, address: closed.address, outcome: 'resolved', status: 'closed' });
    expect(detail.resolution?.body).toEqual(detailBefore.resolution?.body);
    expect(detail.timeline.map((e) => [e.seq, e.type, e.from, e.to, e.outcome])).toEqual(detailBefore.timeline.map((e) => [e.seq, e.type, e.from, e.to, e.outcome]));
    expect((await t.api<PhotosResponse>('GET', `/api/reports/${closed.id}/photos`, chef)).body.photos).toEqual([]);
    const events = await eventsAfter(t, chef, 0);
    const applied = events.filter((e): e is Extract<HubEvent, { type: 'retention.applied' }> => e.type === 'retention.applied');
    expect(applied.filter((e) => e.reportIds.includes(closed.id)).map((e) => e.kind).sort()).toEqual(['comments', 'contacts', 'messages', 'photos']);

    // A second run changes nothing: no event, no log line.
    const seq = (await t.fetchEvents(chef, 0)).latestSeq;
    const logBefore = (await t.api<RetentionLogResponse>('GET', '/api/retention/log', chef)).body.entries.length;
    const again = await t.hub.retention.runNow();
    expect(again.ran && Object.values(again.counts).every((n) => n === 0)).toBe(true);
    expect((await t.fetchEvents(chef, 0)).latestSeq).toBe(seq);
    expect((await t.api<RetentionLogResponse>('GET', '/api/retention/log', chef)).body.entries).toHaveLength(logBefore);

    // After 5 years the report is deleted whole, and the log says which.
    now += 5 * 365 * DAY;
    const late = await t.hub.retention.runNow();
    expect(late.ran && late.counts.reports).toBe(1);
    const lead = await tokenOf('chef');
    expect((await t.api('GET', `/api/reports/${closed.id}`, lead)).status).toBe(404);
    for (const table of ['reporters', 'outbox', 'resolutions', 'citizen_responses', 'photos', 'assignments', 'events'] as const) {
      expect((await db.selectFrom(table).select('report_id').where('report_id', '=', closed.id).execute()).length, table).toBe(0);
    }
    const remaining = await eventsAfter(t, lead, 0);
    expect(remaining.filter((e) => 'report' in e && e.report.id === closed.id)).toEqual([]);
    expect(remaining.filter((e) => e.type === 'retention.applied' && e.kind === 'reports').map((e) => e.type === 'retention.applied' && e.reportIds)).toEqual([[closed.id]]);
    const log = await t.api<RetentionLogResponse>('GET', '/api/retention/log?kind=reports', lead);
    expect(log.status).toBe(200);
    expect(log.body.entries).toEqual([expect.objectContaining({ kind: 'reports', count: 1, reports: [{ id: closed.id, number: closed.number }] })]);
    expect((await t.api('GET', '/api/retention/log', await tokenOf('admin'))).status).toBe(200);
    expect((await t.api('GET', '/api/retention/log', await tokenOf('centralist'))).status).toBe(403);
    // The open report is never touched, however old.
    const stillOpen = (await t.api<ReportDetail>('GET', `/api/reports/${open.id}`, lead)).body;
    expect(stillOpen.report.description).toBe(OPEN_DESCRIPTION);
    expect((await db.selectFrom('reporters').select('email').where('report_id', '=', open.id).execute())[0]?.email).toBe(OPEN_EMAIL);
    const last = await t.hub.retention.runNow();
    expect(last.ran && Object.values(last.counts).every((n) => n === 0)).toBe(true);
  });

  it('lets one node run the job at a time, and a node runs it again only after the interval', async () => {
    const { db } = t.hub.store;
    const at = new Date(now);
    const job = { name: 'retention-test', leaseMs: 60_000, everyMs: 3_600_000 };
    expect(await takeJobLease(db, { ...job, owner: 'hub-a', now: at })).toBe(true);
    expect(await takeJobLease(db, { ...job, owner: 'hub-b', now: at })).toBe(false);
    await finishJobLease(db, { name: job.name, owner: 'hub-a', now: at, completed: true });
    expect(await takeJobLease(db, { ...job, owner: 'hub-b', now: new Date(now + 60_000) })).toBe(false);
    expect(await takeJobLease(db, { ...job, owner: 'hub-b', now: new Date(now + 3_600_000) })).toBe(true);
    // A node that died keeps the lease only until it runs out.
    expect(await takeJobLease(db, { ...job, owner: 'hub-a', now: new Date(now + 3_600_000 + 1000), everyMs: 0 })).toBe(false);
    expect(await takeJobLease(db, { ...job, owner: 'hub-a', now: new Date(now + 3_700_000), everyMs: 0 })).toBe(true);
  });
});
