import { XMLParser } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CreatedApiKey } from '../../server/protocol/admin';
import { type HubEvent, reportOf } from '../../server/protocol/events';
import type { Report } from '../../server/protocol/report';
import type { ApiKeyInfo } from '../../server/protocol/admin';
import { storeKinds } from '../support/databases';
import { sampleReport, startTestHub, type TestHub, until, waitFor } from '../support/hub';
import { startTestSmtp, type TestSmtp } from '../support/smtp';

/**
 * Open311 GeoReport v2 against the running hub over real HTTP, as a client written from the spec
 * would use it: form-encoded POSTs, XML and JSON reads, the spec's element names, types and errors.
 */

const W3C_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;
const REQUEST_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
];
const SERVICE_FIELDS = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'];
const ATTRIBUTE_FIELDS = ['variable', 'code', 'datatype', 'required', 'datatype_description', 'order', 'description', 'values'];

// Repeated elements always as arrays, every value as text: the test checks the text itself.
const xml = new XMLParser({
  ignoreDeclaration: true,
  parseTagValue: false,
  isArray: (name) => ['service', 'request', 'error', 'attribute', 'value', 'endpoint', 'format'].includes(name),
});

type Xml = Record<string, unknown>;
type Json = Record<string, unknown>;

interface Fetched {
  status: number;
  contentType: string | null;
  text: string;
  headers: Headers;
}

function form(pairs: [string, string][]): string {
  return new URLSearchParams(pairs).toString();
}

