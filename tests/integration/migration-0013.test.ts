import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, Migrator, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../server/store/migrate';
import { migrations } from '../../server/store/migrations/index';
import { openStore, type Store } from '../../server/store/open';
import { reportCell } from '../../server/store/report-cells';
import { searchReports } from '../../server/store/report-search';
import { createPostgresDatabase, storeKinds, type TestDatabase } from '../support/databases';

const PLACES = [
  { lat: 52.07, lng: 4.3 },
  { lat: 52.08, lng: 4.32 },
  { lat: 52.1, lng: 4.28 },
];

function reportRow(n: number) {
  const place = PLACES[n % PLACES.length]!;
  return {
    id: `r${n}`,
    number: n,
    category: 'groen',
    lat: place.lat,
    lng: place.lng,
    address: `Laan ${n}`,
    description: n % 2 === 0 ? `Boomtak hangt laag ${n}` : `Lantaarnpaal kapot ${n}`,
    source: 'phone',
    priority: 'normal',
    status: n % 5 === 0 ? 'closed' : 'new',
    outcome: n % 5 === 0 ? (n % 10 === 0 ? 'duplicate' : 'resolved') : null,
    created_by: null,
    created_at: `2026-03-${String(1 + (n % 9)).padStart(2, '0')}T${String(n % 24).padStart(2, '0')}:00:00.000Z`,
    updated_at: '2026-03-10T09:00:00.000Z',
    version: n,
  };
}

/** hotspot_days next to the counts the reports give (per UTC day and cell, merged duplicates left out). */
// biome-ignore lint/suspicious/noExplicitAny: hotspot_days is read as the migration made it
async function dayCounts(db: Kysely<any>) {
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
  let dataDir: string;
  let database: TestDatabase | undefined;
  let store: Store;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'meldkamer-0013-'));
    database = kind === 'postgres' ? await createPostgresDatabase() : undefined;
    store = openStore({ dataDir, databaseUrl: database?.url });
  });
  afterEach(async () => {
    await store.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('fills cells, day counts and the word index from the reports there, and keeps them on later writes', async () => {
    const migrator = new Migrator({
      db: store.db,
      provider: { getMigrations: async () => migrations },
      migrationTableName: 'schema_migrations',
      migrationLockTableName: 'schema_migrations_lock',
    });
    expect((await migrator.migrateTo('0011_report_counts')).error).toBeUndefined();
    // biome-ignore lint/suspicious/noExplicitAny: the schema before 0013 has no h3_r8
    const old = store.db as unknown as Kysely<any>;
    await old.insertInto('categories').values({ code: 'groen', name_nl: 'Groen', name_en: 'Green', department: 'Stadsbeheer', sla_working_days: 5, sort_order: 1 }).execute();
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
