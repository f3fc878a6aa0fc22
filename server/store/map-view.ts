import { type Kysely, PostgresAdapter, sql } from 'kysely';
import { MAP_CELL_SQL, mapCellsOfBox } from './map-cells';
import type { DB } from './schema';

export interface MapBox {
  minLat: number;
  maxLat: number;
  minLng: number;
  maxLng: number;
}

/** What the map draws of a report; the detail is fetched when it is opened. */
export interface MapReport {
  id: string;
  number: number;
  category: string;
  status: string;
  priority: string;
  lat: number;
  lng: number;
  createdAt: string;
}

interface MapRow {
  id: string;
  number: number | string;
  category: string;
  status: string;
  priority: string;
  lat: number;
  lng: number;
  created_at: string;
}

/**
 * The reports in a map view: every report created since `since`, and the older ones still open (migration 0013).
 * Two disjoint parts, each on its own index.
 * - SQLite: the recent ones by `created_at` in the covering index `reports_map_recent` (named, as without statistics
 *   SQLite picks the narrower `reports_created_at` and looks up every recent row; `+lat`/`+lng` keep it off the
 *   city-wide latitude band of `reports_lat_lng`), the older open ones by place in the partial index of open reports
 *   (`status <> 'closed'` written literally, or SQLite does not use it).
 * - PostgreSQL: both parts read only the grid cells the box touches (migration 0044, store/map-cells.ts), index-only;
 *   a box of more cells than that reads as SQLite does, by `created_at` and by place.
 */
export async function reportsInView(db: Kysely<DB>, box: MapBox, since: string): Promise<MapReport[]> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const cells = postgres ? mapCellsOfBox(box) : null;
  const rows = cells ? (await inCellsQuery(box, since, cells).execute(db)).rows : await inBox(db, box, since, postgres);
  return rows.map((r) => ({
    id: r.id,
    number: Number(r.number),
    category: r.category,
    status: r.status,
    priority: r.priority,
    lat: r.lat,
    lng: r.lng,
    createdAt: r.created_at,
  }));
}

async function inBox(db: Kysely<DB>, box: MapBox, since: string, postgres: boolean): Promise<MapRow[]> {
  const { minLat, maxLat, minLng, maxLng } = box;
  const recent = postgres ? sql.raw('reports') : sql.raw('reports indexed by reports_map_recent');
  const res = await sql<MapRow>`
    select id, number, category, status, priority, lat, lng, created_at from ${recent}
     where created_at >= ${since}
       and +lat >= ${minLat} and +lat <= ${maxLat} and +lng >= ${minLng} and +lng <= ${maxLng}
    union all
    select id, number, category, status, priority, lat, lng, created_at from reports
     where status <> 'closed' and lat >= ${minLat} and lat <= ${maxLat} and lng >= ${minLng} and lng <= ${maxLng}
       and created_at < ${since}`.execute(db);
  return res.rows;
}

/**
 * PostgreSQL: the same two parts, each an index-only scan of the box's cells (reports_map_cells,
 * reports_map_open_cells). Exported for the test that checks the plan uses them.
 */
export function inCellsQuery(box: MapBox, since: string, cells: number[]) {
  const { minLat, maxLat, minLng, maxLng } = box;
  const cell = sql.raw(MAP_CELL_SQL);
  const list = `{${cells.join(',')}}`;
  return sql<MapRow>`
    select id, number, category, status, priority, lat, lng, created_at from reports
     where ${cell} = any(${list}::float8[]) and created_at >= ${since}
       and lat >= ${minLat} and lat <= ${maxLat} and lng >= ${minLng} and lng <= ${maxLng}
    union all
    select id, number, category, status, priority, lat, lng, created_at from reports
     where status <> 'closed' and ${cell} = any(${list}::float8[]) and created_at < ${since}
       and lat >= ${minLat} and lat <= ${maxLat} and lng >= ${minLng} and lng <= ${maxLng}`;
}
