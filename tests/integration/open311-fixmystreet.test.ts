import { randomUUID } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CreatedApiKey } from '../../server/protocol/admin';
import type { Alert } from '../../server/protocol/dispatch';
import type { Report } from '../../server/protocol/report';
import { storeKinds } from '../support/databases';
import { followUpDueAt } from '../../server/domain/follow-up';
import { dispatchThroughOffer } from '../support/dispatch-offer';
import { startTestHub, type TestHub } from '../support/hub';
import { startTestSmtp, type TestSmtp } from '../support/smtp';

/**
 * Open311 as FixMyStreet uses it (issue 16), against a real hub over HTTP. Requests are built as mySociety's
 * perllib/Open311.pm builds them: form-encoded POSTs with `jurisdiction_id` and `api_key` in the body, attributes as
 * `attribute[code]=value` (repeated, without `[]`, for several values), the `.xml` endpoints, `media_url` repeated
 * when it sends several photos, and for servicerequestupdates `api_key`, `jurisdiction_id`, `start_date` and
 * `end_date` in the query string (W3C datetimes in UTC). Each is read back in XML and JSON.
 */

const JURISDICTION = 'denhaag.nl';

// As FixMyStreet reads XML (XML::Simple with ForceArray on the repeated elements), every value as text.
const xml = new XMLParser({
  ignoreDeclaration: true,
  parseTagValue: false,
  isArray: (name) => ['request', 'request_update', 'error', 'endpoint', 'service', 'format'].includes(name),
});

type Xml = Record<string, unknown>;

/** HTTP::Request::Common's POST of a hash: each pair once, array values as the same name repeated. */
function fmsForm(params: Record<string, string | string[]>): string {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) for (const v of [value].flat()) body.append(key, v);
  return body.toString();
}

