import { cellToBoundary, cellToLatLng } from 'h3-js';
import { type Kysely, sql } from 'kysely';
import { type ForecastPoint, MIN_TRAIN_WEEKS, SHRINKAGE_WEEKS, WEEK_MS, bucketHistory, forecast } from '../domain/forecast';
import type { ForecastAnswer } from '../protocol/forecast';
import { reportCell } from './report-cells';
import type { DB } from './schema';

/** Weeks of history the forecast learns from (issue 14: the last 12 weeks). */
export const FORECAST_WEEKS = 12;

// Written literally (not as a parameter) so SQLite uses the partial index reports_hotspot_cells (migration 0013).
const COUNTED = sql.raw("(outcome is null or outcome <> 'duplicate')");

/**
 * The reports (their stored H3 cell, a merged duplicate counted once as for hotspots) and signals (their place's
 * cell) of the `weeks` weeks before `until`, as forecast points.
 */
export async function forecastPoints(db: Kysely<DB>, until: Date, weeks = FORECAST_WEEKS): Promise<ForecastPoint[]> {
  const from = new Date(until.getTime() - weeks * WEEK_MS).toISOString();
  const to = until.toISOString();
  const reports = await sql<{ h3_r8: string | null; lat: number; lng: number; created_at: string }>`select h3_r8, lat, lng, created_at
     from reports where created_at > ${from} and created_at <= ${to} and ${COUNTED}`.execute(db);
  const signals = await db
    .selectFrom('signals')
    .select(['lat', 'lng', 'occurred_at'])
    .where('occurred_at', '>', from)
    .where('occurred_at', '<=', to)
    .execute();
  const points: ForecastPoint[] = [];
  for (const r of reports.rows) points.push({ cell: r.h3_r8 ?? reportCell(r.lat, r.lng), kind: 'report', at: r.created_at });
  for (const s of signals) points.push({ cell: reportCell(s.lat, s.lng), kind: 'signal', at: s.occurred_at });
  return points;
}

/** The forecast for the week after `now` from the 12 weeks before it, busiest `limit` cells with their outline. */
export async function forecastAt(db: Kysely<DB>, now: Date, timeZone: string, limit: number): Promise<ForecastAnswer> {
  const history = bucketHistory(await forecastPoints(db, now), now, FORECAST_WEEKS, timeZone);
  const result = forecast(history);
  return {
    generatedAt: now.toISOString(),
    weeks: FORECAST_WEEKS,
    from: new Date(now.getTime() - FORECAST_WEEKS * WEEK_MS).toISOString(),
    until: now.toISOString(),
    timeZone,
    model: { name: 'seasonal weekday×hour mean with shrinkage to the city week', shrinkageWeeks: SHRINKAGE_WEEKS, minTrainWeeks: MIN_TRAIN_WEEKS },
    backTest: result.backTest,
    cellCount: result.cells.length,
    cells: result.cells.slice(0, limit).map((c) => {
      const [lat, lng] = cellToLatLng(c.cell);
      return { ...c, lat, lng, boundary: cellToBoundary(c.cell, true) as [number, number][] };
    }),
  };
}
