import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config';
import type { HotspotPoint } from '../../server/domain/hotspots';
import { aggregateNeighbourhoodHotspots, type Neighbourhood } from '../../server/domain/neighbourhood-hotspots';
import { DEMO_NEIGHBOURHOODS_FILE, loadNeighbourhoods, parseNeighbourhoods } from '../../server/http/neighbourhoods-config';

/** The neighbourhoods the hub loads from the configuration `env` gives (loadConfig: environment, then MELDKAMER_CONFIG). */
function neighbourhoodsFor(env: NodeJS.ProcessEnv, { demo = false } = {}) {
  return loadNeighbourhoods(loadConfig(env, { demo }));
}

const NOW = new Date('2026-05-20T12:00:00Z');
const DAY = 86_400_000;

function at(daysAgo: number): string {
  return new Date(NOW.getTime() - daysAgo * DAY).toISOString();
}
function points(where: { lat: number; lng: number }, n: number, daysAgo: number, kind: HotspotPoint['kind'] = 'report'): HotspotPoint[] {
  return Array.from({ length: n }, (_, i) => ({ lat: where.lat + i * 1e-5, lng: where.lng, at: at(daysAgo), kind }));
}
function rect(w: number, s: number, e: number, n: number): [number, number][][] {
  return [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ];
}

const CENTRUM: Neighbourhood = { id: 'C', code: 'C', name: 'Centrum', polygons: [rect(4.3, 52.07, 4.32, 52.09)] };
// Two separate parts (a MultiPolygon); the eastern part has a hole.
const HAVENS: Neighbourhood = {
  id: 'Havens',
  name: 'Havens',
  polygons: [
    rect(4.26, 52.1, 4.27, 52.11),
    [...rect(4.33, 52.1, 4.36, 52.13), [[4.34, 52.11], [4.35, 52.11], [4.35, 52.12], [4.34, 52.12], [4.34, 52.11]]],
  ],
};
const HOODS = [CENTRUM, HAVENS];
const IN_CENTRUM = { lat: 52.08, lng: 4.31 };
const IN_HAVENS_WEST = { lat: 52.105, lng: 4.265 };
const IN_HAVENS_EAST = { lat: 52.105, lng: 4.345 };
const IN_HAVENS_HOLE = { lat: 52.115, lng: 4.345 };
const OUTSIDE = { lat: 52.05, lng: 4.2 };

describe('hotspots per neighbourhood', () => {
  it('counts points inside each neighbourhood (both parts of a MultiPolygon, not in a hole) and keeps outside ones apart', () => {
    const result = aggregateNeighbourhoodHotspots(
      [
        ...points(IN_CENTRUM, 3, 2),
        ...points(IN_CENTRUM, 1, 4, 'signal'),
        ...points(IN_HAVENS_WEST, 2, 1),
        ...points(IN_HAVENS_EAST, 3, 1, 'signal'),
        ...points(IN_HAVENS_HOLE, 4, 1),
        ...points(OUTSIDE, 2, 3),
        ...points(OUTSIDE, 1, 40),
        ...points(IN_CENTRUM, 9, 70), // before both windows
      ],
      HOODS,
      { now: NOW, days: 30 },
    );
    expect(result.cells.map((c) => c.cell)).toEqual(['Havens', 'C']);
    expect(result.cells[0]).toMatchObject({ name: 'Havens', count: 5, reports: 2, signals: 3, previousCount: 0, change: 5, trend: 'rising' });
    expect(result.cells[1]).toMatchObject({ name: 'Centrum', count: 4, reports: 3, signals: 1 });
    // Points in the hole and outside every neighbourhood are not in any neighbourhood: "buiten de wijken".
    expect(result.totals).toEqual({ count: 9, previousCount: 0, cells: 2, outside: { count: 6, previousCount: 1 } });
    // Boundaries: every outer ring, closed; `boundary` the largest.
    expect(result.cells[0]?.boundaries).toHaveLength(2);
    expect(result.cells[0]?.boundary).toEqual(HAVENS.polygons[1]?.[0]);
    expect(result.cells[1]?.center.lat).toBeCloseTo(52.08);
    expect(result.cells[1]?.center.lng).toBeCloseTo(4.31);
  });

  it('uses the same trend rule as the H3 cells against the previous window', () => {
    const result = aggregateNeighbourhoodHotspots(
      [...points(IN_CENTRUM, 10, 5), ...points(IN_CENTRUM, 14, 35), ...points(IN_HAVENS_WEST, 12, 5), ...points(IN_HAVENS_WEST, 10, 45)],
      HOODS,
      { now: NOW, days: 30 },
    );
    expect(result.cells.map((c) => [c.cell, c.count, c.previousCount, c.trend])).toEqual([
      ['Havens', 12, 10, 'steady'],
      ['C', 10, 14, 'falling'],
    ]);
    // A neighbourhood with only previous-window items is not listed.
    const quiet = aggregateNeighbourhoodHotspots(points(IN_CENTRUM, 3, 40), HOODS, { now: NOW, days: 30 });
    expect(quiet.cells).toEqual([]);
    expect(quiet.totals.previousCount).toBe(3);
  });
});

