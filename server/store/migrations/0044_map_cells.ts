import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * The map view on PostgreSQL reads only the grid cells its box touches (store/map-view.ts, store/map-cells.ts).
 * Before, its recent part walked 30 days of the whole city in `reports_created_at` and looked up every row
 * (~27,000 at 1M reports for a 2 × 2 km box), and its open part looked up the table for `created_at`. Two expression
 * indexes on the report's cell (~1.1 × 1.1 km) carry the map's columns, so both parts are index-only scans of the
 * box's cells: (cell, created_at) for the recent reports, (cell) where open for the older open ones. They replace
 * 0013's `reports_map_recent` and `reports_map_open` on PostgreSQL (nothing else reads them). SQLite keeps those:
 * its map view meets the goal as it is, and its planner would need `INDEXED BY` on an expression.
 * No column and no backfill: on a filled database this is two index builds (one read of `reports` each).
 * The cell expression is written here as it was on the day (store/map-cells.ts writes the same text: PostgreSQL uses
 * an expression index only for the same expression; tests/integration/map-cells.test.ts checks the plan).
 */
const CELL = '(floor(lat * 100) * 100000 + floor(lng * 60))';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  const cell = sql.raw(CELL);
  await sql`create index reports_map_cells on reports ((${cell}), created_at)
    include (lat, lng, status, category, priority, number, id)`.execute(db);
  await sql`create index reports_map_open_cells on reports ((${cell}))
    include (lat, lng, created_at, status, category, priority, number, id) where status <> 'closed'`.execute(db);
  await sql`drop index reports_map_recent`.execute(db);
  await sql`drop index reports_map_open`.execute(db);
  await sql`analyze reports`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`create index reports_map_recent on reports (created_at, lat, lng, status, category, priority, number, id)`.execute(db);
  await sql`create index reports_map_open on reports (lat, lng) where status <> 'closed'`.execute(db);
  await sql`drop index reports_map_open_cells`.execute(db);
  await sql`drop index reports_map_cells`.execute(db);
}
