import { cellToBoundary, cellToLatLng, latLngToCell } from 'h3-js';
import type { Hotspot, Trend } from '../protocol/intake';

/**
 * Where reports and signals pile up: counts per H3 cell over a window of `days` ending
 * at `now`, against the window of the same length before it. Pure computation (h3-js).
 *
 * Windows: current = (now - days, now], previous = (now - 2·days, now - days].
 *
 * Trend: change = count - previousCount; it is significant when |change| is at least
 * max(2, 25% of previousCount rounded up). Rising or falling when significant, else
 * steady. So 0 → 1 is steady (one event is no trend), 0 → 2 rising, 10 → 12 steady,
 * 10 → 13 rising, 10 → 7 falling, 40 → 50 rising, 40 → 49 steady.
 */

export interface HotspotPoint {
  lat: number;
  lng: number;
  /** ISO timestamp: when it was reported (report) or observed (signal). */
  at: string;
  kind: 'report' | 'signal';
}

export interface HotspotOptions {
  now: Date;
  days: number;
  /** H3 resolution, 0-15. */
  resolution: number;
  /** Most cells returned (highest count first). */
  limit?: number;
}

export interface HotspotWindow {
  from: string;
  until: string;
  previousFrom: string;
}

export interface HotspotAggregate {
  cells: Hotspot[];
  window: HotspotWindow;
  totals: { count: number; previousCount: number; cells: number };
}

const DAY_MS = 86_400_000;

export const TREND_MIN_CHANGE = 2;
export const TREND_MIN_RATIO = 0.25;

export function trendOf(count: number, previousCount: number): Trend {
  const change = count - previousCount;
  const threshold = Math.max(TREND_MIN_CHANGE, Math.ceil(previousCount * TREND_MIN_RATIO));
  if (change >= threshold) return 'rising';
  if (-change >= threshold) return 'falling';
  return 'steady';
}

export function hotspotWindow(now: Date, days: number): HotspotWindow {
  const until = now.getTime();
  return {
    from: new Date(until - days * DAY_MS).toISOString(),
    until: new Date(until).toISOString(),
    previousFrom: new Date(until - 2 * days * DAY_MS).toISOString(),
  };
}

/** What one cell counts: reports and signals in the current window, both together in the previous one. */
export interface CellTally {
  reports: number;
  signals: number;
  previous: number;
}

/**
 * Cells with at least one report or signal in the current window, ranked by count,
 * then by the rise against the previous window, then by cell id (stable order).
 */
export function aggregateHotspots(points: Iterable<HotspotPoint>, { now, days, resolution, limit = 200 }: HotspotOptions): HotspotAggregate {
  const window = hotspotWindow(now, days);
  const tallies = new Map<string, CellTally>();
  tallyPoints(tallies, points, window, resolution);
  return rankHotspots(tallies, window, limit);
}

/** Adds each point inside the two windows to its cell's tally (the store counts reports per stored cell alike). */
export function tallyPoints(tallies: Map<string, CellTally>, points: Iterable<HotspotPoint>, window: HotspotWindow, resolution: number): void {
  const from = Date.parse(window.from);
  const until = Date.parse(window.until);
  const previousFrom = Date.parse(window.previousFrom);
  for (const p of points) {
    const at = Date.parse(p.at);
    if (!(at > previousFrom && at <= until)) continue;
    if (!Number.isFinite(p.lat) || !Number.isFinite(p.lng)) continue;
    const tally = tallyOf(tallies, latLngToCell(p.lat, p.lng, resolution));
    if (at > from) {
      if (p.kind === 'report') tally.reports += 1;
      else tally.signals += 1;
    } else {
      tally.previous += 1;
    }
  }
}

export function tallyOf(tallies: Map<string, CellTally>, cell: string): CellTally {
  let tally = tallies.get(cell);
  if (!tally) {
    tally = { reports: 0, signals: 0, previous: 0 };
    tallies.set(cell, tally);
  }
  return tally;
}

/** The answer from the tallies: the top `limit` cells and the totals over all of them. */
export function rankHotspots(tallies: ReadonlyMap<string, CellTally>, window: HotspotWindow, limit = 200): HotspotAggregate {
  let count = 0;
  let previousCount = 0;
  for (const t of tallies.values()) {
    count += t.reports + t.signals;
    previousCount += t.previous;
  }
  const ranked = [...tallies.entries()]
    .map(([cell, t]) => ({ cell, t, count: t.reports + t.signals }))
    .filter((c) => c.count > 0)
    .sort((a, b) => b.count - a.count || b.count - b.t.previous - (a.count - a.t.previous) || (a.cell < b.cell ? -1 : 1));

  const cells: Hotspot[] = ranked.slice(0, limit).map(({ cell, t, count: n }) => {
    const [lat, lng] = cellToLatLng(cell);
    return {
      cell,
      center: { lat, lng },
      boundary: cellToBoundary(cell, true).map(([x, y]): [number, number] => [x, y]),
      count: n,
      reports: t.reports,
      signals: t.signals,
      previousCount: t.previous,
      change: n - t.previous,
      trend: trendOf(n, t.previous),
    };
  });
  return { cells, window, totals: { count, previousCount, cells: ranked.length } };
}