/** W3C datetime in UTC as DateTime::Format::W3CDTF writes it (no fraction). */
const w3c = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe.each(storeKinds)('Open311 for FixMyStreet over %s', (store) => {
  let t: TestHub;
  let smtp: TestSmtp;
  let adminToken: string;
  let desk: string;
  let key: CreatedApiKey;

  const url = (path: string) => `${t.hub.url}/open311/v2/${path}`;

  async function issueKey(clientName: string, extra: Record<string, unknown> = {}): Promise<CreatedApiKey> {
    const res = await t.api<CreatedApiKey>('POST', '/api/admin/api-keys', adminToken, { clientName, contactConsent: true, ...extra });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }
  async function post(path: string, params: Record<string, string | string[]>, apiKey = key.key) {
    const res = await fetch(url(path), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: fmsForm({ jurisdiction_id: JURISDICTION, api_key: apiKey, ...params }),
    });
    return { status: res.status, text: await res.text(), headers: res.headers };
  }
  async function get(path: string) {
    const res = await fetch(url(path));
    return { status: res.status, text: await res.text() };
  }
  /** A report as FixMyStreet sends it (`send_service_request`, extended description), answered in XML. */
  function fmsReport(extra: Record<string, string | string[]> = {}): Record<string, string | string[]> {
    return {
      service_code: 'parkeren',
      lat: '52.079900',
      long: '4.311300',
      email: 'jan@example.nl',
      first_name: 'Jan',
      last_name: 'de Vries',
      description: 'Auto op de stoep\n\nStaat al de hele ochtend voor de school.\n\nhttps://fixmystreet.example/report/4711',
      'attribute[kenteken]': 'AB-123-C',
      'attribute[fixmystreet_id]': '4711',
      'attribute[uprn]': '100023336956',
      ...extra,
    };
  }
  async function sendReport(extra: Record<string, string | string[]> = {}, apiKey = key.key): Promise<string> {
    const res = await post('requests.xml', fmsReport(extra), apiKey);
    expect(res.status, res.text).toBe(200);
    const [request] = (xml.parse(res.text) as { service_requests: { request: Xml[] } }).service_requests.request;
    return String(request?.service_request_id);
  }
  const reportRow = (number: string) =>
    t.hub.store.db.selectFrom('reports').selectAll().where('number', '=', Number(number.slice(2))).executeTakeFirstOrThrow();
  const move = (id: string, body: object) => t.api<Report>('POST', `/api/reports/${id}/transition`, desk, body);

  /** triaged → dispatched (a unit accepts) → in_progress → proposal → scheduled for `date`. */
  async function schedule(id: string, date: string, who = 'Team parkeren'): Promise<void> {
    expect((await move(id, { to: 'triaged' })).status).toBe(200);
    await dispatchThroughOffer(t, desk, id);
    expect((await move(id, { to: 'in_progress' })).status).toBe(200);
    const resolution = {
      kind: 'schedule',
      found: { code: 'zoals_gemeld', text: 'De auto staat op de stoep voor de school' },
      action: { code: 'vervolg_ingepland', text: 'De eigenaar is aangeschreven' },
      followUp: { date, what: 'Een handhaver komt terug en laat de auto zo nodig wegslepen.', who },
    };
    expect((await move(id, { to: 'awaiting_review', resolution })).status).toBe(200);
    const scheduled = await move(id, { to: 'scheduled', resolution });
    expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(200);
  }
  async function closeReferred(id: string, referredTo: string): Promise<void> {
    const closed = await move(id, {
      to: 'closed',
      resolution: {
        kind: 'close',
        outcome: 'referred',
        referredTo,
        found: { code: 'niet_gemeentelijk', text: 'De auto staat op grond van de woningcorporatie' },
        action: { code: 'doorverwezen', text: `Doorgegeven aan ${referredTo}` },
      },
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
  }
  async function updatesXml(query: string): Promise<Xml[]> {
    const res = await get(`servicerequestupdates.xml?${query}`);
    expect(res.status, res.text).toBe(200);
    expect(res.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const doc = xml.parse(res.text) as { service_requests_updates: { request_update?: Xml[] } | string };
    return typeof doc.service_requests_updates === 'object' ? (doc.service_requests_updates.request_update ?? []) : [];
  }
  /** As FixMyStreet polls: key, jurisdiction, and the last two hours (here: a window around now). */
  const pollQuery = (apiKey = key.key) =>
    new URLSearchParams({
      api_key: apiKey,
      jurisdiction_id: JURISDICTION,
      start_date: w3c(new Date(Date.now() - 2 * 3_600_000)),
      end_date: w3c(new Date(Date.now() + 60_000)),
    }).toString();

  beforeEach(async () => {
    smtp = await startTestSmtp();
    t = await startTestHub({ store, smtp });
    adminToken = (await t.login('admin')).token;
    desk = (await t.login('centralist')).token;
    key = await issueKey('FixMyStreet');
  });
  afterEach(async () => {
    await t.stop();
    await smtp.stop();
  });

  it('takes a report as FixMyStreet sends it: zone-less datetime, its own attributes, line breaks, several photos, a title', async () => {
    const id = await sendReport({
      title: 'Auto op de stoep',
      'attribute[sinds]': '2026-11-28T08:30',
      media_url: ['https://fixmystreet.example/photo/1.jpeg', 'https://fixmystreet.example/photo/2.jpeg'],
    });
    const row = await reportRow(id);
    expect(row.description.split('\n')).toEqual([
      'Auto op de stoep',
      '',
      'Staat al de hele ochtend voor de school.',
      '',
      'https://fixmystreet.example/report/4711 — Kenteken: AB-123-C; Staat er sinds: 2026-11-28T08:30:00+01:00 — Extra gegevens: fixmystreet_id: 4711; uprn: 100023336956 — Media: https://fixmystreet.example/photo/1.jpeg https://fixmystreet.example/photo/2.jpeg',
    ]);
    const extras = await t.hub.store.db.selectFrom('open311_requests').selectAll().where('report_id', '=', row.id).executeTakeFirstOrThrow();
    expect(extras.title).toBe('Auto op de stoep');
    expect(extras.media_url).toBe('https://fixmystreet.example/photo/1.jpeg');
    expect(JSON.parse(extras.attributes)).toEqual([
      { code: 'kenteken', values: ['AB-123-C'] },
      { code: 'sinds', values: ['2026-11-28T08:30:00+01:00'] },
      { code: 'fixmystreet_id', values: ['4711'], extra: true },
      { code: 'uprn', values: ['100023336956'], extra: true },
    ]);
    // Read back with its line breaks, in both formats.
    const [one] = (JSON.parse((await get(`requests/${id}.json`)).text) as { description: string }[]);
    expect(one?.description).toBe(row.description);

    // Spring forward: 02:30 does not exist and moves on an hour; autumn: 02:30 is its first occurrence (summer time).
    for (const [sent, kept] of [
      ['2026-03-29T02:30', '2026-03-29T03:30:00+02:00'],
      ['2026-10-25T02:30', '2026-10-25T02:30:00+02:00'],
      ['2026-07-01', '2026-07-01'],
    ]) {
      const other = await sendReport({ 'attribute[sinds]': sent as string });
      const stored = await t.hub.store.db
        .selectFrom('open311_requests')
        .select('attributes')
        .where('report_id', '=', (await reportRow(other)).id)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(stored.attributes)).toContainEqual({ code: 'sinds', values: [kept] });
    }

    // A wrong answer to an attribute the definition lists is still refused, in XML and JSON, and nothing is stored.
    const before = await t.hub.store.db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const wrong = await post('requests.xml', fmsReport({ 'attribute[sinds]': 'gisteren' }));
    expect(wrong.status).toBe(400);
    expect(xml.parse(wrong.text)).toEqual({
      errors: { error: [{ code: '400', description: expect.stringMatching(/^attribute\[sinds\] must be an ISO 8601 date or datetime/) }] },
    });
    const tooMany = await post(
      'requests.json',
      fmsReport(Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`attribute[cobrand_${i}]`, 'x']))),
    );
    expect(tooMany.status).toBe(400);
    expect(JSON.parse(tooMany.text)).toEqual([{ code: 400, description: 'At most 30 attributes outside the service definition are kept; got 33' }]);
    const tooLong = await post('requests.json', fmsReport({ 'attribute[notes]': 'x'.repeat(1001) }));
    expect(JSON.parse(tooLong.text)[0]?.description).toBe('attribute[notes] is not in the service definition and longer than 1000 characters');
    const after = await t.hub.store.db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('round trip: sent as FixMyStreet sends it, scheduled with a date, closed as referred, polled through servicerequestupdates', async () => {
    const number = await sendReport();
    const row = await reportRow(number);
    const date = inDays(14);
    await schedule(row.id, date);
    // The desk approved a photo of the fix for the citizen (the approval itself is tested in fix-photo): its variant only.
    const photoId = randomUUID();
    const variant = Buffer.from('approved variant: cropped and blurred');
    await t.hub.store.db
      .insertInto('photos')
      .values({
        id: photoId,
        report_id: row.id,
        unit_id: null,
        content_type: 'image/jpeg',
        size: 8,
        width: 10,
        height: 10,
        data: Buffer.from('original'),
        finding_seq: null,
        created_at: new Date().toISOString(),
        kind: 'after',
        approval_state: 'approved',
        approval_params: null,
        approved_data: variant,
        approved_size: variant.length,
        approved_width: 10,
        approved_height: 10,
        approved_by: null,
        approved_at: new Date().toISOString(),
      })
      .execute();
    await closeReferred(row.id, 'Woningcorporatie Haag Wonen');

    const updates = await updatesXml(pollQuery());
    const mine = updates.filter((u) => u.service_request_id === number);
    // triaged (INVESTIGATING), dispatched (IN_PROGRESS), scheduled, closed: in_progress and the proposal are not citizen-facing.
    expect(mine.map((u) => u.status)).toEqual(['INVESTIGATING', 'IN_PROGRESS', 'ACTION_SCHEDULED', 'NOT_COUNCILS_RESPONSIBILITY']);
    for (const u of mine) expect(Object.keys(u)).toEqual(['update_id', 'service_request_id', 'status', 'updated_datetime', 'description', 'media_url', 'external_status_code']);
    expect(new Set(mine.map((u) => u.update_id)).size).toBe(4);
    const scheduled = mine[2] as Xml;
    const closed = mine[3] as Xml;
    expect(scheduled.external_status_code).toBe('scheduled');
    expect(closed.external_status_code).toBe('closed:referred');
    expect(String(scheduled.updated_datetime)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    // The message the reporter got, made public: the date is in it; no greeting or name, no code, no personal link.
    const [, month, day] = date.split('-').map(Number);
    // The outbox delivers after the commit, on its own tick: wait for the mail rather than read the inbox once.
    const message = await vi.waitFor(
      () => {
        const found = smtp.messages.find((m) => m.text.includes('ingepland') || m.text.includes(number));
        if (!found) throw new Error(`no mail about ${number} yet`);
        return found;
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(message.text).toContain(number);
    const description = String(scheduled.description);
    expect(description).toMatch(new RegExp(`${day}.*(${['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'][(month ?? 1) - 1]}|${date})`));
    for (const secret of ['Jan', 'de Vries', row.citizen_token ?? '-', row.citizen_code ?? '-', '/status/', 'Beste']) {
      expect(description).not.toContain(secret);
      expect(String(closed.description)).not.toContain(secret);
    }
    expect(String(closed.description)).toContain('Woningcorporatie Haag Wonen');
    // media_url: the approved variant under the photo's own id (not the citizen's status token), on the closing update.
    expect(scheduled.media_url).toBe('');
    expect(closed.media_url).toBe(`${t.hub.url}/open311/v2/media/${photoId}.jpg`);
    const media = await fetch(String(closed.media_url));
    expect(media.status).toBe(200);
    expect(media.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await media.arrayBuffer()).equals(variant)).toBe(true);
    expect((await fetch(`${t.hub.url}/open311/v2/media/${randomUUID()}.jpg`)).status).toBe(404);

    // The same updates in JSON, with the same stable ids on a second poll.
    const json = (await (await fetch(url(`servicerequestupdates.json?${pollQuery()}`))).json()) as Record<string, unknown>[];
    expect(json.filter((u) => u.service_request_id === number).map((u) => [u.update_id, u.status])).toEqual(
      mine.map((u) => [u.update_id, u.status]),
    );

    // GET requests with extensions=true carries the extended status; without it the spec's fields only.
    const plain = xml.parse((await get(`requests/${number}.xml?jurisdiction_id=${JURISDICTION}`)).text) as { service_requests: { request: Xml[] } };
    expect(plain.service_requests.request[0]).toMatchObject({ status: 'closed' });
    expect(plain.service_requests.request[0]?.extended_attributes).toBeUndefined();
    const extended = xml.parse((await get(`requests.xml?jurisdiction_id=${JURISDICTION}&extensions=true&service_request_id=${number}`)).text) as {
      service_requests: { request: Xml[] };
    };
    expect(extended.service_requests.request[0]?.extended_attributes).toEqual({ status: 'NOT_COUNCILS_RESPONSIBILITY', external_status_code: 'closed:referred' });

    // A key reads only the updates of its own reports; without a key: 403.
    const other = await issueKey('Andere app');
    expect((await updatesXml(pollQuery(other.key))).filter((u) => u.service_request_id === number)).toEqual([]);
    const noKey = await get(`servicerequestupdates.xml?jurisdiction_id=${JURISDICTION}`);
    expect(noKey.status).toBe(403);
    // Outside the window: nothing.
    const old = new URLSearchParams({ api_key: key.key, start_date: '2020-01-01T00:00:00Z', end_date: '2020-01-01T02:00:00Z' });
    expect(await updatesXml(old.toString())).toEqual([]);
  });

  it('a report merged as a duplicate shows DUPLICATE with the surviving report; referred to an own department is INTERNAL_REFERRAL', async () => {
    const survivor = await sendReport();
    const duplicate = await sendReport();
    const chef = (await t.login('chef')).token;
    // The shift lead merges it (reports.merge): closed as duplicate, naming the surviving report.
    const merged = await t.api('POST', `/api/reports/${(await reportRow(duplicate)).id}/duplicate-of`, chef, { originalId: (await reportRow(survivor)).id });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    const internal = await sendReport();
    await closeReferred((await reportRow(internal)).id, 'Toezicht afval');
    const updates = await updatesXml(pollQuery());
    const dup = updates.find((u) => u.service_request_id === duplicate);
    expect(dup).toMatchObject({ status: 'DUPLICATE', external_status_code: 'closed:duplicate' });
    expect(String(dup?.description)).toContain(survivor);
    expect(updates.find((u) => u.service_request_id === internal)).toMatchObject({ status: 'INTERNAL_REFERRAL' });
  });

  it('POST servicerequestupdates: a comment alerts the desk, REOPEN or OPEN with a comment on a closed report asks to reopen, idempotent on update_id', async () => {
    const open = await sendReport();
    const comment = {
      service_request_id: open,
      update_id: '9001',
      updated_datetime: '2026-11-30T10:15:00Z',
      status: 'OPEN',
      description: 'De auto staat er nog steeds.',
      first_name: 'Jan',
      last_name: 'de Vries',
      email: 'jan@example.nl',
    };
    const first = await post('servicerequestupdates.xml', comment);
    expect(first.status, first.text).toBe(200);
    const answer = xml.parse(first.text) as { service_request_updates: { request_update: Xml[] } };
    const hubId = String(answer.service_request_updates.request_update[0]?.update_id);
    expect(hubId.length).toBeGreaterThan(8);
    // FixMyStreet retries when it did not see the answer: the same id, nothing new.
    const again = await post('servicerequestupdates.json', comment);
    expect(JSON.parse(again.text)).toEqual([{ update_id: hubId }]);
    const alerts = (await t.api<{ alerts: Alert[] }>('GET', '/api/alerts', desk)).body.alerts.filter((a) => a.kind === 'citizen_comment');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.message).toBe(`Reactie van melder op ${open} via FixMyStreet: De auto staat er nog steeds.`);
    expect((await reportRow(open)).status).toBe('new');
    const timeline = await t.hub.store.db.selectFrom('events').select('payload').where('report_id', '=', (await reportRow(open)).id).where('type', '=', 'alert.raised').execute();
    expect(timeline.map((e) => e.payload).join()).toContain('De auto staat er nog steeds.');

    // On a closed report: REOPEN (FixMyStreet's reopen option) and OPEN with a comment both ask to reopen.
    for (const [status, updateId] of [
      ['REOPEN', '9002'],
      ['OPEN', '9003'],
    ] as const) {
      const number = await sendReport();
      const id = (await reportRow(number)).id;
      await move(id, { to: 'triaged' });
      await closeReferred(id, 'Woningcorporatie Haag Wonen');
      const res = await post('servicerequestupdates.xml', { ...comment, service_request_id: number, update_id: updateId, status, description: 'Niet opgelost, de auto staat er weer.' });
      expect(res.status, res.text).toBe(200);
      expect((await reportRow(number)).status).toBe('reopen_requested');
      const reopenAlerts = (await t.api<{ alerts: Alert[] }>('GET', '/api/alerts', desk)).body.alerts.filter((a) => a.reportId === id && a.kind === 'reopen_requested');
      expect(reopenAlerts).toHaveLength(1);
      // The poll shows it open again.
      expect((await updatesXml(pollQuery())).filter((u) => u.service_request_id === number).at(-1)).toMatchObject({ status: 'OPEN', external_status_code: 'reopen_requested' });
    }

    // Refusals: unknown report 404, a status outside the extension 400, no key 403; nothing written.
    const unknown = await post('servicerequestupdates.xml', { ...comment, service_request_id: 'M-999999', update_id: '9100' });
    expect(unknown.status).toBe(404);
    const bad = await post('servicerequestupdates.json', { ...comment, update_id: '9101', status: 'KAPOT' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text)[0]?.description).toMatch(/^status must be one of OPEN, /);
    const count = await t.hub.store.db.selectFrom('open311_comments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(3);
  });

  it('a key whose app informs its users itself: the hub sends its reporters no messages; updates are still described', async () => {
    const silent = await issueKey('FixMyStreet stil', { sendMessages: false });
    const listed = await t.api<{ keys: { id: string; sendMessages: boolean }[] }>('GET', '/api/admin/api-keys', adminToken);
    expect(listed.body.keys.find((k) => k.id === silent.id)?.sendMessages).toBe(false);
    expect(listed.body.keys.find((k) => k.id === key.id)?.sendMessages).toBe(true);

    const quiet = await sendReport({ email: 'stil@example.nl' }, silent.key);
    const loud = await sendReport({ email: 'luid@example.nl' });
    await smtp.waitForMessages(1);
    const quietRow = await reportRow(quiet);
    await schedule(quietRow.id, inDays(10));
    const outbox = await t.hub.store.db.selectFrom('outbox').select('recipient').where('report_id', '=', quietRow.id).execute();
    expect(outbox).toEqual([]);
    expect(smtp.messages.flatMap((m) => m.envelope.to)).not.toContain('stil@example.nl');
    expect(smtp.messages.flatMap((m) => m.envelope.to)).toContain('luid@example.nl');
    // The reporter is still known to the desk.
    const reporter = await t.hub.store.db.selectFrom('reporters').selectAll().where('report_id', '=', quietRow.id).executeTakeFirstOrThrow();
    expect(reporter.email).toBe('stil@example.nl');
    const [scheduled] = (await updatesXml(pollQuery(silent.key))).filter((u) => u.status === 'ACTION_SCHEDULED');
    expect(scheduled).toMatchObject({ service_request_id: quiet });
    expect(String(scheduled?.description)).toContain('De eigenaar is aangeschreven');
    expect(String(scheduled?.description)).toContain(inDays(10));
    void loud;
  });

  it('answers one GET with 20,000 ids (FixMyStreet status poll), refuses more', async () => {
    const db = t.hub.store.db;
    const template = await db.selectFrom('reports').selectAll().orderBy('number', 'desc').executeTakeFirstOrThrow();
    const base = Date.now() - 10 * 86_400_000;
    const rows = Array.from({ length: 20_000 }, (_, i) => ({
      ...template,
      id: `poll-${i}`,
      number: 200_000 + i,
      created_at: new Date(base + i * 1000).toISOString(),
      source: 'open311',
      citizen_token: null,
      citizen_code: null,
    }));
    for (let i = 0; i < rows.length; i += 500) await db.insertInto('reports').values(rows.slice(i, i + 500)).execute();
    // As URI->query_form writes it: the comma escaped (%2C), about 240 kB of query string.
    const ids = rows.map((r) => `M-${String(r.number).padStart(6, '0')}`);
    const query = new URLSearchParams({ jurisdiction_id: JURISDICTION, service_request_id: ids.join(',') }).toString();
    expect(query.length).toBeGreaterThan(200_000);
    const res = await get(`requests.xml?${query}`);
    expect(res.status, res.text.slice(0, 500)).toBe(200);
    const requests = (xml.parse(res.text) as { service_requests: { request: Xml[] } }).service_requests.request;
    expect(requests).toHaveLength(20_000);
    expect(requests.map((r) => r.service_request_id)).toEqual(ids);
    expect(requests[12_345]).toMatchObject({ service_request_id: 'M-212345', status: 'open' });

    const tooMany = new URLSearchParams({ service_request_id: [...ids, 'M-999998'].join(',') }).toString();
    const refused = await get(`requests.json?${tooMany}`);
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.text)).toEqual([{ code: 400, description: 'service_request_id lists at most 20,000 ids, got 20,001' }]);
   }, 240_000);

  it('counts refused POSTs apart from accepted ones, lists the extension, each keyword once', async () => {
    // 60 refused requests (a client fixing its form) do not stop the next good one.
    for (let i = 0; i < 60; i++) expect((await post('requests.xml', { service_code: 'parkeren' })).status).toBe(400);
    await sendReport();
    // A flood of refused ones still stops at its own limit (300 a minute).
    for (let i = 60; i < 300; i++) expect((await post('requests.xml', { service_code: 'parkeren' })).status).toBe(400);
    const limited = await post('requests.xml', fmsReport());
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((xml.parse(limited.text) as { errors: { error: Xml[] } }).errors.error[0]?.description).toMatch(/at most 300 a minute/);

    const discovery = xml.parse((await get('discovery.xml')).text) as { discovery: { endpoints: { endpoint: Xml[] } } };
    expect(discovery.discovery.endpoints.endpoint.map((e) => e.specification)).toEqual([
      'http://wiki.open311.org/GeoReport_v2',
      'https://github.com/mysociety/FixMyStreet/wiki/Open311-FMS---Proposed-differences-to-Open311',
    ]);
    const services = JSON.parse((await get('services.json')).text) as { keywords: string }[];
    for (const s of services) {
      const words = s.keywords.split(', ');
      expect(new Set(words).size).toBe(words.length);
    }
   }, 180_000);

  it('deny by default: a key comments only on reports it sent; POSTs in flight count against the limit at once', async () => {
    const number = await sendReport();
    const id = (await reportRow(number)).id;
    await move(id, { to: 'triaged' });
    await closeReferred(id, 'Woningcorporatie Haag Wonen');
    const other = await issueKey('Andere app');
    // Another key can neither comment on this report nor ask to reopen it: 404, as an unknown report; nothing written.
    for (const status of ['OPEN', 'REOPEN']) {
      const foreign = await post('servicerequestupdates.xml', { service_request_id: number, update_id: `x-${status}`, status, description: 'Niet opgelost.' }, other.key);
      expect(foreign.status, foreign.text).toBe(404);
    }
    expect((await reportRow(number)).status).toBe('closed');
    const comments = await t.hub.store.db.selectFrom('open311_comments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(comments.n)).toBe(0);
    const alerts = (await t.api<{ alerts: Alert[] }>('GET', '/api/alerts', desk)).body.alerts.filter((a) => a.reportId === id && ['citizen_comment', 'reopen_requested'].includes(a.kind));
    expect(alerts).toEqual([]);
    // Its own key may.
    expect((await post('servicerequestupdates.xml', { service_request_id: number, update_id: 'own-1', status: 'REOPEN', description: 'Niet opgelost.' })).status).toBe(200);

    // 70 POSTs at once with a limit of 60 a minute: 60 accepted, the rest 429 (not all 70 because none had finished yet).
    const results = await Promise.all(Array.from({ length: 70 }, () => post('requests.json', fmsReport(), other.key)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(60);
    expect(results.filter((r) => r.status === 429)).toHaveLength(10);
  }, 180_000);

  it('a report back in the queue on its follow-up date stays ACTION_SCHEDULED to FixMyStreet until it is closed', async () => {
    await t.stop();
    let now = Date.now();
    const started = new Date(now - 3_600_000);
    t = await startTestHub({ store, smtp, clock: () => new Date(now) });
    adminToken = (await t.login('admin')).token;
    desk = (await t.login('centralist')).token;
    key = await issueKey('FixMyStreet');
    const number = await sendReport();
    const row = await reportRow(number);
    const date = inDays(14);
    // The control room's own follow-up: on its date the hub puts it back in the queue (issue 15 point 7).
    await schedule(row.id, date, 'Meldkamer');
    now = followUpDueAt(date).getTime() + 3_600_000;
    expect(await t.hub.followUps.tick()).toEqual({ own: 1, other: 0 });
    expect((await reportRow(number)).status).toBe('triaged');
    const poll = async () => {
      const query = new URLSearchParams({ api_key: key.key, jurisdiction_id: JURISDICTION, start_date: w3c(started), end_date: w3c(new Date(now + 60_000)) });
      return (await updatesXml(query.toString())).filter((u) => u.service_request_id === number).map((u) => u.status);
    };
    expect(await poll()).toEqual(['INVESTIGATING', 'IN_PROGRESS', 'ACTION_SCHEDULED']);
    const extended = xml.parse((await get(`requests.xml?jurisdiction_id=${JURISDICTION}&extensions=true&service_request_id=${number}`)).text) as {
      service_requests: { request: Xml[] };
    };
    expect(extended.service_requests.request[0]?.extended_attributes).toMatchObject({ status: 'ACTION_SCHEDULED', external_status_code: 'triaged' });
    // The desk sends someone again (sessions live on the hub clock): still scheduled to the citizen, then closed.
    desk = (await t.login('centralist')).token;
    await dispatchThroughOffer(t, desk, row.id);
    expect(await poll()).toEqual(['INVESTIGATING', 'IN_PROGRESS', 'ACTION_SCHEDULED']);
    await closeReferred(row.id, 'Woningcorporatie Haag Wonen');
    expect(await poll()).toEqual(['INVESTIGATING', 'IN_PROGRESS', 'ACTION_SCHEDULED', 'NOT_COUNCILS_RESPONSIBILITY']);
  }, 180_000);

  it("an admin changes a key's sendMessages after issue (deny by default): from then on its reporters get messages or none", async () => {
    const number = await sendReport({ email: 'later@example.nl' });
    await smtp.waitForMessages(1);
    const row = await reportRow(number);
    const path = `/api/admin/api-keys/${key.id}`;
    // Not an admin: 403; an unknown key: 404; anything but { sendMessages: boolean }: 422. Nothing changes.
    expect((await t.api('PUT', path, desk, { sendMessages: false })).status).toBe(403);
    expect((await t.api('PUT', path, (await t.login('chef')).token, { sendMessages: false })).status).toBe(403);
    expect((await t.api('PUT', `/api/admin/api-keys/${randomUUID()}`, adminToken, { sendMessages: false })).status).toBe(404);
    for (const body of [{}, { sendMessages: 'nee' }, { sendMessages: false, clientName: 'Andere naam' }]) {
      expect((await t.api('PUT', path, adminToken, body)).status, JSON.stringify(body)).toBe(422);
    }
    const listed = async () => (await t.api<{ keys: { id: string; sendMessages: boolean; clientName: string }[] }>('GET', '/api/admin/api-keys', adminToken)).body.keys.find((k) => k.id === key.id);
    expect(await listed()).toMatchObject({ sendMessages: true, clientName: 'FixMyStreet' });

    const off = await t.api<{ key: { sendMessages: boolean } }>('PUT', path, adminToken, { sendMessages: false });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body.key.sendMessages).toBe(false);
    expect(await listed()).toMatchObject({ sendMessages: false, clientName: 'FixMyStreet' });
    // The key still works; the report already in progress gets no scheduled message now.
    await schedule(row.id, inDays(10));
    const triggers = async () => (await t.hub.store.db.selectFrom('outbox').select('trigger').where('report_id', '=', row.id).execute()).map((r) => r.trigger);
    expect(await triggers()).not.toContain('scheduled');
    // Back on: the closing message goes out again.
    expect((await t.api('PUT', path, adminToken, { sendMessages: true })).status).toBe(200);
    await closeReferred(row.id, 'Woningcorporatie Haag Wonen');
    expect(await triggers()).toContain('closed');
  }, 120_000);

  it('a sensitive category (overlast): its updates carry a fixed sentence, nothing the desk or the reporter wrote', async () => {
    const number = await sendReport({ service_code: 'overlast', description: 'Buurman Pietersen op nummer 12 draait elke nacht harde muziek.' });
    const id = (await reportRow(number)).id;
    expect((await move(id, { to: 'triaged' })).status).toBe(200);
    await closeReferred(id, 'Woningcorporatie Haag Wonen');
    const mine = (await updatesXml(pollQuery())).filter((u) => u.service_request_id === number);
    expect(mine.map((u) => [u.status, u.description, u.media_url])).toEqual([
      ['INVESTIGATING', 'De melding wordt beoordeeld.', ''],
      ['NOT_COUNCILS_RESPONSIBILITY', 'De melding is doorgestuurd naar de verantwoordelijke partij.', ''],
    ]);
  }, 120_000);
});
