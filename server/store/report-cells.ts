import { latLngToCell } from 'h3-js';
import { type Kysely, PostgresAdapter, sql } from 'kysely';

/** The H3 resolution kept with every report (`reports.h3_r8`): the hotspots' default, about 0.7 km² per cell. */
export const REPORT_CELL_RESOLUTION = 8;

export function reportCell(lat: number, lng: number): string {
  return latLngToCell(lat, lng, REPORT_CELL_RESOLUTION);
}

const BATCH = 5_000;

/**
 * Sets `h3_r8` on every report that has none yet (migration 0013; a bulk load outside the hub calls it too), in
 * batches along the primary key. Returns how many reports it filled.
 */
// biome-ignore lint/suspicious/noExplicitAny: used by migration 0013, before the DB type has the column
export async function fillReportCells(db: Kysely<any>): Promise<number> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  let after = '';
  let filled = 0;
  for (;;) {
    const rows = (
      await sql<{ id: string; lat: number; lng: number; h3_r8: string | null }>`select id, lat, lng, h3_r8 from reports
        where id > ${after} order by id limit ${BATCH}`.execute(db)
    ).rows;
    if (rows.length === 0) return filled;
    after = rows[rows.length - 1]!.id;
    const missing = rows.filter((r) => r.h3_r8 === null);
    if (missing.length === 0) continue;
    const ids = missing.map((r) => r.id);
    const cells = missing.map((r) => reportCell(r.lat, r.lng));
    if (postgres) {
      await sql`update reports set h3_r8 = v.cell from unnest(${ids}::text[], ${cells}::text[]) as v(id, cell)
        where reports.id = v.id`.execute(db);
    } else {
      const values = sql.join(missing.map((_, i) => sql`(${ids[i]}, ${cells[i]})`));
      await sql`update reports set h3_r8 = v.column2 from (values ${values}) as v where reports.id = v.column1`.execute(db);
    }
    filled += missing.length;
  }
}
