import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ack } from '../../server/protocol/common';
import type { Assignment } from '../../server/protocol/dispatch';
import type { Report } from '../../server/protocol/report';
import type { AddressNote, ReportContext } from '../../server/protocol/report-context';
import { insertCitizenResponse } from '../../server/store/citizen-responses';
import { storeKinds } from '../support/databases';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';
import { CLOSE_NO_ACTION } from '../support/privacy-fixtures';

const DAY = 86_400_000;
/** About 30 m east of the Lange Voorhout 34 sample point (52.0799, 4.3113). */
const NEAR = { lat: 52.0799, lng: 4.3117 };
/** About 150 m away: outside the 50 m circle. */
const FAR = { lat: 52.0812, lng: 4.3113 };

/**
 * The context panel's answer (issue 13 point 9) over HTTP on both stores: nearby reports of the last 4 weeks,
 * the reporter's history for the contact roles only, and address notes with a required, bounded expiry.
 */
describe.each(storeKinds)('report context (%s)', (store) => {
  let t: TestHub;
  let now = Date.now();
  const tokens: Record<string, string> = {};

  beforeEach(async () => {
    now = Date.now();
    t = await startTestHub({ store, clock: () => new Date(now) });
    for (const user of ['centralist', 'chef', 'politie', 'boa1', 'admin']) tokens[user] = (await t.login(user)).token;
  }, 120_000);
  afterEach(async () => {
    await t.stop();
  }, 60_000);

  async function report(overrides: Parameters<typeof sampleReport>[0] = {}): Promise<Report> {
    const res = await t.api<Report>('POST', '/api/reports', tokens.centralist, sampleReport(overrides));
    expect(res.status).toBe(201);
    return res.body;
  }
  /** The hub's clock moved past the sessions' lifetime: sign everyone in again. */
  async function moveClock(ms: number): Promise<void> {
    now += ms;
    for (const user of Object.keys(tokens)) tokens[user] = (await t.login(user)).token;
  }
  const context = (id: string, user = 'centralist') => t.api<ReportContext>('GET', `/api/reports/${id}/context`, tokens[user]);

  it('lists reports within 50 m of the last 4 weeks, nearest first, and leaves the rest out', async () => {
    const old = await report({ location: NEAR, description: 'Al lang geleden gemeld' });
    await moveClock(30 * DAY);
    const near = await report({ location: NEAR, description: 'Vlakbij, recent' });
    const far = await report({ location: FAR, description: 'Verder weg' });
    const subject = await report();

    const res = await context(subject.id);
    expect(res.status).toBe(200);
    expect(res.body.radiusMeters).toBe(50);
    expect(res.body.periodDays).toBe(28);
    const numbers = res.body.nearby.map((r) => r.number);
    expect(numbers).toEqual([near.number]);
    expect(numbers).not.toContain(old.number);
    expect(numbers).not.toContain(far.number);
    expect(numbers).not.toContain(subject.number);
    expect(res.body.nearby[0]?.distanceMeters).toBeGreaterThan(20);
    expect(res.body.nearby[0]?.distanceMeters).toBeLessThan(40);
  });

  it('counts the reporter’s reports for the desk only, without contact data', async () => {
    const reporter = { name: 'Jan Jansen', email: 'Jan.Jansen@example.nl', phone: '06 1234 5678' };
    const first = await report({ reporter, consent: { contact: true }, location: FAR });
    const second = await report({ reporter: { phone: '+31 6-12345678' }, consent: { contact: true }, location: FAR });
    const closing = await t.api('POST', `/api/reports/${first.id}/transition`, tokens.centralist, { to: 'closed', resolution: CLOSE_NO_ACTION });
    expect(closing.status, JSON.stringify(closing.body)).toBe(200);
    await insertCitizenResponse(t.hub.store.db, { reportId: first.id, satisfied: false, comment: null, at: new Date(now).toISOString() });
    const subject = await report({ reporter: { email: 'jan.jansen@EXAMPLE.nl', phone: '0612345678' }, consent: { contact: true } });
    await report({ reporter: { email: 'iemand.anders@example.nl' }, consent: { contact: true } });

    for (const user of ['centralist', 'chef']) {
      const res = await context(subject.id, user);
      expect(res.status).toBe(200);
      expect(res.body.reporterHistory).toEqual({ reports: 3, open: 2, satisfied: 0, unsatisfied: 1 });
      expect(JSON.stringify(res.body)).not.toMatch(/jansen|1234|5678/i);
    }
    const coordinator = await context(subject.id, 'politie');
    expect(coordinator.status).toBe(200);
    expect(coordinator.body.reporterHistory).toBeNull();
    // The second report's reporter gave only a phone number: it is found by the digits, however they were typed.
    expect((await context(second.id)).body.reporterHistory?.reports).toBe(3);
    for (const user of ['boa1', 'admin']) expect((await context(subject.id, user)).status).toBe(403);
  });

  it('shows address notes while valid, refuses an expiry that is missing, past or too far, and retention removes expired ones', async () => {
    const subject = await report();
    const expiresAt = new Date(now + 2 * DAY).toISOString();
    const body = { lat: NEAR.lat, lng: NEAR.lng, radiusMeters: 40, label: 'Lange Voorhout 36', text: 'Hond aanwezig', expiresAt };
    const created = await t.api<AddressNote>('POST', '/api/address-notes', tokens.chef, body);
    expect(created.status).toBe(201);
    expect(created.body.createdByName).toBe('Mark Jansen');
    const elsewhere = await t.api<AddressNote>('POST', '/api/address-notes', tokens.centralist, { ...body, ...FAR, text: 'Bewoner agressief bekend' });
    expect(elsewhere.status).toBe(201);

    const { expiresAt: _, ...noExpiry } = body;
    expect((await t.api('POST', '/api/address-notes', tokens.centralist, noExpiry)).status).toBe(422);
    const past = await t.api<{ fields?: Record<string, string> }>('POST', '/api/address-notes', tokens.centralist, { ...body, expiresAt: new Date(now - DAY).toISOString() });
    expect(past.status).toBe(422);
    expect(past.body.fields?.expiresAt).toBeTruthy();
    const tooFar = await t.api('POST', '/api/address-notes', tokens.centralist, { ...body, expiresAt: new Date(now + 400 * DAY).toISOString() });
    expect(tooFar.status).toBe(422);
    expect((await t.api('POST', '/api/address-notes', tokens.politie, body)).status).toBe(403);

    const notes = (await context(subject.id, 'politie')).body.notes;
    expect(notes.map((n) => n.text)).toEqual(['Hond aanwezig']);

    await moveClock(3 * DAY);
    expect((await context(subject.id)).body.notes).toEqual([]);
    const stored = async () => Number((await t.hub.store.db.selectFrom('address_notes').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(await stored()).toBe(2);
    await t.hub.retention.runNow();
    expect(await stored()).toBe(0);
  });

  it('shows the notes to the field unit that has the report, and to no other unit', async () => {
    const subject = await report({ category: 'overlast' });
    await t.api('POST', '/api/address-notes', tokens.centralist, {
      ...NEAR,
      radiusMeters: 40,
      text: 'Hond aanwezig',
      expiresAt: new Date(now + DAY).toISOString(),
    });
    const path = `/api/field/reports/${subject.id}/notes`;
    expect((await t.api('GET', path, tokens.boa1)).status).toBe(403);
    const units = (await t.api<{ units: { id: string; callsign: string }[] }>('GET', '/api/units', tokens.centralist)).body.units;
    const hh11 = units.find((u) => u.callsign === 'HH-11');
    const desk = t.connectConsole(tokens.centralist);
    const ack = (await desk.timeout(5000).emitWithAck('offer:create', { commandId: randomUUID(), reportId: subject.id, unitIds: [hh11?.id ?? ''] })) as Ack<Assignment[]>;
    desk.disconnect();
    expect(ack.ok).toBe(true);
    const answer = await t.api<{ notes: AddressNote[] }>('GET', path, tokens.boa1);
    expect(answer.status).toBe(200);
    expect(answer.body.notes.map((n) => n.text)).toEqual(['Hond aanwezig']);
    const boa2 = (await t.login('boa2')).token;
    expect((await t.api('GET', path, boa2)).status).toBe(403);
    expect((await t.api('GET', path, tokens.centralist)).status).toBe(403);
  });
});
