import { type Kysely, PostgresAdapter, sql } from 'kysely';
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
 * Two disjoint parts, each on its own index: the recent ones by `created_at` in the covering index
 * `reports_map_recent` (named for SQLite, which without statistics picks the narrower `reports_created_at` and
 * looks up every recent row; `+lat`/`+lng` keep it off the city-wide latitude band of `reports_lat_lng`), the older
 * open ones by place in the partial index of open reports (`status <> 'closed'` written literally, or SQLite does
 * not use it).
 */
export async function reportsInView(db: Kysely<DB>, box: MapBox, since: string): Promise<MapReport[]> {
  const { minLat, maxLat, minLng, maxLng } = box;
  const recent = db.getExecutor().adapter instanceof PostgresAdapter ? sql.raw('reports') : sql.raw('reports indexed by reports_map_recent');
  const res = await sql<MapRow>`
    select id, number, category, status, priority, lat, lng, created_at from ${recent}
     where created_at >= ${since}
       and +lat >= ${minLat} and +lat <= ${maxLat} and +lng >= ${minLng} and +lng <= ${maxLng}
    union all
    select id, number, category, status, priority, lat, lng, created_at from reports
     where status <> 'closed' and lat >= ${minLat} and lat <= ${maxLat} and lng >= ${minLng} and lng <= ${maxLng}
       and created_at < ${since}`.execute(db);
  return res.rows.map((r) => ({
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
