import { latLngToCell } from 'h3-js';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { HubEvent } from '../../server/protocol/events';
import type { HotspotsResponse, SignalImportResult, SignalsResponse } from '../../server/protocol/intake';
import type { Report } from '../../server/protocol/report';
import { countSignals } from '../../server/store/signals';
import { storeKinds } from '../support/databases';
import { sampleReport, startTestHub, type TestHub, until, waitFor } from '../support/hub';

const KEY = 'test-webhook-sleutel-0123456789abcdef';

type ErrorBody = { code: string; message: string; fields?: Record<string, string> };

const DAY = 86_400_000;
function localDate(daysAgo: number): string {
  // DD-MM-JJJJ 12:00, Dutch local time: well inside the day whatever the offset.
  const d = new Date(Date.now() - daysAgo * DAY);
  return `${String(d.getUTCDate()).padStart(2, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${d.getUTCFullYear()} 12:00`;
}

// Two places without demo reports: Ypenburg and Wateringse Veld.
const YPENBURG = { lat: 52.043, lng: 4.372 };
const WATERINGSE_VELD = { lat: 52.037, lng: 4.288 };

/** key null: no header at all. */
async function webhook(t: TestHub, body: unknown, key: string | null = KEY) {
  const res = await fetch(`${t.hub.url}/api/signals/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key !== null ? { 'x-meldkamer-webhook-key': key } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as { signal: { id: string; lat: number; lng: number; place: string | null }; created: boolean } & ErrorBody };
}

describe.each(storeKinds)('signals and hotspots over %s', (store) => {
  let t: TestHub;
  let token: string;
  let chefToken: string;

  beforeEach(async () => {
    t = await startTestHub({ store, config: { webhookKey: KEY } });
    token = (await t.login('centralist')).token;
    chefToken = (await t.login('chef')).token;
  });
  afterEach(async () => {
    await t.stop();
  });

  it('imports survey CSV: bad rows reported and skipped, good rows stored in one batch, consoles told; a dry run writes nothing', async () => {
    const csv = [
      'Nr;Opmerking;Breedte;Lengte;Datum;Wijk',
      `1;"Veel afval; vooral na het weekend";52,0705;4,3010;${localDate(3)};Schilderswijk`,
      `2;Hangjongeren bij het speelveld;52.0643;4.2955;${localDate(4)};Transvaal`,
      `3;;52.0643;4.2955;${localDate(4)};Transvaal`,
      `4;Fietswrakken;noord;4.2955;${localDate(4)};`,
      `5;"Zeg ""stop"" met parkeren op de stoep";52.0790;4.3130;${localDate(5)};Centrum`,
      `6;Datum onleesbaar;52.0790;4.3130;gisteren;Centrum`,
    ].join('\n');
    const mapping = { text: 'Opmerking', lat: 'Breedte', lng: 'Lengte', occurredAt: 'Datum', place: 'Wijk', externalId: 'Nr' };

    const preview = await t.api<SignalImportResult>('POST', '/api/signals/preview', token, { csv, mapping });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body).toMatchObject({ dryRun: true, imported: 0, valid: 3, rejectedCount: 3, delimiter: ';', batchId: null });
    expect(preview.body.preview.map((r) => r.text)).toEqual(['Veel afval; vooral na het weekend', 'Hangjongeren bij het speelveld', 'Zeg "stop" met parkeren op de stoep']);
    expect(await countSignals(t.hub.store.db)).toBe(0);

    const console = t.connectConsole(chefToken);
    await waitFor(console, 'connect');
    const heard = waitFor<HubEvent>(console, 'event');

    const res = await t.api<SignalImportResult>('POST', '/api/signals/import', token, { csv, mapping, survey: 'Bewonerspeiling 2026' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ dryRun: false, imported: 3, valid: 3, rejectedCount: 3 });
    expect(res.body.rejected.map((r) => r.row)).toEqual([3, 4, 6]);
    expect(res.body.rejected[0]?.errors).toEqual({ text: 'Tekst ontbreekt' });
    expect(res.body.rejected[1]?.errors.lat).toBe('Breedtegraad "noord" is geen getal');
    expect(res.body.rejected[2]?.errors.occurredAt).toMatch(/Onbekende datum/);
    expect(await countSignals(t.hub.store.db)).toBe(3);
    const event = await heard;
    expect(event).toMatchObject({ type: 'signals.changed', count: 3 });

    const list = await t.api<SignalsResponse>('GET', '/api/signals?days=30', token);
    expect(list.status).toBe(200);
    expect(list.body.signals).toHaveLength(3);
    expect(list.body.signals.every((s) => s.source === 'survey' && s.batchId === res.body.batchId && s.channel === 'Bewonerspeiling 2026')).toBe(true);
    expect(list.body.signals.map((s) => s.place).sort()).toEqual(['Centrum', 'Schilderswijk', 'Transvaal']);

    // The same file again: rows with an id already stored are reported, nothing is stored twice.
    const again = await t.api<SignalImportResult>('POST', '/api/signals/import', token, { csv, mapping });
    expect(again.body).toMatchObject({ imported: 0, valid: 0, rejectedCount: 6 });
    expect(again.body.rejected.find((r) => r.row === 1)?.errors.externalId).toMatch(/al eerder geïmporteerd/);
    expect(await countSignals(t.hub.store.db)).toBe(3);
  });

  it('stores all good rows or none: a failure in the second insert chunk leaves no signal and no event', async () => {
    // A database trigger stands in for a failure halfway through (disk full, lost connection).
    if (store === 'sqlite') {
      await sql`create trigger boom before insert on signals when new.text = 'boem' begin select raise(abort, 'boem'); end`.execute(t.hub.store.db);
    } else {
      await sql`create function boom() returns trigger language plpgsql as $$ begin if new.text = 'boem' then raise exception 'boem'; end if; return new; end $$`.execute(t.hub.store.db);
      await sql`create trigger boom before insert on signals for each row execute function boom()`.execute(t.hub.store.db);
    }
    const lines = ['tekst,lat,lng', ...Array.from({ length: 700 }, (_, i) => `${i === 600 ? 'boem' : `Signaal ${i}`},52.07,4.30`)];
    const before = (await t.fetchEvents(token, 0)).latestSeq;
    const res = await t.api<ErrorBody>('POST', '/api/signals/import', token, { csv: lines.join('\n'), mapping: { text: 'tekst', lat: 'lat', lng: 'lng' } });
    expect(res.status).toBe(500);
    expect(await countSignals(t.hub.store.db)).toBe(0);
    expect((await t.fetchEvents(token, 0)).latestSeq).toBe(before);
  });

  it('refuses an unreadable file, an unknown column and the wrong role, writing nothing', async () => {
    const mapping = { text: 'tekst', lat: 'lat', lng: 'lng' };
    const broken = await t.api<ErrorBody>('POST', '/api/signals/import', token, { csv: 'tekst,lat,lng\n"kapot,52.1,4.3\n', mapping });
    expect(broken.status).toBe(422);
    expect(broken.body.fields?.csv).toMatch(/aanhalingsteken/);
    const column = await t.api<ErrorBody>('POST', '/api/signals/import', token, { csv: 'tekst,lat,lon\nx,52.1,4.3\n', mapping });
    expect(column.status).toBe(422);
    expect(column.body.fields?.['mapping.lng']).toContain('"lng"');
    const politie = (await t.login('politie')).token;
    expect((await t.api('POST', '/api/signals/import', politie, { csv: 'tekst,lat,lng\nx,52.1,4.3\n', mapping })).status).toBe(403);
    expect(await countSignals(t.hub.store.db)).toBe(0);
  });

  it('webhook: a missing or wrong key is refused and writes nothing; a valid key stores the post once', async () => {
    const post = { text: 'Weer een berg afval bij de container op de hoek', lat: 52.0707, lng: 4.3007, url: 'https://social.example/p/1', time: new Date().toISOString(), source: 'x', id: 'post-1' };
    expect((await webhook(t, post, null)).status).toBe(401);
    expect((await webhook(t, post, '')).status).toBe(401);
    expect((await webhook(t, post, 'fout')).status).toBe(401);
    expect((await webhook(t, post, `${KEY}x`)).status).toBe(401);
    expect(await countSignals(t.hub.store.db)).toBe(0);
    expect((await t.fetchEvents(token, 0)).events.some((e) => e.type === 'signals.changed')).toBe(false);

    const stored = await webhook(t, post);
    expect(stored.status, JSON.stringify(stored.body)).toBe(201);
    expect(stored.body.signal).toMatchObject({ lat: 52.0707, lng: 4.3007 });
    const repeated = await webhook(t, post);
    expect(repeated.status).toBe(200);
    expect(repeated.body).toMatchObject({ created: false, signal: { id: stored.body.signal.id } });

    // A place name from the built-in gazetteer; an unknown one is refused.
    const byPlace = await webhook(t, { text: 'Fietsen op de stoep', place: 'Schilderswijk, Den Haag', time: new Date().toISOString(), source: 'facebook' });
    expect(byPlace.status, JSON.stringify(byPlace.body)).toBe(201);
    expect(byPlace.body.signal).toMatchObject({ place: 'Schilderswijk, Den Haag', lat: 52.0705, lng: 4.301 });
    const unknownPlace = await webhook(t, { text: 'Overlast', place: 'Amersfoort', time: new Date().toISOString(), source: 'x' });
    expect(unknownPlace.status).toBe(422);
    expect(unknownPlace.body.fields?.place).toMatch(/onbekend/);
    const noLocation = await webhook(t, { text: 'Overlast', time: new Date().toISOString(), source: 'x' });
    expect(noLocation.status).toBe(422);
    const badTime = await webhook(t, { text: 'Overlast', lat: 52.07, lng: 4.3, time: 'gisteren', source: 'x' });
    expect(badTime.status).toBe(422);
    expect(await countSignals(t.hub.store.db)).toBe(2);
  });

  it('answers a dry run, a repeated post and an unplaceable post without taking the write lock', async () => {
    // Counts the write transactions (each holds the event-log lock) the hub opens from here on.
    const store = t.hub.store as { writeTransaction: TestHub['hub']['store']['writeTransaction'] };
    const writeTransaction = store.writeTransaction;
    let writes = 0;
    store.writeTransaction = (fn) => {
      writes += 1;
      return writeTransaction(fn);
    };
    const mapping = { text: 'tekst', lat: 'lat', lng: 'lng' };
    const dryRun = await t.api<SignalImportResult>('POST', '/api/signals/import', token, { csv: 'tekst,lat,lng\nAfval,52.07,4.3\n', mapping, dryRun: true });
    expect(dryRun.status, JSON.stringify(dryRun.body)).toBe(200);
    expect(dryRun.body).toMatchObject({ dryRun: true, imported: 0, valid: 1 });
    expect(writes).toBe(0);

    const post = { text: 'Afval bij de container', lat: 52.0707, lng: 4.3007, time: new Date().toISOString(), source: 'x', id: 'post-9' };
    expect((await webhook(t, post)).status).toBe(201);
    // The stored post gets its nearest address in a second write after the answer (commands/signal-address.ts).
    const addressed = async () =>
      (await t.api<SignalsResponse>('GET', '/api/signals?days=7', token)).body.signals.some((s) => s.externalId === 'post-9' && s.address !== undefined);
    await until(addressed, 10_000, "the post's address");
    expect(writes).toBe(2);
    expect((await webhook(t, post)).status).toBe(200);
    expect((await webhook(t, { text: 'Overlast', place: 'Amersfoort', time: new Date().toISOString(), source: 'x' })).status).toBe(422);
    expect((await webhook(t, { text: 'Overlast', time: new Date().toISOString(), source: 'x' })).status).toBe(422);
    expect(writes).toBe(2);
  });

  it('hotspots: reports and signals per H3 cell with the previous window and the trend, with a boundary to draw', async () => {
    for (let i = 0; i < 3; i += 1) {
      const res = await t.api<Report>('POST', '/api/reports', token, sampleReport({ location: { lat: YPENBURG.lat + i * 1e-4, lng: YPENBURG.lng }, description: `Afval bij de bank ${i}` }));
      expect(res.status).toBe(201);
    }
    const rows = [
      ['tekst', 'lat', 'lng', 'datum'],
      ['Afval', YPENBURG.lat, YPENBURG.lng, localDate(5)],
      ['Afval', YPENBURG.lat, YPENBURG.lng, localDate(6)],
      ['Afval', YPENBURG.lat, YPENBURG.lng, localDate(40)],
      ['Honden', WATERINGSE_VELD.lat, WATERINGSE_VELD.lng, localDate(2)],
      ...Array.from({ length: 4 }, () => ['Honden', WATERINGSE_VELD.lat, WATERINGSE_VELD.lng, localDate(45)]),
      ['Te oud', WATERINGSE_VELD.lat, WATERINGSE_VELD.lng, localDate(90)],
    ];
    const imported = await t.api<SignalImportResult>('POST', '/api/signals/import', chefToken, {
      csv: rows.map((r) => r.join(',')).join('\n'),
      mapping: { text: 'tekst', lat: 'lat', lng: 'lng', occurredAt: 'datum' },
    });
    expect(imported.body.imported).toBe(9);

    const res = await t.api<HotspotsResponse>('GET', '/api/hotspots?days=30&resolution=8', token);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const ypenburg = res.body.cells.find((c) => c.cell === latLngToCell(YPENBURG.lat, YPENBURG.lng, 8));
    const wateringen = res.body.cells.find((c) => c.cell === latLngToCell(WATERINGSE_VELD.lat, WATERINGSE_VELD.lng, 8));
    expect(ypenburg).toMatchObject({ count: 5, reports: 3, signals: 2, previousCount: 1, change: 4, trend: 'rising' });
    expect(wateringen).toMatchObject({ count: 1, reports: 0, signals: 1, previousCount: 4, change: -3, trend: 'falling' });
    expect(ypenburg?.boundary).toHaveLength(7);
    expect(ypenburg?.boundary[0]).toEqual(ypenburg?.boundary.at(-1));
    // Ranked by count: the Ypenburg cell comes before every cell with fewer.
    const counts = res.body.cells.map((c) => c.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(res.body.cells.indexOf(ypenburg ?? res.body.cells[0]!)).toBeLessThan(res.body.cells.indexOf(wateringen ?? res.body.cells[0]!));
    // 21 demo reports, 3 new ones, 3 recent signals.
    expect(res.body.totals.count).toBe(27);
    expect(res.body.totals.previousCount).toBe(5);

    // A shorter window: the 5- and 6-day-old signals drop out of the current window.
    const week = await t.api<HotspotsResponse>('GET', '/api/hotspots?days=4&resolution=8', token);
    expect(week.body.cells.find((c) => c.cell === ypenburg?.cell)).toMatchObject({ count: 3, previousCount: 2, trend: 'steady' });

    expect((await t.api<ErrorBody>('GET', '/api/hotspots?resolution=3', token)).status).toBe(422);
    expect((await t.api('GET', '/api/hotspots')).status).toBe(401);
  });
});

describe('webhook without a configured key', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ store: 'sqlite' });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('answers 503 and writes nothing', async () => {
    const res = await webhook(t, { text: 'Afval', lat: 52.07, lng: 4.3, time: new Date().toISOString(), source: 'x' });
    expect(res.status).toBe(503);
    expect(res.body.message).toMatch(/niet geconfigureerd/);
    expect(await countSignals(t.hub.store.db)).toBe(0);
  });
});
