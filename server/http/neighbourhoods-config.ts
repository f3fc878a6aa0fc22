import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { type Config, ConfigError } from '../config';
import type { Neighbourhood } from '../domain/neighbourhood-hotspots';

/**
 * Neighbourhood (wijk) boundaries for hotspots per neighbourhood, read once at start-up from the file
 * the configuration names (`neighbourhoodsFile`, MELDKAMER_NEIGHBOURHOODS_FILE): a GeoJSON
 * FeatureCollection of Polygon or MultiPolygon features with `properties.name` (and optionally
 * `properties.code`, the id). Unset: in demo mode the bundled approximate Den Haag file is used;
 * otherwise there are no neighbourhoods (`GET /api/hotspots?by=neighbourhood` answers `{ configured: false }`).
 * A file that cannot be read or does not validate stops the hub, naming the setting.
 */
export const DEMO_NEIGHBOURHOODS_FILE = fileURLToPath(new URL('../../resources/neighbourhoods-den-haag.geojson', import.meta.url));

const Position = z
  .array(z.number())
  .min(2)
  .refine(([lng = Number.NaN, lat = Number.NaN]) => Math.abs(lng) <= 180 && Math.abs(lat) <= 90, 'position must be [lng, lat] in degrees');
const Ring = z.array(Position).min(3, 'a ring needs at least three positions');
const PolygonCoords = z.array(Ring).min(1, 'a polygon needs an outer ring');

const Geometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: PolygonCoords }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(PolygonCoords).min(1) }),
]);

const NeighbourhoodsFile = z.object({
  type: z.literal('FeatureCollection'),
  features: z
    .array(
      z.object({
        type: z.literal('Feature'),
        geometry: Geometry,
        properties: z.looseObject({
          name: z.string().trim().min(1, 'properties.name is required').max(200),
          code: z.union([z.string().trim().min(1).max(64), z.number()]).optional(),
        }),
      }),
    )
    .min(1, 'needs at least one feature'),
});

function toPairs(ring: number[][]): [number, number][] {
  return ring.map(([lng = 0, lat = 0]): [number, number] => [lng, lat]);
}

/** Parses and validates a neighbourhoods GeoJSON text; `source` names it in errors. */
export function parseNeighbourhoods(text: string, source: string): Neighbourhood[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`Invalid configuration: ${source}: not valid JSON (${(err as Error).message})`);
  }
  const parsed = NeighbourhoodsFile.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${source}: ${problems.join('; ')}`);
  }
  const seen = new Set<string>();
  return parsed.data.features.map((f, i) => {
    const name = f.properties.name;
    const code = f.properties.code === undefined ? undefined : String(f.properties.code);
    const id = code ?? name;
    if (seen.has(id)) throw new ConfigError(`Invalid configuration: ${source}: features.${i}: duplicate neighbourhood "${id}"`);
    seen.add(id);
    const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    return { id, name, ...(code ? { code } : {}), polygons: polygons.map((rings) => rings.map(toPairs)) };
  });
}

/** The configured neighbourhoods, the demo set (demo mode, no file configured), or null (none). */
export function loadNeighbourhoods(config: Pick<Config, 'neighbourhoodsFile' | 'demo'>): Neighbourhood[] | null {
  const configured = config.neighbourhoodsFile;
  const file = configured || (config.demo ? DEMO_NEIGHBOURHOODS_FILE : null);
  if (!file) return null;
  const source = configured ? `neighbourhoodsFile (MELDKAMER_NEIGHBOURHOODS_FILE=${file})` : `demo neighbourhoods ${file}`;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`Invalid configuration: cannot read ${source}: ${(err as Error).message}`);
  }
  return parseNeighbourhoods(text, source);
}
