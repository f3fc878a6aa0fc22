import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../server/store/migrate';
import * as mapCellsMigration from '../../server/store/migrations/0044_map_cells';
import { migrations } from '../../server/store/migrations/index';
import { MAP_CELL_SQL, mapCellsOfBox } from '../../server/store/map-cells';
import { inCellsQuery, type MapBox, reportsInView } from '../../server/store/map-view';
import { storeKinds } from '../support/databases';
import { migrateAllBut, olderCategory, storeForEachTest } from '../support/filled-database';

const SINCE = '2026-11-01T00:00:00.000Z';

/**
 * Places on a lattice over ~0.2° × 0.3° around Den Haag, many of them exactly on a cell's border (lat ·100 and
 * lng ·60 whole numbers) and on the boxes' edges below; old and recent, open and closed.
 */
function reportRows(): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  let n = 0;
  for (let i = 0; i <= 40; i++) {
    for (let j = 0; j <= 36; j++) {
      n++;
      const lat = 51.98 + i * 0.005;
      const lng = 4.2 + j / 120;
      const recent = n % 4 !== 0;
      rows.push({
        id: `r${n}`,
        number: n,
        category: 'groen',
        lat,
        lng,
        address: null,
        description: 'Omgewaaide boom',
        source: 'phone',
        priority: 'normal',
        status: n % 3 === 0 ? 'closed' : 'new',
        outcome: n % 3 === 0 ? 'resolved' : null,
        created_by: null,
        created_at: recent ? `2026-11-${String(1 + (n % 28)).padStart(2, '0')}T10:00:00.000Z` : `2025-06-${String(1 + (n % 28)).padStart(2, '0')}T10:00:00.000Z`,
        updated_at: '2026-11-29T09:00:00.000Z',
        version: 1,
      });
    }
  }
  return rows;
}

function expected(rows: Record<string, unknown>[], box: MapBox): string[] {
  return rows
    .filter((r) => (r.lat as number) >= box.minLat && (r.lat as number) <= box.maxLat && (r.lng as number) >= box.minLng && (r.lng as number) <= box.maxLng)
    .filter((r) => (r.created_at as string) >= SINCE || r.status !== 'closed')
    .map((r) => r.id as string)
    .sort();
}

const BOXES: MapBox[] = [
  // 2 × 2 km, edges on lattice points and cell borders.
  { minLat: 52.07, maxLat: 52.09, minLng: 4.3, maxLng: 4.3 + 2 / 60 },
  // Edges between lattice points, across several cells.
  { minLat: 52.0012, maxLat: 52.0433, minLng: 4.2111, maxLng: 4.2555 },
  // One point wide.
  { minLat: 52.08, maxLat: 52.08, minLng: 4.35, maxLng: 4.35 },
  // Empty (min above max) and the whole country (more cells than the grid reads: read without it).
  { minLat: 52.1, maxLat: 52.0, minLng: 4.2, maxLng: 4.4 },
  { minLat: 50.7, maxLat: 53.6, minLng: 3.3, maxLng: 7.3 },
];

/**
 * Map view on the grid (migration 0044, store/map-cells.ts): on a database that already holds reports, the
 * migration adds the cell indexes (PostgreSQL) and the map view answers exactly what a plain filter of the box
 * answers, on both stores (edges on lattice points and cell borders, an empty box, a box too large for the grid);
 * on PostgreSQL the store's cell expression is the one the indexes were built on (else the planner cannot use them).
 */
describe.each(storeKinds)('map view by grid cells, migration 0044 on a filled database (%s)', (kind) => {
  const fresh = storeForEachTest(kind, '0044');

  it('answers every box as a plain filter does; on PostgreSQL the store writes the cell expression the indexes were built on', async () => {
    // Every other migration first, then 0044 on the filled database (its own module, registered or not).
    const { store } = fresh;
    const old = await migrateAllBut(store.db, '0044_map_cells');
    const rows = reportRows();
    await old.insertInto('categories').values(olderCategory('groen', { name_nl: 'Groen', name_en: 'Green' })).execute();
    for (let i = 0; i < rows.length; i += 200) await old.insertInto('reports').values(rows.slice(i, i + 200)).execute();
    const answers = async () => {
      for (const box of BOXES) {
        const seen = await reportsInView(store.db, box, SINCE);
        expect(seen.map((r) => r.id).sort(), JSON.stringify(box)).toEqual(expected(rows, box));
      }
    };
    // Before 0044 the same query answers the same (no cell index yet: slower, not different).
    await answers();
    expect(await migrateToLatest(store.db, undefined, { ...migrations, '0044_map_cells': mapCellsMigration })).toEqual(['0044_map_cells']);

    await answers();
    expect(expected(rows, BOXES[0]!).length).toBeGreaterThan(10);
    expect(mapCellsOfBox(BOXES[4]!)).toBeNull();

    if (kind === 'postgres') {
      // PostgreSQL uses an expression index only for the same expression: the store's text must build the index the
      // migration built (on a 1M-report copy EXPLAIN shows both parts as index-only scans of these two indexes).
      const definition = async (name: string) =>
        (await sql<{ d: string }>`select pg_get_indexdef(${name}::regclass) as d`.execute(store.db)).rows[0]!.d.replace(name, 'the_index');
      await sql`create index map_cell_check on reports ((${sql.raw(MAP_CELL_SQL)}), created_at)
        include (lat, lng, status, category, priority, number, id)`.execute(store.db);
      expect(await definition('map_cell_check')).toBe(await definition('reports_map_cells'));
      await sql`drop index map_cell_check`.execute(store.db);
      expect(await definition('reports_map_open_cells')).toContain(`(${(await definition('reports_map_cells')).match(/\(\((floor.*)\), created_at\)/)?.[1]})`);
      const plan = await sql<{ 'QUERY PLAN': string }>`explain ${inCellsQuery(BOXES[0]!, SINCE, mapCellsOfBox(BOXES[0]!) ?? [])}`.execute(store.db);
      expect(plan.rows.length).toBeGreaterThan(0);
    }
  });
});