describe.each(storeKinds)('Open311 GeoReport v2 over %s', (store) => {
  let t: TestHub;
  let smtp: TestSmtp;
  let adminToken: string;
  let apiKey: CreatedApiKey;

  const url = (path: string) => `${t.hub.url}/open311/v2/${path}`;

  async function get(path: string, headers: Record<string, string> = {}): Promise<Fetched> {
    const res = await fetch(url(path), { headers });
    return { status: res.status, contentType: res.headers.get('content-type'), text: await res.text(), headers: res.headers };
  }
  async function getXml(path: string): Promise<{ status: number; body: Xml; res: Fetched }> {
    const res = await get(path);
    expect(res.contentType).toBe('text/xml; charset=utf-8');
    expect(res.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    return { status: res.status, body: xml.parse(res.text), res };
  }
  async function getJson<T = Json[]>(path: string): Promise<{ status: number; body: T }> {
    const res = await get(path);
    expect(res.contentType).toBe('application/json; charset=utf-8');
    return { status: res.status, body: JSON.parse(res.text) as T };
  }
  async function post(format: 'xml' | 'json', body: string, headers: Record<string, string> = {}): Promise<Fetched> {
    const res = await fetch(url(`requests.${format}`), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers },
      body,
    });
    return { status: res.status, contentType: res.headers.get('content-type'), text: await res.text(), headers: res.headers };
  }
  /** The app asks its users' consent to be contacted (the flag the admin sets on its key), unless told otherwise. */
  async function issueKey(clientName: string, contactConsent = true): Promise<CreatedApiKey> {
    const res = await t.api<CreatedApiKey>('POST', '/api/admin/api-keys', adminToken, { clientName, contactConsent });
    expect(res.status).toBe(201);
    return res.body;
  }
  const afvalPairs = (key: string, extra: [string, string][] = []): [string, string][] => [
    ['api_key', key],
    ['service_code', 'afval'],
    ['lat', '52.0799'],
    ['long', '4.3113'],
    ['attribute[soort]', 'grofvuil'],
    ...extra,
  ];
  async function createOverOpen311(extra: [string, string][] = [], key = apiKey.key): Promise<string> {
    const res = await post('json', form(afvalPairs(key, extra)));
    expect(res.status, res.text).toBe(200);
    const [created] = JSON.parse(res.text) as { service_request_id: string }[];
    if (!created) throw new Error('no request in the response');
    return created.service_request_id;
  }

  beforeEach(async () => {
    smtp = await startTestSmtp();
    t = await startTestHub({ store, smtp });
    adminToken = (await t.login('admin')).token;
    apiKey = await issueKey('BuitenBeter');
  });
  afterEach(async () => {
    await t.stop();
    await smtp.stop();
  });

  it('serves service discovery in XML and JSON', async () => {
    for (const path of ['/open311/discovery', '/open311/v2/discovery']) {
      const x = await fetch(`${t.hub.url}${path}.xml`);
      expect(x.headers.get('content-type')).toBe('text/xml; charset=utf-8');
      const doc = xml.parse(await x.text()) as { discovery: Xml };
      expect(Object.keys(doc.discovery)).toEqual(['changeset', 'contact', 'key_service', 'endpoints']);
      const endpoint = (doc.discovery.endpoints as { endpoint: Xml[] }).endpoint[0];
      expect(endpoint).toMatchObject({
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: `${t.hub.url}/open311/v2`,
        type: 'production',
        formats: { format: ['text/xml', 'application/json'] },
      });
      const j = await fetch(`${t.hub.url}${path}.json`);
      expect(j.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const json = (await j.json()) as Json;
      expect(json.endpoints).toEqual([
        { specification: 'http://wiki.open311.org/GeoReport_v2', url: `${t.hub.url}/open311/v2`, changeset: json.changeset, type: 'production', formats: ['text/xml', 'application/json'] },
        // mySociety's extension (servicerequestupdates), README "Open311".
        {
          specification: 'https://github.com/mysociety/FixMyStreet/wiki/Open311-FMS---Proposed-differences-to-Open311',
          url: `${t.hub.url}/open311/v2`,
          changeset: json.changeset,
          type: 'production',
          formats: ['text/xml', 'application/json'],
        },
      ]);
    }
  });

  it('lists services (the categories) with the spec fields in XML and JSON', async () => {
    const { status, body } = await getXml('services.xml');
    expect(status).toBe(200);
    const services = (body.services as { service: Xml[] }).service;
    expect(services.map((s) => s.service_code)).toEqual(['afval', 'parkeren', 'zwerffiets', 'overlast', 'groen', 'verlichting']);
    for (const s of services) {
      expect(Object.keys(s)).toEqual(SERVICE_FIELDS);
      expect(['true', 'false']).toContain(s.metadata);
      expect(s.type).toBe('realtime');
    }
    expect(services.find((s) => s.service_code === 'afval')).toMatchObject({ metadata: 'true', group: 'Toezicht afval', service_name: 'Afval naast container' });
    expect(services.find((s) => s.service_code === 'groen')?.metadata).toBe('false');

    const json = await getJson('services.json');
    expect(json.body).toHaveLength(6);
    for (const s of json.body) {
      expect(Object.keys(s)).toEqual(SERVICE_FIELDS);
      expect(typeof s.metadata).toBe('boolean');
      expect(typeof s.keywords).toBe('string');
    }
    expect(json.body.filter((s) => s.metadata).map((s) => s.service_code)).toEqual(['afval', 'parkeren', 'zwerffiets']);
    const english = JSON.parse((await get('services.json', { 'accept-language': 'en' })).text) as Json[];
    expect(english[0]?.service_name).toBe('Waste next to container');
  });

  it('defines services with attributes, and 404 for an unknown service code', async () => {
    const { body } = await getXml('services/afval.xml');
    const definition = body.service_definition as { service_code: string; attributes: { attribute: Xml[] } };
    expect(definition.service_code).toBe('afval');
    const [soort, hinder] = definition.attributes.attribute;
    expect(Object.keys(soort ?? {})).toEqual(ATTRIBUTE_FIELDS);
    expect(soort).toMatchObject({ variable: 'true', code: 'soort', datatype: 'singlevaluelist', required: 'true', order: '1' });
    expect(((soort as Xml).values as { value: Xml[] }).value.map((v) => v.key)).toEqual(['huisvuil', 'grofvuil', 'bedrijfsafval']);
    expect(hinder).toMatchObject({ code: 'hinder', datatype: 'multivaluelist', required: 'false', order: '2' });

    const json = await getJson<{ service_code: string; attributes: Json[] }>('services/zwerffiets.json');
    expect(json.body.service_code).toBe('zwerffiets');
    expect(json.body.attributes.map((a) => [a.code, a.variable, a.datatype, a.required, a.order])).toEqual([
      ['werkwijze', false, 'string', false, 1],
      ['aantal', true, 'number', true, 2],
    ]);
    expect(json.body.attributes[0]?.datatype_description).toBeNull();
    expect(json.body.attributes[1]?.values).toEqual([]);

    const none = await getJson<{ service_code: string; attributes: Json[] }>('services/groen.json');
    expect(none.body).toEqual({ service_code: 'groen', attributes: [] });

    const missingXml = await getXml('services/kabouters.xml');
    expect(missingXml.status).toBe(404);
    expect(missingXml.body).toEqual({ errors: { error: [{ code: '404', description: 'service_code "kabouters" was not found' }] } });
    const missingJson = await getJson('services/kabouters.json');
    expect(missingJson).toEqual({ status: 404, body: [{ code: 404, description: 'service_code "kabouters" was not found' }] });
  });

  it('creates a request from a form-encoded POST, gives the report number, and reads it back in both formats', async () => {
    const res = await post(
      'xml',
      form(
        afvalPairs(apiKey.key, [
          ['jurisdiction_id', 'denhaag.nl'],
          ['address_string', 'Lange Voorhout 34, Den Haag'],
          ['email', 'melder@example.nl'],
          ['first_name', 'Jan'],
          ['last_name', 'Jansen'],
          ['phone', '0612345678'],
          ['device_id', 'ios-42'],
          ['account_id', 'acc-7'],
          ['description', 'Matras & kast naast de container — al drie dagen'],
          ['media_url', 'https://images.example.org/matras.jpg'],
          ['attribute[hinder][]', 'stank'],
          ['attribute[hinder][]', 'stoep_geblokkeerd'],
        ]),
      ),
    );
    expect(res.status, res.text).toBe(200);
    expect(res.contentType).toBe('text/xml; charset=utf-8');
    const created = (xml.parse(res.text) as { service_requests: { request: Xml[] } }).service_requests.request;
    expect(created).toHaveLength(1);
    expect(Object.keys(created[0] ?? {})).toEqual(['service_request_id', 'service_notice', 'account_id']);
    const id = String(created[0]?.service_request_id);
    expect(id).toMatch(/^M-\d{6}$/);
    expect(created[0]?.account_id).toBe('acc-7');
    expect(created[0]?.service_notice).toMatch(/Toezicht afval handelt meldingen als deze binnen 3 werkdagen af/);

    // The report itself: source open311, created by the key's system user, with the contact and the answers.
    const row = await t.hub.store.db.selectFrom('reports').selectAll().where('number', '=', Number(id.slice(2))).executeTakeFirstOrThrow();
    expect(row.source).toBe('open311');
    expect(row.address).toBe('Lange Voorhout 34, Den Haag');
    expect(row.description).toBe(
      'Matras & kast naast de container — al drie dagen — Soort afval: Grofvuil (meubels, matrassen); Hinder: Stank, Stoep geblokkeerd — Media: https://images.example.org/matras.jpg',
    );
    const actor = await t.hub.store.db.selectFrom('users').selectAll().where('id', '=', row.created_by ?? '').executeTakeFirstOrThrow();
    expect(actor).toMatchObject({ display_name: 'Open311: BuitenBeter', active: 0 });
    const reporter = await t.hub.store.db.selectFrom('reporters').selectAll().where('report_id', '=', row.id).executeTakeFirstOrThrow();
    expect(reporter).toMatchObject({ name: 'Jan Jansen', email: 'melder@example.nl', phone: '0612345678' });
    const extras = await t.hub.store.db.selectFrom('open311_requests').selectAll().where('report_id', '=', row.id).executeTakeFirstOrThrow();
    expect(extras).toMatchObject({ api_key_id: apiKey.id, device_id: 'ios-42', account_id: 'acc-7', media_url: 'https://images.example.org/matras.jpg' });
    expect(JSON.parse(extras.attributes)).toEqual([
      { code: 'soort', values: ['grofvuil'] },
      { code: 'hinder', values: ['stank', 'stoep_geblokkeerd'] },
    ]);

    // The receipt reaches the citizen, as for any report.
    const [receipt] = await smtp.waitForMessages(1);
    expect(receipt?.envelope.to).toEqual(['melder@example.nl']);
    expect(receipt?.text).toContain(id);

    const one = await getXml(`requests/${id}.xml`);
    expect(one.status).toBe(200);
    const [request] = (one.body.service_requests as { request: Xml[] }).request;
    expect(Object.keys(request ?? {})).toEqual(REQUEST_FIELDS);
    expect(request).toMatchObject({
      service_request_id: id,
      status: 'open',
      service_name: 'Afval naast container',
      service_code: 'afval',
      agency_responsible: 'Toezicht afval',
      address: 'Lange Voorhout 34, Den Haag',
      address_id: '',
      zipcode: '',
      lat: '52.0799',
      long: '4.3113',
      media_url: 'https://images.example.org/matras.jpg',
    });
    expect(request?.requested_datetime).toMatch(W3C_WITH_ZONE);
    expect(request?.updated_datetime).toMatch(W3C_WITH_ZONE);
    expect(request?.expected_datetime).toMatch(W3C_WITH_ZONE);
    expect(request?.description).toBe(row.description);
    // status_notes: the latest citizen message, without the citizen's personal link and code.
    expect(request?.status_notes).toContain(id);
    expect(request?.status_notes).toContain(`${t.hub.url}/status`);
    expect(String(request?.status_notes)).not.toContain(row.citizen_token ?? '-');
    expect(String(request?.status_notes)).not.toContain('melder@example.nl');

    const json = await getJson(`requests/${id}.json`);
    expect(json.status).toBe(200);
    expect(json.body).toHaveLength(1);
    const [r] = json.body;
    expect(Object.keys(r ?? {})).toEqual(REQUEST_FIELDS);
    expect(r).toMatchObject({ service_request_id: id, status: 'open', lat: 52.0799, long: 4.3113, address_id: null, zipcode: null });
    expect(r?.requested_datetime).toBe(request?.requested_datetime);
    expect(new Date(String(r?.requested_datetime)).toISOString()).toBe(row.created_at.replace(/\.\d{3}Z$/, '.000Z'));
    expect(r?.status_notes).toBe(request?.status_notes);
  });

  it('accepts literal brackets, repeated multi-values and a body in UTF-8', async () => {
    const body = `api_key=${apiKey.key}&service_code=afval&lat=52.08&long=4.31&attribute[soort]=huisvuil&attribute[hinder][]=stank&attribute[hinder][]=ongedierte&description=${encodeURIComponent('Vuilniszakken bij de Plaats — één week al')}`;
    const res = await post('json', body);
    expect(res.status, res.text).toBe(200);
    const id = (JSON.parse(res.text) as { service_request_id: string }[])[0]?.service_request_id;
    const [request] = (await getJson(`requests/${id}.json`)).body;
    expect(request?.description).toBe('Vuilniszakken bij de Plaats — één week al — Soort afval: Huisvuil (zakken); Hinder: Stank, Ongedierte');
    expect(request?.status_notes).toBeNull();
  });

  it('filters GET requests by id list, service code, status and dates, in a 90-day window by default', async () => {
    const older = await createOverOpen311([['description', 'Oud afval, 100 dagen geleden']]);
    const closed = await createOverOpen311([['description', 'Afval dat al is opgeruimd']]);
    const fresh = await createOverOpen311([['description', 'Vers afval']]);
    const groen = await post('json', form([['api_key', apiKey.key], ['service_code', 'groen'], ['lat', '52.0799'], ['long', '4.3113'], ['description', 'Tak op het fietspad']]));
    const console = { number: (JSON.parse(groen.text) as { service_request_id: string }[])[0]?.service_request_id ?? '' };
    // A report taken by phone is not public (README "Open311"): it is never listed.
    const phone = (await t.api<Report>('POST', '/api/reports', (await t.login('centralist')).token, sampleReport())).body;
    const db = t.hub.store.db;
    const hundredDaysAgo = new Date(Date.now() - 100 * 86_400_000).toISOString();
    await db.updateTable('reports').set({ created_at: hundredDaysAgo }).where('number', '=', Number(older.slice(2))).execute();
    await db.updateTable('reports').set({ status: 'closed', outcome: 'resolved' }).where('number', '=', Number(closed.slice(2))).execute();

    // The demo data has reports of its own: look only at ours.
    const mine = new Set([older, closed, fresh, console.number]);
    const ids = async (query: string) =>
      (await getJson(`requests.json${query}`)).body.map((r) => String(r.service_request_id)).filter((id) => mine.has(id));

    // Default window: the last 90 days, newest first.
    expect(await ids('')).toEqual([console.number, fresh, closed]);
    expect((await getJson('requests.json')).body.map((r) => r.service_request_id)).not.toContain(phone.number);

    expect(await ids(`?service_request_id=${older},${fresh},M-999999`)).toEqual([older, fresh]);
    expect(await ids(`?service_request_id=${fresh}&status=closed&service_code=groen`)).toEqual([fresh]);
    expect(await ids('?service_code=afval')).toEqual([fresh, closed]);
    expect(await ids('?service_code=afval,groen')).toEqual([console.number, fresh, closed]);
    expect(await ids('?service_code=groen&service_code=afval&status=open')).toEqual([console.number, fresh]);
    expect(await ids('?service_code=afval&status=closed')).toEqual([closed]);
    expect(await ids('?service_code=afval&status=open')).toEqual([fresh]);
    expect(await ids('?service_code=afval&status=open,closed')).toEqual([fresh, closed]);

    const start = new Date(Date.now() - 101 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const end = new Date(Date.now() - 99 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
    expect(await ids(`?start_date=${start}&end_date=${encodeURIComponent(end)}`)).toEqual([older]);
    expect(await ids(`?start_date=${start}`)).toEqual([older]);

    const closedOne = (await getXml(`requests/${closed}.xml`)).body.service_requests as { request: Xml[] };
    expect(closedOne.request[0]).toMatchObject({ status: 'closed', expected_datetime: '' });

    const wide = await getJson('requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z');
    expect(wide).toEqual({ status: 400, body: [{ code: 400, description: 'start_date and end_date may not span more than 90 days' }] });
    const badDate = await getXml('requests.xml?start_date=gisteren');
    expect(badDate.status).toBe(400);
    expect((badDate.body.errors as { error: Xml[] }).error[0]?.description).toMatch(/start_date must be a W3C datetime/);
  });

  it('returns at most 1,000 requests, the newest', async () => {
    const db = t.hub.store.db;
    const template = await db.selectFrom('reports').selectAll().orderBy('number', 'desc').executeTakeFirstOrThrow();
    // Older than every demo report (at most a few days old), inside the 90-day window.
    const base = Date.now() - 80 * 86_400_000;
    const rows = Array.from({ length: 1005 }, (_, i) => ({
      ...template,
      id: `bulk-${i}`,
      number: 100_000 + i,
      created_at: new Date(base + i * 1000).toISOString(),
      // Only reports that came in through Open311 are public.
      source: 'open311',
      citizen_token: null,
      citizen_code: null,
    }));
    for (let i = 0; i < rows.length; i += 200) await db.insertInto('reports').values(rows.slice(i, i + 200)).execute();
    const { body } = await getJson('requests.json');
    expect(body).toHaveLength(1000);
    const times = body.map((r) => Date.parse(String(r.requested_datetime)));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const returned = new Set(body.map((r) => r.service_request_id));
    expect(returned.has('M-101004')).toBe(true);
    expect(returned.has('M-100000')).toBe(false);
    // The spec's id list is not windowed: an old one is still there.
    expect((await getJson('requests.json?service_request_id=M-100000')).body).toHaveLength(1);
  });

  it('shows a scheduled report as open with its follow-up date, and the latest feedback as status notes', async () => {
    const id = await createOverOpen311([['email', 'melder@example.nl']]);
    const db = t.hub.store.db;
    const row = await db.selectFrom('reports').select(['id', 'citizen_token']).where('number', '=', Number(id.slice(2))).executeTakeFirstOrThrow();
    await db.updateTable('reports').set({ status: 'scheduled', follow_up_date: '2027-01-15' }).where('id', '=', row.id).execute();
    const [json] = (await getJson(`requests/${id}.json`)).body;
    expect(json).toMatchObject({ status: 'open', expected_datetime: '2027-01-15T00:00:00+01:00' });
    expect(json?.status_notes).toMatch(/Bedankt voor uw melding/);

    // GET tokens: the citizen's status token (from the link in their messages) leads to the request id.
    const token = row.citizen_token ?? '';
    const byToken = await getXml(`tokens/${token}.xml`);
    expect(byToken.body).toEqual({ service_requests: { request: [{ service_request_id: id, token }] } });
    expect((await getJson(`tokens/${token}.json`)).body).toEqual([{ service_request_id: id, token }]);
  });

  it('refuses with the spec error codes and bodies', async () => {
    const errorsOf = (text: string) => JSON.parse(text) as { code: number; description: string }[];

    const noService = await post('json', form([['api_key', apiKey.key], ['lat', '52.08'], ['long', '4.31']]));
    expect(noService.status).toBe(400);
    expect(errorsOf(noService.text)).toEqual([{ code: 400, description: 'service_code was not provided' }]);

    const badLat = await post('xml', form(afvalPairs(apiKey.key).map(([k, v]) => [k, k === 'lat' ? 'noord' : v])));
    expect(badLat.status).toBe(400);
    expect(badLat.contentType).toBe('text/xml; charset=utf-8');
    expect(xml.parse(badLat.text)).toEqual({ errors: { error: [{ code: '400', description: 'lat must be a decimal number (WGS84), got "noord"' }] } });

    const addressOnly = await post('json', form([['api_key', apiKey.key], ['service_code', 'afval'], ['address_string', 'Nergensstraat 1'], ['attribute[soort]', 'huisvuil']]));
    expect(addressOnly.status).toBe(400);
    expect(errorsOf(addressOnly.text)[0]?.description).toMatch(/lat and long are required/);

    const badAttribute = await post('json', form(afvalPairs(apiKey.key, [['attribute[hinder][]', 'lawaai']])));
    expect(badAttribute.status).toBe(400);
    expect(errorsOf(badAttribute.text)[0]?.description).toMatch(/attribute\[hinder\] has no value "lawaai"/);
    const missingAttribute = await post('json', form([['api_key', apiKey.key], ['service_code', 'zwerffiets'], ['lat', '52.08'], ['long', '4.31']]));
    expect(errorsOf(missingAttribute.text)).toEqual([{ code: 400, description: 'attribute[aantal] is required for service zwerffiets' }]);

    const unknownService = await post('json', form([['api_key', apiKey.key], ['service_code', 'kabouters'], ['lat', '52.08'], ['long', '4.31']]));
    expect(unknownService.status).toBe(404);
    expect(errorsOf(unknownService.text)).toEqual([{ code: 404, description: 'service_code "kabouters" was not found' }]);

    const noKey = await post('json', form(afvalPairs('').filter(([k]) => k !== 'api_key')));
    expect(noKey.status).toBe(403);
    expect(errorsOf(noKey.text)).toEqual([{ code: 403, description: 'api_key was not provided' }]);
    const badKey = await post('xml', form(afvalPairs('mk311_not-a-real-key')));
    expect(badKey.status).toBe(403);
    expect(xml.parse(badKey.text)).toEqual({ errors: { error: [{ code: '403', description: 'Invalid api_key: unknown or revoked' }] } });

    const revoked = await issueKey('Oude app');
    await createOverOpen311([], revoked.key);
    const revoke = await t.api<{ key: ApiKeyInfo }>('DELETE', `/api/admin/api-keys/${revoked.id}`, adminToken);
    expect(revoke.status).toBe(200);
    expect(revoke.body.key.revokedAt).toMatch(/Z$/);
    const afterRevoke = await post('json', form(afvalPairs(revoked.key)));
    expect(afterRevoke.status).toBe(403);
    expect(errorsOf(afterRevoke.text)[0]?.description).toBe('Invalid api_key: unknown or revoked');

    const multipart = new FormData();
    multipart.set('api_key', apiKey.key);
    const wrongType = await fetch(url('requests.json'), { method: 'POST', body: multipart });
    expect(wrongType.status).toBe(400);
    expect(((await wrongType.json()) as { code: number }[])[0]?.code).toBe(400);

    const unknownId = await getJson('requests/M-999999.json');
    expect(unknownId).toEqual({ status: 404, body: [{ code: 404, description: 'service_request_id "M-999999" was not found' }] });
    const garbageId = await getXml('requests/not-an-id.xml');
    expect(garbageId.status).toBe(404);
    const unknownToken = await getJson('tokens/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.json');
    expect(unknownToken).toEqual({ status: 404, body: [{ code: 404, description: 'token "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" was not found' }] });
    const unknownPath = await getXml('reports.xml');
    expect(unknownPath.status).toBe(404);
    expect((unknownPath.body.errors as { error: Xml[] }).error[0]?.code).toBe('404');
  });

  it('rate limits accepted POSTs per api key with 429 and Retry-After', async () => {
    const key = await issueKey('Spammer');
    for (let i = 0; i < 60; i++) await createOverOpen311([], key.key);
    const limited = await post('json', form(afvalPairs(key.key)));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(JSON.parse(limited.text)[0]).toMatchObject({ code: 429, description: expect.stringMatching(/at most 60 a minute/) });
    // Other keys are not affected.
    await createOverOpen311();
  });

  it('a request created over Open311 reaches a connected console at once', async () => {
    const socket = t.connectConsole((await t.login('centralist')).token);
    await waitFor(socket, 'connect');
    const events: HubEvent[] = [];
    socket.on('event', (e: HubEvent) => events.push(e));
    const id = await createOverOpen311([['description', 'Live naar de console']]);
    await until(() => events.some((e) => e.type === 'report.created' && reportOf(e)?.number === id), 5000, 'report.created on the console');
    const event = events.find((e) => e.type === 'report.created' && reportOf(e)?.number === id);
    expect(reportOf(event as HubEvent)).toMatchObject({ source: 'open311', category: 'afval', status: 'new' });
  });

  it('lets only admins manage keys; the key is shown once and its system user cannot log in', async () => {
    const centralist = (await t.login('centralist')).token;
    expect((await t.api('POST', '/api/admin/api-keys', centralist, { clientName: 'X' })).status).toBe(403);
    expect((await t.api('GET', '/api/admin/api-keys', centralist)).status).toBe(403);
    expect((await t.api('POST', '/api/admin/api-keys', undefined, { clientName: 'X' })).status).toBe(401);
    expect((await t.api('POST', '/api/admin/api-keys', adminToken, { clientName: ' ' })).status).toBe(422);
    expect((await t.api('DELETE', '/api/admin/api-keys/unknown', adminToken)).status).toBe(404);

    expect(apiKey.key).toMatch(/^mk311_[A-Za-z0-9_-]{43}$/);
    const list = await t.api<{ keys: ApiKeyInfo[] }>('GET', '/api/admin/api-keys', adminToken);
    expect(list.body.keys).toEqual([expect.objectContaining({ id: apiKey.id, clientName: 'BuitenBeter', revokedAt: null, keyPrefix: apiKey.key.slice(0, 12) })]);
    expect(JSON.stringify(list.body)).not.toContain(apiKey.key);
    const stored = await t.hub.store.db.selectFrom('api_keys').selectAll().executeTakeFirstOrThrow();
    expect(stored.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.key_hash).not.toContain(apiKey.key);

    const user = await t.hub.store.db.selectFrom('users').selectAll().where('id', '=', stored.user_id).executeTakeFirstOrThrow();
    for (const password of ['', user.password_hash, apiKey.key]) {
      const login = await t.api('POST', '/api/auth/login', undefined, { username: user.username, password: password || 'x' });
      expect(login.status).toBe(401);
    }
  });
});
