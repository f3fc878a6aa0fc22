import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateHotspots, hotspotWindow } from '../../server/domain/hotspots';
import type { HotspotsResponse } from '../../server/protocol/intake';
import type { Report } from '../../server/protocol/report';
import type { SearchAnswer } from '../../server/protocol/search';
import { reportPlacesBetween } from '../../server/store/hotspots';
import { reportsInView } from '../../server/store/map-view';
import { fillReportCells } from '../../server/store/report-cells';
import { storeKinds } from '../support/databases';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';
import { CLOSE_NO_ACTION } from '../support/privacy-fixtures';

type ErrorBody = { code: string; message: string; fields?: Record<string, string> };
const DAY = 86_400_000;

describe.each(storeKinds)('finding reports, the map view and hotspots over %s', (store) => {
  let t: TestHub;
  let token: string;
  const made: Report[] = [];

  const create = async (overrides: Parameters<typeof sampleReport>[0]) => {
    const res = await t.api<Report>('POST', '/api/reports', token, sampleReport(overrides));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    made.push(res.body);
    return res.body;
  };
  const search = (q: string, limit?: number) =>
    t.api<SearchAnswer & ErrorBody>('GET', `/api/reports/search?q=${encodeURIComponent(q)}${limit ? `&limit=${limit}` : ''}`, token);

  beforeAll(async () => {
    t = await startTestHub({ store });
    token = (await t.login('centralist')).token;
    await create({ address: 'Zeestraat 12', description: 'Fietswrak aan het hek bij de brug' });
    await create({ address: 'Zeestraat 120', description: 'Lantaarnpaal brandt niet' });
    await create({ address: 'Zeeheldenkade 3', description: 'Grofvuil op de stoep' });
    const closed = await create({ address: 'Bloemgracht 7', description: 'Geluidsoverlast zeehonden-feest' });
    const res = await t.api('POST', `/api/reports/${closed.id}/transition`, token, { to: 'closed', resolution: CLOSE_NO_ACTION });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('finds a report by its number in any spelling, closed ones too', async () => {
    const closed = made[3]!;
    for (const q of [closed.number, closed.number.toLowerCase(), closed.number.replace(/^M-0*/, ''), closed.number.replace('-', '')]) {
      const res = await search(q);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.hits[0], q).toMatchObject({ id: closed.id, number: closed.number, status: 'closed', match: 'number' });
    }
  });

  it('ranks the exact number first, then address prefixes, then words; the newest first within words', async () => {
    const byAddress = await search('zeestraat 12');
    expect(byAddress.body.hits.map((h) => [h.address, h.match])).toEqual([
      ['Zeestraat 12', 'address'],
      ['Zeestraat 120', 'address'],
    ]);
    const prefix = await search('Zee');
    // Addresses in order (bytewise, case folded), then the words: "zeehonden" in the closed report's description.
    expect(prefix.body.hits.map((h) => [h.address, h.match])).toEqual([
      ['Zeeheldenkade 3', 'address'],
      ['Zeestraat 12', 'address'],
      ['Zeestraat 120', 'address'],
      ['Bloemgracht 7', 'words'],
    ]);
    // "zeehond" is no address prefix: only the words of the closed report's description match.
    const words = await search('zeehond feest');
    expect(words.body.hits.map((h) => [h.id, h.match])).toEqual([[made[3]!.id, 'words']]);
    const hek = await search('hek fietswrak');
    expect(hek.body.hits.map((h) => h.id)).toEqual([made[0]!.id]);
    // The number of the third report, then every report whose address or description holds a word starting with it.
    const third = made[2]!;
    const digits = third.number.replace(/^M-0*/, '');
    const mixed = await search(digits);
    expect(mixed.body.hits[0]).toMatchObject({ id: third.id, match: 'number' });
    const newestFirst = (await search('stoep', 50)).body.hits.filter((h) => h.match === 'words');
    expect(newestFirst.map((h) => h.createdAt)).toEqual([...newestFirst.map((h) => h.createdAt)].sort().reverse());
  });

  it('treats what was typed as text, never as SQL or query syntax', async () => {
    for (const q of ["'; drop table reports; --", 'stoep" OR "1', 'a & b | !c:*', "zee%' or '1'='1", 'NEAR(x y)', '\\%_']) {
      const res = await search(q);
      expect(res.status, `${q}: ${JSON.stringify(res.body)}`).toBe(200);
      expect(res.body.hits.every((h) => made.some((m) => m.id === h.id))).toBe(true);
    }
    const count = await sql<{ n: number }>`select count(*) as n from reports`.execute(t.hub.store.db);
    expect(Number(count.rows[0]!.n)).toBeGreaterThanOrEqual(made.length);
  });

  it('refuses an empty or one-letter search with a clear error, and strangers', async () => {
    for (const q of ['', ' ', 'z']) {
      const res = await search(q);
      expect(res.status).toBe(422);
      expect(res.body.fields?.q).toMatch(/minstens 2 tekens/);
    }
    expect((await t.api('GET', '/api/reports/search?q=zee')).status).toBe(401);
  });

  it('keeps the words in step with the report: an erased description is no longer found', async () => {
    const report = await create({ address: 'Kerkplein 1', description: 'Kapotte bank bij de kerk' });
    expect((await search('kapotte bank')).body.hits.map((h) => h.id)).toContain(report.id);
    await sql`update reports set description = ${'[verwijderd]'} where id = ${report.id}`.execute(t.hub.store.db);
    expect((await search('kapotte bank')).body.hits.map((h) => h.id)).not.toContain(report.id);
  });

  it('map view: the recent reports and the older open ones inside the box, nothing outside it', async () => {
    const db = t.hub.store.db;
    const box = { minLat: 52.07, maxLat: 52.09, minLng: 4.3, maxLng: 4.32 };
    const since = new Date(Date.now() - 30 * DAY).toISOString();
    const all = await sql<{ id: string; lat: number; lng: number; status: string; created_at: string }>`
      select id, lat, lng, status, created_at from reports`.execute(db);
    const expected = all.rows
      .filter((r) => r.lat >= box.minLat && r.lat <= box.maxLat && r.lng >= box.minLng && r.lng <= box.maxLng)
      .filter((r) => r.created_at >= since || r.status !== 'closed')
      .map((r) => r.id)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    const seen = await reportsInView(db, box, since);
    expect(seen.map((r) => r.id).sort()).toEqual(expected);
    // A moment later than every report: only the open ones stay.
    const later = await reportsInView(db, box, new Date(Date.now() + DAY).toISOString());
    expect(later.every((r) => r.status !== 'closed')).toBe(true);
    expect(later.length).toBeLessThan(seen.length);
  });

  it('hotspots over whole days: the day counts follow every change of creation time, outcome and deletion', async () => {
    const db = t.hub.store.db;
    // Spread the reports over 70 days (the update trigger moves their day counts), one becomes a merged duplicate.
    const all = await sql<{ id: string }>`select id from reports order by number`.execute(db);
    for (const [i, row] of all.rows.entries()) {
      const at = new Date(Date.now() - ((i * 9.7) % 70) * DAY - i * 3_600_000).toISOString();
      await sql`update reports set created_at = ${at} where id = ${row.id}`.execute(db);
    }
    await sql`update reports set outcome = 'duplicate' where id = ${all.rows[1]!.id}`.execute(db);
    const cellsOf = async (days: number) => {
      const res = await t.api<HotspotsResponse>('GET', `/api/hotspots?days=${days}&resolution=8`, token);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body as Extract<HotspotsResponse, { cells: unknown }>;
    };
    const expectedFor = async (days: number) => {
      const now = new Date();
      const window = hotspotWindow(now, days);
      const places = await reportPlacesBetween(db, window.previousFrom, window.until);
      return aggregateHotspots(
        places.map((p) => ({ ...p, kind: 'report' as const })),
        { now, days, resolution: 8, limit: 200 },
      );
    };
    for (const days of [1, 3, 10, 30]) {
      const got = await cellsOf(days);
      const want = await expectedFor(days);
      expect(got.totals, `days=${days}`).toEqual(want.totals);
      expect(got.cells.map((c) => [c.cell, c.reports, c.previousCount])).toEqual(want.cells.map((c) => [c.cell, c.reports, c.previousCount]));
    }
    const total = await sql<{ n: number }>`select coalesce(sum(n), 0) as n from hotspot_days`.execute(db);
    const counted = await sql<{ n: number }>`select count(*) as n from reports where outcome is null or outcome <> 'duplicate'`.execute(db);
    expect(Number(total.rows[0]!.n)).toBe(Number(counted.rows[0]!.n));
  });

  it('hotspots from the stored cells equal aggregateHotspots over the places, also for reports loaded without a cell', async () => {
    const db = t.hub.store.db;
    const answer = async (resolution: number) => {
      const res = await t.api<HotspotsResponse>('GET', `/api/hotspots?days=30&resolution=${resolution}`, token);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body as Extract<HotspotsResponse, { cells: unknown }>;
    };
    const expected = async (resolution: number) => {
      const now = new Date();
      const window = hotspotWindow(now, 30);
      const places = await reportPlacesBetween(db, window.previousFrom, window.until);
      return aggregateHotspots(
        places.map((p) => ({ ...p, kind: 'report' as const })),
        { now, days: 30, resolution, limit: 200 },
      );
    };
    for (const resolution of [7, 8, 9]) {
      const got = await answer(resolution);
      const want = await expected(resolution);
      expect(got.cells.map((c) => [c.cell, c.count, c.previousCount])).toEqual(want.cells.map((c) => [c.cell, c.count, c.previousCount]));
      expect(got.totals).toEqual(want.totals);
      expect(got.cells[0]).toEqual(want.cells[0]);
    }
    // Reports written outside the hub (a bulk load) have no cell yet: counted from their place until filled.
    await sql`update reports set h3_r8 = null`.execute(db);
    const unplaced = await answer(8);
    expect(unplaced.cells.map((c) => [c.cell, c.count])).toEqual((await expected(8)).cells.map((c) => [c.cell, c.count]));
    const total = Number((await sql<{ n: number }>`select count(*) as n from reports`.execute(db)).rows[0]!.n);
    expect(await fillReportCells(db)).toBe(total);
    expect((await answer(8)).totals).toEqual((await expected(8)).totals);
  });
});
