import { latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { aggregateHotspots, type HotspotPoint, hotspotWindow, trendOf } from '../../server/domain/hotspots';

const NOW = new Date('2026-05-20T12:00:00Z');
const DAY = 86_400_000;
const SCHILDERSWIJK = { lat: 52.0705, lng: 4.301 };
const SCHEVENINGEN = { lat: 52.105, lng: 4.275 };

function at(daysAgo: number): string {
  return new Date(NOW.getTime() - daysAgo * DAY).toISOString();
}
function points(where: { lat: number; lng: number }, n: number, daysAgo: number, kind: HotspotPoint['kind'] = 'report'): HotspotPoint[] {
  // Spread a little (a few metres) inside the same cell.
  return Array.from({ length: n }, (_, i) => ({ lat: where.lat + i * 1e-5, lng: where.lng, at: at(daysAgo), kind }));
}

describe('hotspots: H3 aggregation', () => {
  it('counts reports and signals per cell over the window, with the previous window of the same length', () => {
    const result = aggregateHotspots(
      [
        ...points(SCHILDERSWIJK, 4, 3),
        ...points(SCHILDERSWIJK, 2, 10, 'signal'),
        ...points(SCHILDERSWIJK, 1, 45), // previous window (30-60 days ago)
        ...points(SCHEVENINGEN, 1, 5),
        ...points(SCHEVENINGEN, 5, 40),
        ...points(SCHEVENINGEN, 3, 70), // before both windows: ignored
      ],
      { now: NOW, days: 30, resolution: 8 },
    );
    const schilderswijk = latLngToCell(SCHILDERSWIJK.lat, SCHILDERSWIJK.lng, 8);
    const scheveningen = latLngToCell(SCHEVENINGEN.lat, SCHEVENINGEN.lng, 8);
    expect(result.cells.map((c) => c.cell)).toEqual([schilderswijk, scheveningen]);
    expect(result.cells[0]).toMatchObject({ count: 6, reports: 4, signals: 2, previousCount: 1, change: 5, trend: 'rising' });
    expect(result.cells[1]).toMatchObject({ count: 1, reports: 1, signals: 0, previousCount: 5, change: -4, trend: 'falling' });
    expect(result.totals).toEqual({ count: 7, previousCount: 6, cells: 2 });
    expect(result.window).toEqual({ from: at(30), until: NOW.toISOString(), previousFrom: at(60) });
  });

  it('gives each cell a closed GeoJSON ring of [lng, lat] around its centre', () => {
    const [cell] = aggregateHotspots(points(SCHILDERSWIJK, 1, 1), { now: NOW, days: 7, resolution: 9 }).cells;
    expect(cell).toBeDefined();
    const ring = cell?.boundary ?? [];
    expect(ring.length).toBe(7); // a hexagon, first position repeated
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    for (const [lng, lat] of ring) {
      expect(Math.abs(lng - SCHILDERSWIJK.lng)).toBeLessThan(0.01);
      expect(Math.abs(lat - SCHILDERSWIJK.lat)).toBeLessThan(0.01);
    }
    expect(cell?.center.lat).toBeCloseTo(SCHILDERSWIJK.lat, 2);
  });

  it('window edges: exactly `days` ago belongs to the previous window, now to the current one', () => {
    const result = aggregateHotspots(
      [
        { ...SCHILDERSWIJK, at: NOW.toISOString(), kind: 'report' },
        { ...SCHILDERSWIJK, at: at(7), kind: 'report' },
        { ...SCHILDERSWIJK, at: at(14), kind: 'report' },
        { ...SCHILDERSWIJK, at: new Date(NOW.getTime() + 1000).toISOString(), kind: 'report' },
      ],
      { now: NOW, days: 7, resolution: 8 },
    );
    expect(result.cells[0]).toMatchObject({ count: 1, previousCount: 1 });
  });

  it('leaves out cells that were only busy in the previous window, ranks by count then rise, and honours the limit', () => {
    const a = { lat: 52.08, lng: 4.3 };
    const b = { lat: 52.06, lng: 4.33 };
    const c = { lat: 52.04, lng: 4.37 };
    const result = aggregateHotspots([...points(a, 3, 1), ...points(a, 3, 10), ...points(b, 3, 1), ...points(c, 4, 10)], {
      now: NOW,
      days: 7,
      resolution: 8,
    });
    expect(result.cells.map((x) => x.cell)).toEqual([latLngToCell(b.lat, b.lng, 8), latLngToCell(a.lat, a.lng, 8)]);
    expect(aggregateHotspots(points(a, 1, 1).concat(points(b, 2, 1)), { now: NOW, days: 7, resolution: 8, limit: 1 }).cells).toHaveLength(1);
  });

  it('trend: a change of at least max(2, 25% of the previous count) rises or falls, else steady', () => {
    expect(trendOf(1, 0)).toBe('steady');
    expect(trendOf(2, 0)).toBe('rising');
    expect(trendOf(12, 10)).toBe('steady');
    expect(trendOf(13, 10)).toBe('rising');
    expect(trendOf(7, 10)).toBe('falling');
    expect(trendOf(8, 10)).toBe('steady');
    expect(trendOf(49, 40)).toBe('steady');
    expect(trendOf(50, 40)).toBe('rising');
    expect(trendOf(0, 2)).toBe('falling');
  });

  it('window helper', () => {
    expect(hotspotWindow(NOW, 1)).toEqual({ from: at(1), until: NOW.toISOString(), previousFrom: at(2) });
  });
});
