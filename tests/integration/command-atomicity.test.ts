import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CreatedApiKey } from '../../server/protocol/admin';
import type { ReportDetail } from '../../server/protocol/detail';
import type { FocusArea, Unit } from '../../server/protocol/dispatch';
import type { Report } from '../../server/protocol/report';
import { listOutbox } from '../../server/store/outbox';
import { storeKinds } from '../support/databases';
import { sampleReport, startTestHub, type TestHub, until } from '../support/hub';
import { allowInserts, refuseInserts, rowCount } from '../support/refuse-writes';
import { startTestSmtp, type TestSmtp } from '../support/smtp';

const HERE = { lat: 52.043, lng: 4.372 };
const D = 0.002;
const SQUARE = [
  [
    [HERE.lng - D, HERE.lat - D],
    [HERE.lng + D, HERE.lat - D],
    [HERE.lng + D, HERE.lat + D],
    [HERE.lng - D, HERE.lat + D],
  ],
];

function focusArea(now: number, publicText: string | null = null) {
  return {
    name: 'Ypenburg centrum',
    polygon: SQUARE,
    instructions: 'Extra surveilleren',
    publicText,
    startsAt: new Date(now - 3_600_000).toISOString(),
    endsAt: new Date(now + 7 * 86_400_000).toISOString(),
  };
}

/**
 * A command writes its state, its event and its extras in ONE transaction: when the database refuses
 * one of those writes, nothing of the command is left behind.
 */
