import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../server/store/migrate';
import { reportCell } from '../../server/store/report-cells';
import { searchReports } from '../../server/store/report-search';
import { storeKinds } from '../support/databases';
import { migrateUpTo, type OlderSchema, olderCategory, olderReport, storeForEachTest } from '../support/filled-database';

const PLACES = [
  { lat: 52.07, lng: 4.3 },
  { lat: 52.08, lng: 4.32 },
  { lat: 52.1, lng: 4.28 },
];

function reportRow(n: number) {
  const place = PLACES[n % PLACES.length]!;
  return olderReport(n, {
    lat: place.lat,
    lng: place.lng,
    address: `Laan ${n}`,
    description: n % 2 === 0 ? `Boomtak hangt laag ${n}` : `Lantaarnpaal kapot ${n}`,
    status: n % 5 === 0 ? 'closed' : 'new',
    outcome: n % 5 === 0 ? (n % 10 === 0 ? 'duplicate' : 'resolved') : null,
    created_at: `2026-03-${String(1 + (n % 9)).padStart(2, '0')}T${String(n % 24).padStart(2, '0')}:00:00.000Z`,
  });
}

/** hotspot_days (read as the migration made it) next to the counts the reports give (per UTC day and cell, merged duplicates left out). */
async function dayCounts(db: OlderSchema) {
  const kept = await sql<{ day: string; cell: string; n: number | string }>`
    select day, cell, n from hotspot_days where n > 0 order by day, cell`.execute(db);
  const actual = await sql<{ day: string; cell: string; n: number | string }>`
    select substr(created_at, 1, 10) as day, h3_r8 as cell, count(*) as n from reports
     where outcome is null or outcome <> 'duplicate'
     group by substr(created_at, 1, 10), h3_r8 order by day, cell`.execute(db);
  const plain = (rows: { day: string; cell: string; n: number | string }[]) => rows.map((r) => ({ day: r.day, cell: r.cell, n: Number(r.n) }));
  return { kept: plain(kept.rows), actual: plain(actual.rows) };
}

/**
 * Migration 0013 on a database that already holds reports (as every real control room's does): their cells are
 * filled, the day counts equal the reports, the word index holds them, and the triggers keep all of it after.
 */
describe.each(storeKinds)('migration 0013 on a filled database over %s', (kind) => {
  const fresh = storeForEachTest(kind, '0013');

  it('fills cells, day counts and the word index from the reports there, and keeps them on later writes', async () => {
    const { store } = fresh;
    const old = await migrateUpTo(store.db, '0011_report_counts');
    await old.insertInto('categories').values(olderCategory('groen', { name_nl: 'Groen', name_en: 'Green' })).execute();
    await old.insertInto('reports').values(Array.from({ length: 40 }, (_, i) => reportRow(i + 1))).execute();

    expect(await migrateToLatest(store.db)).toContain('0013_find_map_hotspots');

    const cells = await sql<{ id: string; lat: number; lng: number; h3_r8: string | null }>`select id, lat, lng, h3_r8 from reports`.execute(old);
    expect(cells.rows).toHaveLength(40);
    for (const r of cells.rows) expect(r.h3_r8, r.id).toBe(reportCell(r.lat, r.lng));
    let counts = await dayCounts(old);
    expect(counts.kept).toEqual(counts.actual);
    expect((await searchReports(store.db, 'boomtak', 50)).map((h) => h.id).sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => `r${2 * (i + 1)}`).sort(),
    );

    // Later writes: a description rewritten, a report marked duplicate, one deleted, one moved to another day.
    await sql`update reports set description = 'Lantaarnpaal kapot' where id = 'r2'`.execute(old);
    await sql`update reports set outcome = 'duplicate', status = 'closed' where id = 'r4'`.execute(old);
    await sql`delete from reports where id = 'r6'`.execute(old);
    await sql`update reports set created_at = '2026-02-01T10:00:00.000Z' where id = 'r8'`.execute(old);
    counts = await dayCounts(old);
    expect(counts.kept).toEqual(counts.actual);
    const boomtak = (await searchReports(store.db, 'boomtak', 50)).map((h) => h.id);
    expect(boomtak).not.toContain('r2');
    expect(boomtak).not.toContain('r6');
    expect(boomtak).toHaveLength(18);
    expect((await searchReports(store.db, 'lantaarnpaal', 50)).map((h) => h.id)).toContain('r2');
  });
});
