import type { Hotspot } from '../protocol/intake';
import { type PolygonCoordinates, pointInPolygon } from './geo';
import { type HotspotPoint, type HotspotWindow, hotspotWindow, trendOf } from './hotspots';

/**
 * Hotspots per neighbourhood (wijk): the same windows and trend rule as the H3 cells
 * (`hotspotWindow`, `trendOf`), but the areas are the city's configured boundaries.
 * Pure computation.
 *
 * A point lies in the first neighbourhood (in configuration order) whose polygon contains
 * it (edges count as inside). Points outside every neighbourhood are dropped from the
 * ranking but counted in `totals.outside` ("buiten de wijken"), so the shift lead can
 * see how much the configured boundaries miss.
 */

export interface Neighbourhood {
  /** `code` when configured, else `name`: the item's id. */
  id: string;
  name: string;
  code?: string;
  /** GeoJSON MultiPolygon coordinates (a Polygon is one entry): polygons of rings of [lng, lat]. */
  polygons: PolygonCoordinates[];
}

export interface NeighbourhoodHotspotOptions {
  now: Date;
  days: number;
  limit?: number;
}

export interface NeighbourhoodHotspotAggregate {
  cells: Hotspot[];
  window: HotspotWindow;
  totals: { count: number; previousCount: number; cells: number; outside: { count: number; previousCount: number } };
}

type BBox = [number, number, number, number];

interface Indexed {
  hood: Neighbourhood;
  bbox: BBox;
  polygons: { bbox: BBox; rings: PolygonCoordinates }[];
}

function ringsBBox(rings: readonly (readonly (readonly number[])[])[]): BBox {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of rings) {
    for (const [lng = Number.NaN, lat = Number.NaN] of ring) {
      w = Math.min(w, lng);
      e = Math.max(e, lng);
      s = Math.min(s, lat);
      n = Math.max(n, lat);
    }
  }
  return [w, s, e, n];
}

function inBBox(lat: number, lng: number, [w, s, e, n]: BBox): boolean {
  return lng >= w && lng <= e && lat >= s && lat <= n;
}

/** Twice the ring's signed area (shoelace), in squared degrees: only used to pick the largest ring. */
function ringArea(ring: readonly (readonly number[])[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1 = 0, y1 = 0] = ring[i] ?? [];
    const [x2 = 0, y2 = 0] = ring[(i + 1) % ring.length] ?? [];
    sum += x1 * y2 - x2 * y1;
  }
  return Math.abs(sum);
}

function closed(ring: PolygonCoordinates[number]): [number, number][] {
  const copy = ring.map(([x, y]): [number, number] => [x, y]);
  const first = copy[0];
  const last = copy[copy.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) copy.push([first[0], first[1]]);
  return copy;
}

/** A neighbourhood's largest outer ring, closed: the polygon a focus area made from it starts with. */
export function largestOuterRing(hood: Neighbourhood): [number, number][] {
  const outer = hood.polygons.map((rings) => closed(rings[0] ?? []));
  return outer.reduce((best, ring) => (ringArea(ring) > ringArea(best) ? ring : best), outer[0] ?? []);
}

export function indexNeighbourhoods(hoods: readonly Neighbourhood[]): Indexed[] {
  return hoods.map((hood) => ({
    hood,
    bbox: ringsBBox(hood.polygons.map((p) => p[0] ?? [])),
    polygons: hood.polygons.map((rings) => ({ bbox: ringsBBox([rings[0] ?? []]), rings })),
  }));
}

/** The neighbourhood a point lies in (first match in configuration order), or null. */
export function neighbourhoodOf(p: { lat: number; lng: number }, index: readonly Indexed[]): Neighbourhood | null {
  for (const entry of index) {
    if (!inBBox(p.lat, p.lng, entry.bbox)) continue;
    for (const polygon of entry.polygons) {
      if (inBBox(p.lat, p.lng, polygon.bbox) && pointInPolygon(p, polygon.rings)) return entry.hood;
    }
  }
  return null;
}

interface Tally {
  reports: number;
  signals: number;
  previous: number;
}

/**
 * Neighbourhoods with at least one report or signal in the current window, ranked by count,
 * then by the rise against the previous window, then by id (stable order).
 */
export function aggregateNeighbourhoodHotspots(
  points: Iterable<HotspotPoint>,
  neighbourhoods: readonly Neighbourhood[],
  { now, days, limit = 200 }: NeighbourhoodHotspotOptions,
): NeighbourhoodHotspotAggregate {
  const window = hotspotWindow(now, days);
  const from = Date.parse(window.from);
  const until = Date.parse(window.until);
  const previousFrom = Date.parse(window.previousFrom);
  const index = indexNeighbourhoods(neighbourhoods);
  const tallies = new Map<string, { hood: Neighbourhood; t: Tally }>();
  let count = 0;
  let previousCount = 0;
  const outside = { count: 0, previousCount: 0 };

  for (const p of points) {
    const at = Date.parse(p.at);
    if (!(at > previousFrom && at <= until)) continue;
    if (!Number.isFinite(p.lat) || !Number.isFinite(p.lng)) continue;
    const current = at > from;
    const hood = neighbourhoodOf(p, index);
    if (!hood) {
      if (current) outside.count += 1;
      else outside.previousCount += 1;
      continue;
    }
    let entry = tallies.get(hood.id);
    if (!entry) {
      entry = { hood, t: { reports: 0, signals: 0, previous: 0 } };
      tallies.set(hood.id, entry);
    }
    if (current) {
      if (p.kind === 'report') entry.t.reports += 1;
      else entry.t.signals += 1;
      count += 1;
    } else {
      entry.t.previous += 1;
      previousCount += 1;
    }
  }

  const ranked = [...tallies.values()]
    .map(({ hood, t }) => ({ hood, t, count: t.reports + t.signals }))
    .filter((c) => c.count > 0)
    .sort((a, b) => b.count - a.count || b.count - b.t.previous - (a.count - a.t.previous) || (a.hood.id < b.hood.id ? -1 : 1));

  const cells: Hotspot[] = ranked.slice(0, limit).map(({ hood, t, count: n }) => {
    const outer = hood.polygons.map((rings) => closed(rings[0] ?? []));
    const largest = outer.reduce((best, ring) => (ringArea(ring) > ringArea(best) ? ring : best), outer[0] ?? []);
    const [w, s, e, nn] = ringsBBox(outer);
    return {
      cell: hood.id,
      name: hood.name,
      center: { lat: (s + nn) / 2, lng: (w + e) / 2 },
      boundary: largest,
      boundaries: outer,
      count: n,
      reports: t.reports,
      signals: t.signals,
      previousCount: t.previous,
      change: n - t.previous,
      trend: trendOf(n, t.previous),
    };
  });
  return { cells, window, totals: { count, previousCount, cells: ranked.length, outside } };
}