describe('neighbourhood boundaries configuration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'meldkamer-hoods-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is absent unless configured or in demo mode; demo mode uses the bundled Den Haag file', () => {
    expect(neighbourhoodsFor({})).toBeNull();
    const demo = neighbourhoodsFor({}, { demo: true });
    expect(demo?.length).toBeGreaterThanOrEqual(6);
    expect(demo?.length).toBeLessThanOrEqual(10);
    expect(DEMO_NEIGHBOURHOODS_FILE).toMatch(/neighbourhoods-den-haag\.geojson$/);
  });

  it('reads Polygon and MultiPolygon features; the id is the code, else the name', () => {
    const file = join(dir, 'ok.geojson');
    writeFileSync(
      file,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { name: 'Centrum', code: 'WK01' }, geometry: { type: 'Polygon', coordinates: rect(4.3, 52.07, 4.32, 52.09) } },
          { type: 'Feature', properties: { name: 'Havens' }, geometry: { type: 'MultiPolygon', coordinates: HAVENS.polygons } },
        ],
      }),
    );
    const hoods = neighbourhoodsFor({ MELDKAMER_NEIGHBOURHOODS_FILE: file }, { demo: true });
    expect(hoods?.map((h) => [h.id, h.name, h.polygons.length])).toEqual([
      ['WK01', 'Centrum', 1],
      ['Havens', 'Havens', 2],
    ]);
  });

  it('a bad file fails with a ConfigError naming the variable', () => {
    const missing = join(dir, 'missing.geojson');
    expect(() => neighbourhoodsFor({ MELDKAMER_NEIGHBOURHOODS_FILE: missing })).toThrow(ConfigError);
    expect(() => neighbourhoodsFor({ MELDKAMER_NEIGHBOURHOODS_FILE: missing })).toThrow(/MELDKAMER_NEIGHBOURHOODS_FILE/);

    const notJson = join(dir, 'broken.geojson');
    writeFileSync(notJson, '{"type": "FeatureCollection", ');
    expect(() => neighbourhoodsFor({ MELDKAMER_NEIGHBOURHOODS_FILE: notJson })).toThrow(/MELDKAMER_NEIGHBOURHOODS_FILE=.*not valid JSON/);

    const noName = join(dir, 'noname.geojson');
    writeFileSync(
      noName,
      JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: rect(4.3, 52.07, 4.32, 52.09) } }] }),
    );
    expect(() => neighbourhoodsFor({ MELDKAMER_NEIGHBOURHOODS_FILE: noName })).toThrow(/MELDKAMER_NEIGHBOURHOODS_FILE=.*features\.0\.properties\.name/);

    const point = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'X' }, geometry: { type: 'Point', coordinates: [4.3, 52.07] } }] });
    expect(() => parseNeighbourhoods(point, 'MELDKAMER_NEIGHBOURHOODS_FILE=x')).toThrow(/MELDKAMER_NEIGHBOURHOODS_FILE=x: features\.0\.geometry/);
    const twice = JSON.stringify({
      type: 'FeatureCollection',
      features: [0, 1].map(() => ({ type: 'Feature', properties: { name: 'X' }, geometry: { type: 'Polygon', coordinates: rect(4.3, 52.07, 4.32, 52.09) } })),
    });
    expect(() => parseNeighbourhoods(twice, 'MELDKAMER_NEIGHBOURHOODS_FILE=x')).toThrow(/duplicate neighbourhood "X"/);
  });
});