describe.each(storeKinds)('one transaction per command (%s)', (store) => {
  let t: TestHub;
  let politie: string;

  beforeEach(async () => {
    t = await startTestHub({ store });
    politie = (await t.login('politie')).token;
  });
  afterEach(async () => {
    await t.stop();
  });

  it('POST /api/focus-areas leaves no area behind when its event cannot be written', async () => {
    await refuseInserts(t, 'events', { column: 'type', value: 'tasking.updated' });
    const before = await rowCount(t, 'focus_areas');
    const res = await t.api('POST', '/api/focus-areas', politie, focusArea(Date.now()));
    expect(res.status).toBe(500);
    expect(await rowCount(t, 'focus_areas')).toBe(before);
  });

  it('POST /api/tasking leaves no tasking entry behind when its event cannot be written', async () => {
    const area = await t.api<FocusArea>('POST', '/api/focus-areas', politie, focusArea(Date.now()));
    expect(area.status).toBe(201);
    const unit = (await t.api<{ units: Unit[] }>('GET', '/api/units', politie)).body.units[0];
    await refuseInserts(t, 'events', { column: 'type', value: 'tasking.updated' });
    const before = await rowCount(t, 'tasking');
    const today = new Date().toISOString().slice(0, 10);
    const res = await t.api('POST', '/api/tasking', politie, { date: today, unitId: unit?.id, areaId: area.body.id, shift: 'vroeg' });
    expect(res.status).toBe(500);
    expect(await rowCount(t, 'tasking')).toBe(before);
  });

  it('an Open311 request whose extras cannot be written leaves no report and no event', async () => {
    const admin = (await t.login('admin')).token;
    const key = (await t.api<CreatedApiKey>('POST', '/api/admin/api-keys', admin, { clientName: 'BuitenBeter' })).body;
    await refuseInserts(t, 'open311_requests');
    const [reports, events] = [await rowCount(t, 'reports'), await rowCount(t, 'events')];
    const res = await fetch(`${t.hub.url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ api_key: key.key, service_code: 'afval', lat: '52.0799', long: '4.3113', 'attribute[soort]': 'grofvuil' }).toString(),
    });
    // The spec's answer to a failure of ours: 400 "General service error".
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('General service error');
    expect([await rowCount(t, 'reports'), await rowCount(t, 'events')]).toEqual([reports, events]);
  });
});

/**
 * The outbox records a delivery attempt (the message's state, the report's `report.delivery` event and
 * version) in one transaction; only the SMTP send itself is outside it.
 */
describe.each(storeKinds)('one transaction per delivery attempt (%s)', (store) => {
  let t: TestHub;
  let smtp: TestSmtp;
  let ahead = 0;

  beforeEach(async () => {
    ahead = 0;
    smtp = await startTestSmtp();
    t = await startTestHub({ store, smtp, clock: () => new Date(Date.now() + ahead) });
  });
  afterEach(async () => {
    await t.stop();
    await smtp.stop();
  });

  it('a sent e-mail whose delivery event cannot be written stays queued; the retry is recorded once', async () => {
    await refuseInserts(t, 'events', { column: 'type', value: 'report.delivery' });
    const token = (await t.login('centralist')).token;
    const withEmail = { ...sampleReport({ reporter: { email: 'melder@example.nl' } }), consent: { contact: true } };
    const created = await t.api<Report>('POST', '/api/reports', token, withEmail);
    expect(created.status).toBe(201);
    const message = async () => (await listOutbox(t.hub.store.db, { reportId: created.body.id, limit: 10 }))[0];
    const deliveryEvents = () =>
      t.hub.store.db.selectFrom('events').select(['seq', 'payload']).where('type', '=', 'report.delivery').where('report_id', '=', created.body.id).execute();

    const [first] = await smtp.waitForMessages(1);
    // Time for the worker to record the attempt, which the database refuses.
    await new Promise((r) => setTimeout(r, 400));
    expect(await message()).toMatchObject({ status: 'queued', attempts: 0, sent_at: null });
    expect(await deliveryEvents()).toEqual([]);

    // The database takes events again; once the lease of the unrecorded attempt has run out, the hub sends again.
    await allowInserts(t, 'events');
    ahead = 61_000;
    await until(async () => (await message())?.status === 'sent', 10_000, 'the retry to be recorded');
    await new Promise((r) => setTimeout(r, 300));

    expect(await message()).toMatchObject({ status: 'sent', attempts: 1 });
    const events = await deliveryEvents();
    expect(events.map((e) => (JSON.parse(e.payload) as { status: string }).status)).toEqual(['sent']);
    const detail = await t.api<ReportDetail>('GET', `/api/reports/${created.body.id}`, token);
    expect(detail.body.report.version).toBe(Number(events[0]?.seq));
    // The resend carries the same Message-ID: the citizen's mail server keeps one message.
    expect(new Set(smtp.messages.map((m) => m.messageId))).toEqual(new Set([first?.messageId]));
  });
});

/** Commands read the time from the hub's clock, never the wall clock. */
describe.each(storeKinds)('the hub clock (%s)', (store) => {
  const AHEAD = 400 * 86_400_000;
  let t: TestHub;

  beforeEach(async () => {
    t = await startTestHub({ store, clock: () => new Date(Date.now() + AHEAD) });
  });
  afterEach(async () => {
    await t.stop();
  });

  it('a focus area active on the hub clock (not yet on the wall clock) explains itself in the receipt and on the status page', async () => {
    const publicText = 'Hier lopen handhavers deze maand vaker vanwege afval.';
    const chef = (await t.login('chef')).token;
    expect((await t.api('POST', '/api/focus-areas', chef, focusArea(Date.now() + AHEAD, publicText))).status).toBe(201);
    const created = await t.api<Report>('POST', '/api/reports', chef, { ...sampleReport({ location: HERE, reporter: { email: 'melder@example.nl' } }), consent: { contact: true } });
    expect(created.status).toBe(201);

    const detail = (await t.api<ReportDetail>('GET', `/api/reports/${created.body.id}`, chef)).body;
    const receipt = detail.messages.find((m) => m.trigger === 'receipt');
    expect(receipt?.text).toContain(`Waarom we hier extra handhaven: ${publicText}`);

    const link = /http:\/\/\S+\/status\/[A-Za-z0-9_-]+/.exec(receipt?.text ?? '')?.[0];
    const page = await (await fetch(link ?? '')).text();
    expect(page).toContain(`Waarom we hier extra handhaven: ${publicText}`);
  });
});
