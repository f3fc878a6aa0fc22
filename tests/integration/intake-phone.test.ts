import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReportDetail } from '../../server/protocol/detail';
import type { HubEvent } from '../../server/protocol/events';
import type { MergeResponse, NearbyResponse } from '../../server/protocol/intake';
import type { ReportContacts } from '../../server/protocol/privacy';
import type { Report } from '../../server/protocol/report';
import { storeKinds } from '../support/databases';
import { dispatchThroughOffer } from '../support/dispatch-offer';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';
import { type CapturedMail, startTestSmtp, type TestSmtp } from '../support/smtp';

// Ypenburg: no demo reports nearby.
const HERE = { lat: 52.043, lng: 4.372 };
const EARTH_RADIUS_M = 6_371_008.8;
function north(meters: number) {
  return { lat: HERE.lat + (meters / EARTH_RADIUS_M) * (180 / Math.PI), lng: HERE.lng };
}

function plusDays(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const SCHEDULE = (date: string) => ({
  kind: 'schedule',
  found: { code: 'tak_laag', text: 'Tak hangt op 1,80 m boven de stoep' },
  action: { code: 'onderhoudsronde', text: 'Gemarkeerd voor de groenploeg' },
  followUp: { date, what: 'De tak wordt gesnoeid in de onderhoudsronde', who: 'Groenploeg Ypenburg' },
});
const CLOSE_RESOLVED = {
  kind: 'close',
  outcome: 'resolved',
  found: { code: 'tak_laag', text: 'Tak hing nog laag boven de stoep' },
  action: { code: 'tak_verwijderd', text: 'Tak gesnoeid door de groenploeg' },
};

type ErrorBody = { code: string; message: string; fields?: Record<string, string> };

describe.each(storeKinds)('phone intake over %s: nearby reports, linking callers, merging duplicates', (store) => {
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

  async function create(overrides: Parameters<typeof sampleReport>[0] & { email?: string } = {}): Promise<Report> {
    const { email, ...rest } = overrides;
    const res = await t.api<Report>('POST', '/api/reports', token, {
      ...sampleReport({ location: HERE, address: 'Laan van Ypenburg 100', ...rest }),
      ...(email ? { reporter: { name: 'Melder', email }, consent: { contact: true } } : {}),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }

  async function move(id: string, body: object, as = token) {
    const res = await t.api<Report & ErrorBody>('POST', `/api/reports/${id}/transition`, as, body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  }

  async function schedule(id: string, date: string): Promise<Report> {
    await move(id, { to: 'triaged' });
    // Only an accepted offer dispatches a report.
    await dispatchThroughOffer(t, token, id);
    await move(id, { to: 'in_progress' });
    await move(id, { to: 'awaiting_review', resolution: SCHEDULE(date) });
    return move(id, { to: 'scheduled', resolution: SCHEDULE(date) });
  }

  const mailsTo = (address: string): CapturedMail[] => smtp.messages.filter((m) => m.envelope.to.includes(address));

  it('finds a scheduled report nearby with its follow-up date; links the caller, who gets a receipt and then every message', async () => {
    const date = plusDays(21);
    const original = await create({ email: 'eerste@example.nl' });
    await smtp.waitForMessages(1);
    const scheduled = await schedule(original.id, date);
    expect(scheduled.followUpDate).toBe(date);
    await smtp.waitForMessages(2);
    // Not duplicates: another category at the same spot, and the same category 80 m away.
    await create({ category: 'afval', description: 'Vuilniszakken bij de boom' });
    await create({ location: north(80), description: 'Nog een tak, verderop' });

    const at = north(30);
    const nearby = await t.api<NearbyResponse>('GET', `/api/reports/nearby?category=groen&lat=${at.lat}&lng=${at.lng}`, token);
    expect(nearby.status, JSON.stringify(nearby.body)).toBe(200);
    expect(nearby.body.radiusMeters).toBe(50);
    expect(nearby.body.periodDays).toBe(84);
    expect(nearby.body.reports).toHaveLength(1);
    expect(nearby.body.reports[0]?.report).toMatchObject({ id: original.id, status: 'scheduled', followUpDate: date, reporterCount: 1 });
    expect(nearby.body.reports[0]?.distanceMeters).toBeCloseTo(30, 0);

    const bad = await t.api<ErrorBody>('GET', '/api/reports/nearby?category=groen&lat=95&lng=4.3', token);
    expect(bad.status).toBe(422);
    expect(bad.body.fields?.lat).toBeDefined();
    expect((await t.api('GET', `/api/reports/nearby?category=groen&lat=${at.lat}&lng=${at.lng}`)).status).toBe(401);

    // The caller's consent is required.
    const noConsent = await t.api<ErrorBody>('POST', `/api/reports/${original.id}/reporters`, token, { name: 'Tweede beller', email: 'tweede@example.nl' });
    expect(noConsent.status).toBe(422);
    expect(noConsent.body.fields?.consent).toMatch(/toestemming/);

    const console = t.connectConsole(chefToken);
    const seen: HubEvent[] = [];
    console.on('event', (e) => seen.push(e));
    await new Promise<void>((resolve) => console.once('connect', () => resolve()));

    const linked = await t.api<Report>('POST', `/api/reports/${original.id}/reporters`, token, {
      name: 'Tweede beller',
      email: 'tweede@example.nl',
      consent: true,
    });
    expect(linked.status, JSON.stringify(linked.body)).toBe(201);
    expect(linked.body).toMatchObject({ id: original.id, reporterCount: 2, status: 'scheduled', followUpDate: date });
    expect(linked.body.version).toBeGreaterThan(scheduled.version);

    // The linked caller gets a receipt; the first reporter gets nothing new.
    await smtp.waitForMessages(3);
    expect(mailsTo('tweede@example.nl')).toHaveLength(1);
    expect(mailsTo('tweede@example.nl')[0]?.text).toContain(original.number);
    // Linked to a scheduled report: the caller hears what is planned, not the generic receipt.
    expect(mailsTo('tweede@example.nl')[0]?.text).toContain('De tak wordt gesnoeid in de onderhoudsronde');
    expect(mailsTo('eerste@example.nl')).toHaveLength(2);

    // Every console hears the new reporter count.
    await expect.poll(() => seen.find((e) => e.type === 'report.updated')).toBeDefined();
    const update = seen.find((e) => e.type === 'report.updated');
    expect(update && 'report' in update ? update.report.reporterCount : undefined).toBe(2);

    const again = await t.api<ErrorBody>('POST', `/api/reports/${original.id}/reporters`, token, { email: 'TWEEDE@example.nl', consent: true });
    expect(again.status).toBe(409);

    // From now on both get every message of the report.
    await move(original.id, { to: 'closed', resolution: CLOSE_RESOLVED });
    await smtp.waitForMessages(5);
    for (const address of ['eerste@example.nl', 'tweede@example.nl']) {
      expect(mailsTo(address).at(-1)?.text).toContain('Tak gesnoeid door de groenploeg');
    }

    // A closed report cannot be followed any more: that is a new report.
    const closedLink = await t.api<ErrorBody>('POST', `/api/reports/${original.id}/reporters`, token, { email: 'derde@example.nl', consent: true });
    expect(closedLink.status).toBe(409);
    const detail = await t.api<ReportDetail>('GET', `/api/reports/${original.id}`, token);
    expect(detail.body.reporters.map((r) => r.email)).toEqual(['e***@***.nl', 't***@***.nl']);
    const contacts = await t.api<ReportContacts>('GET', `/api/reports/${original.id}/contacts`, token);
    expect(contacts.body.reporters.map((r) => r.email)).toEqual(['eerste@example.nl', 'tweede@example.nl']);
  });

  it('the shift lead merges a duplicate: it closes as duplicate, its reporter follows the original and gets its next message', async () => {
    const original = await create({ email: 'origineel@example.nl', description: 'Tak hangt over het fietspad' });
    const duplicate = await create({ email: 'dubbel@example.nl', location: north(20), description: 'Grote tak boven het fietspad' });
    await smtp.waitForMessages(2);

    // Only the shift lead merges.
    expect((await t.api('POST', `/api/reports/${duplicate.id}/duplicate-of`, token, { originalId: original.id })).status).toBe(403);
    const self = await t.api<ErrorBody>('POST', `/api/reports/${duplicate.id}/duplicate-of`, chefToken, { originalId: duplicate.id });
    expect(self.status).toBe(409);
    const unknown = await t.api<ErrorBody>('POST', `/api/reports/${duplicate.id}/duplicate-of`, chefToken, { originalId: 'bestaat-niet' });
    expect(unknown.status).toBe(404);

    const merged = await t.api<MergeResponse>('POST', `/api/reports/${duplicate.id}/duplicate-of`, chefToken, { originalId: original.id });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body.movedReporters).toBe(1);
    expect(merged.body.duplicate).toMatchObject({ id: duplicate.id, status: 'closed', outcome: 'duplicate', reporterCount: 0 });
    expect(merged.body.original).toMatchObject({ id: original.id, status: 'new', reporterCount: 2 });

    // The duplicate's reporter hears which report it was merged with.
    await smtp.waitForMessages(3);
    const notice = mailsTo('dubbel@example.nl').at(-1);
    expect(notice?.text).toContain(`Samengevoegd met melding ${original.number}`);
    expect(notice?.text).toContain(`Deze melding was al eerder gedaan (${original.number})`);

    const detail = await t.api<ReportDetail>('GET', `/api/reports/${duplicate.id}`, chefToken);
    expect(detail.body.resolution?.body).toMatchObject({ kind: 'close', outcome: 'duplicate', found: { code: 'al_gemeld' }, action: { code: 'samengevoegd' } });
    expect(detail.body.timeline.find((e) => e.to === 'closed')?.note).toBe(`Samengevoegd met ${original.number}`);

    // A closed report cannot be merged again, nor be merged into.
    const twice = await t.api<ErrorBody>('POST', `/api/reports/${duplicate.id}/duplicate-of`, chefToken, { originalId: original.id });
    expect(twice.status).toBe(409);
    expect(twice.body.message).toContain('Afgesloten');
    const intoClosed = await t.api<ErrorBody>('POST', `/api/reports/${original.id}/duplicate-of`, chefToken, { originalId: duplicate.id });
    expect(intoClosed.status).toBe(409);
    expect(intoClosed.body.message).toContain('al afgesloten');

    // The original's next message reaches the moved reporter.
    await schedule(original.id, plusDays(14));
    await smtp.waitForMessages(5);
    for (const address of ['origineel@example.nl', 'dubbel@example.nl']) {
      const last = mailsTo(address).at(-1);
      expect(last?.text).toContain(original.number);
      expect(last?.text).toContain('De tak wordt gesnoeid in de onderhoudsronde');
    }
  });

  it('a citizen whose report lies in an active focus area gets its explanation in the receipt and on the status page', async () => {
    const now = Date.now();
    const d = 0.002;
    const publicText = 'Hier komen veel meldingen binnen over overhangende takken en afval; daarom lopen handhavers hier deze maand vaker.';
    const area = await t.api('POST', '/api/focus-areas', chefToken, {
      name: 'Ypenburg centrum',
      polygon: [
        [
          [HERE.lng - d, HERE.lat - d],
          [HERE.lng + d, HERE.lat - d],
          [HERE.lng + d, HERE.lat + d],
          [HERE.lng - d, HERE.lat + d],
        ],
      ],
      instructions: 'Extra surveilleren rond het winkelcentrum',
      publicText,
      startsAt: new Date(now - 3_600_000).toISOString(),
      endsAt: new Date(now + 7 * 86_400_000).toISOString(),
    });
    expect(area.status, JSON.stringify(area.body)).toBe(201);

    await create({ email: 'binnen@example.nl' });
    await create({ email: 'buiten@example.nl', location: north(1000) });
    await smtp.waitForMessages(2);
    const inside = mailsTo('binnen@example.nl')[0];
    expect(inside?.text).toContain(`Waarom we hier extra handhaven: ${publicText}`);
    expect(mailsTo('buiten@example.nl')[0]?.text).not.toContain('Waarom we hier extra handhaven');

    const link = /http:\/\/\S+\/status\/[A-Za-z0-9_-]+/.exec(inside?.text ?? '')?.[0];
    expect(link).toBeDefined();
    const page = await (await fetch(link ?? '')).text();
    expect(page).toContain('Waarom we hier extra handhaven: Hier komen veel meldingen binnen over overhangende takken en afval');
  });
});
