// Builds resources/map/den-haag-demo.mbtiles: the demo's offline street map of central Den Haag, so `npm start` shows
// streets and names without internet. APPROXIMATE, made from what the repository holds, not from a survey:
// - streets: the addresses of the demo data (resources/demo/demo.json reports, and resources/addresses*.csv when
//   present: columns street and lat/lon, rows of kind address) grouped by street; a street with addresses far enough apart is drawn as a
//   line through them (ordered along the street's main direction), a shorter one gets its name as a point label;
// - the sea, the city outline (its name as a place label) and the trunk roads from renderer/shared/map/den-haag.json.
// OpenMapTiles layer names (transportation, transportation_name, water, place, boundary), so the hub's style draws it as it
// draws a planetiler file. Run: npx tsx scripts/build-demo-basemap.ts
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { writeMbtiles } from '../server/store/mbtiles';
import { buildVectorTiles } from './vector-tiles';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(root, 'resources/map/den-haag-demo.mbtiles');
/** Streets shorter than this (between their outermost known addresses) get a point label instead of a line. */
const MIN_LINE_M = 120;

type Point = [number, number];

function demoAddresses(): { street: string; at: Point }[] {
  const demo = JSON.parse(readFileSync(join(root, 'resources/demo/demo.json'), 'utf8')) as {
    reports: { address?: string; lat: number; lng: number }[];
  };
  const found = demo.reports.flatMap((r) => {
    const street = r.address?.replace(/\s+\d+.*$/, '').trim();
    return street ? [{ street, at: [r.lng, r.lat] as Point }] : [];
  });
  for (const file of readdirSync(join(root, 'resources')).filter((f) => /^addresses.*\.csv$/.test(f))) {
    const rows = parse(readFileSync(join(root, 'resources', file), 'utf8'), { columns: true, skip_empty_lines: true, comment: '#' }) as Record<string, string>[];
    for (const row of rows) {
      const lat = Number(row.lat);
      const lng = Number(row.lon ?? row.lng);
      if (row.kind && row.kind !== 'address') continue;
      if (row.street && Number.isFinite(lat) && Number.isFinite(lng)) found.push({ street: row.street.trim(), at: [lng, lat] });
    }
  }
  return found;
}

function metres(a: Point, b: Point): number {
  const kx = 111_320 * Math.cos((a[1] * Math.PI) / 180);
  return Math.hypot((a[0] - b[0]) * kx, (a[1] - b[1]) * 110_540);
}

/** The points ordered along their main direction (the axis of largest spread). */
function alongStreet(points: Point[]): Point[] {
  const n = points.length;
  const [mx, my] = [points.reduce((s, p) => s + p[0], 0) / n, points.reduce((s, p) => s + p[1], 0) / n];
  let [sxx, sxy, syy] = [0, 0, 0];
  for (const [x, y] of points) {
    const dx = (x - mx) * Math.cos((my * Math.PI) / 180);
    const dy = y - my;
    [sxx, sxy, syy] = [sxx + dx * dx, sxy + dx * dy, syy + dy * dy];
  }
  const angle = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  const key = ([x, y]: Point) => (x - mx) * Math.cos((my * Math.PI) / 180) * Math.cos(angle) + (y - my) * Math.sin(angle);
  return [...points].sort((a, b) => key(a) - key(b));
}

const feature = (geometry: Geometry, properties: Record<string, string | number>): Feature => ({ type: 'Feature', geometry, properties });
const collection = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });

const byStreet = new Map<string, Point[]>();
for (const { street, at } of demoAddresses()) {
  const points = byStreet.get(street) ?? [];
  if (!points.some((p) => p[0] === at[0] && p[1] === at[1])) points.push(at);
  byStreet.set(street, points);
}

const roads: Feature[] = [];
const roadNames: Feature[] = [];
for (const [name, points] of byStreet) {
  const ordered = alongStreet(points);
  const first = ordered[0] as Point;
  const last = ordered[ordered.length - 1] as Point;
  if (ordered.length >= 2 && metres(first, last) >= MIN_LINE_M) {
    roads.push(feature({ type: 'LineString', coordinates: ordered }, { class: 'minor', name }));
    roadNames.push(feature({ type: 'LineString', coordinates: ordered }, { class: 'minor', name }));
  } else {
    const mid: Point = [(first[0] + last[0]) / 2, (first[1] + last[1]) / 2];
    roadNames.push(feature({ type: 'Point', coordinates: mid }, { class: 'minor', name }));
  }
}

const outline = JSON.parse(readFileSync(join(root, 'renderer/shared/map/den-haag.json'), 'utf8')) as FeatureCollection;
const water: Feature[] = [];
const places: Feature[] = [];
const boundaries: Feature[] = [];
for (const f of outline.features) {
  const kind = f.properties?.kind;
  if (kind === 'sea') water.push(feature(f.geometry, { class: 'ocean' }));
  if (kind === 'road') roads.push(feature(f.geometry, { class: 'motorway', ref: String(f.properties?.ref ?? '') }));
  if (kind === 'city' && f.geometry.type === 'Polygon') {
    const ring = f.geometry.coordinates[0] as Point[];
    const centre: Point = [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length];
    places.push(feature({ type: 'Point', coordinates: centre }, { class: 'city', name: String(f.properties?.name ?? '') }));
    boundaries.push(feature({ type: 'LineString', coordinates: ring }, { admin_level: 8 }));
  }
}

const tiles = buildVectorTiles(
  { transportation: collection(roads), transportation_name: collection(roadNames), water: collection(water), place: collection(places), boundary: collection(boundaries) },
  { minZoom: 8, maxZoom: 14, bbox: [4.15, 52.0, 4.45, 52.15] },
);
if (existsSync(OUT)) rmSync(OUT);
writeMbtiles(
  OUT,
  {
    name: 'Meldkamer demo: Den Haag (approximate)',
    format: 'pbf',
    minzoom: '8',
    maxzoom: '14',
    bounds: '4.15,52.0,4.45,52.15',
    attribution: 'Demo-kaart bij benadering (demo-adressen), geen echte kaart',
    json: JSON.stringify({
      vector_layers: ['transportation', 'transportation_name', 'water', 'place', 'boundary'].map((id) => ({ id, fields: {} })),
    }),
  },
  tiles,
);
console.log(`${OUT}: ${byStreet.size} streets (${roads.length} lines), ${tiles.length} tiles`);
