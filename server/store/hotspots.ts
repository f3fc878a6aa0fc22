import { cellToParent } from 'h3-js';
import { type Kysely, sql } from 'kysely';
import { type CellTally, type HotspotWindow, tallyOf, tallyPoints } from '../domain/hotspots';
import { REPORT_CELL_RESOLUTION } from './report-cells';
import type { DB } from './schema';

/** Where reports were made in a period, for hotspots; a merged duplicate is the same problem as its original: counted once. */
export async function reportPlacesBetween(db: Kysely<DB>, from: string, until: string): Promise<{ lat: number; lng: number; at: string }[]> {
  const rows = await db
    .selectFrom('reports')
    .select(['lat', 'lng', 'created_at'])
    .where('created_at', '>', from)
    .where('created_at', '<=', until)
    .where((eb) => eb.or([eb('outcome', 'is', null), eb('outcome', '!=', 'duplicate')]))
    .execute();
  return rows.map((r) => ({ lat: r.lat, lng: r.lng, at: r.created_at }));
}

// Written literally (not as parameters) so SQLite uses the partial indexes of migration 0013.
const COUNTED = sql.raw("(outcome is null or outcome <> 'duplicate')");
const WITHOUT_CELL = sql.raw('h3_r8 is null');
const DAY_MS = 86_400_000;

type CountRow = { cell: string | null; current: number | string | null; n: number | string };

/**
 * The reports of both hotspot windows counted per H3 cell at `resolution` into `tallies`, exactly as `tallyPoints`
 * would count their places (a test compares the two). Up to resolution 8, from the stored cells (migration 0013):
 * the whole UTC days inside the windows from the per-day counts in `hotspot_days`, the (at most three) days cut by
 * a window edge from the reports themselves, coarser cells as parents; a report without a stored cell (loaded
 * outside the hub, before fillReportCells) from its place. Finer resolutions count every place.
 */
export async function tallyReportCells(db: Kysely<DB>, tallies: Map<string, CellTally>, window: HotspotWindow, resolution: number): Promise<void> {
  if (resolution > REPORT_CELL_RESOLUTION) {
    const places = await reportPlacesBetween(db, window.previousFrom, window.until);
    tallyPoints(
      tallies,
      places.map((p) => ({ ...p, kind: 'report' as const })),
      window,
      resolution,
    );
    return;
  }
  const add = (rows: CountRow[]) => {
    for (const row of rows) {
      if (row.cell === null) continue;
      const tally = tallyOf(tallies, resolution === REPORT_CELL_RESOLUTION ? row.cell : cellToParent(row.cell, resolution));
      const current = Number(row.current ?? 0);
      tally.reports += current;
      tally.previous += Number(row.n) - current;
    }
  };
  const day = (iso: string) => iso.slice(0, 10);
  const [first, split, last] = [day(window.previousFrom), day(window.from), day(window.until)];
  const whole = await sql<CountRow>`
    select cell, sum(case when day > ${split} then n else 0 end) as current, sum(n) as n from hotspot_days
     where day > ${first} and day < ${last} and day <> ${split}
     group by cell`.execute(db);
  add(whole.rows);
  for (const edge of new Set([first, split, last])) {
    const start = `${edge}T00:00:00.000Z`;
    const end = new Date(Date.parse(start) + DAY_MS).toISOString();
    const rows = await sql<CountRow>`
      select h3_r8 as cell, sum(case when created_at > ${window.from} then 1 else 0 end) as current, count(*) as n
        from reports
       where created_at >= ${start} and created_at < ${end} and created_at > ${window.previousFrom} and created_at <= ${window.until}
         and ${COUNTED}
       group by h3_r8`.execute(db);
    add(rows.rows);
  }
  // Only `h3_r8 is null` in the condition, so SQLite takes the (normally empty) partial index of those.
  const unplaced = await sql<{ lat: number; lng: number; created_at: string; outcome: string | null }>`
    select lat, lng, created_at, outcome from reports
     where ${WITHOUT_CELL} and created_at > ${window.previousFrom} and created_at <= ${window.until}`.execute(db);
  tallyPoints(
    tallies,
    unplaced.rows.filter((r) => r.outcome !== 'duplicate').map((r) => ({ lat: r.lat, lng: r.lng, at: r.created_at, kind: 'report' as const })),
    window,
    resolution,
  );
}
