// Vector tiles from GeoJSON layers (geojson-vt cuts, @maplibre/vt-pbf encodes, gzip as planetiler and tippecanoe
// store them), for the demo basemap (scripts/build-demo-basemap.ts) and the offline basemap's e2e test.
import { gzipSync } from 'node:zlib';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { FeatureCollection } from 'geojson';
import GeoJSONVT from 'geojson-vt';

export interface BuiltTile {
  z: number;
  x: number;
  y: number;
  data: Uint8Array;
}

function lngToX(lng: number, z: number): number {
  return Math.floor(((lng + 180) / 360) * 2 ** z);
}

function latToY(lat: number, z: number): number {
  const r = (lat * Math.PI) / 180;
  return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
}

/** Every tile from `minZoom` to `maxZoom` over `bbox` ([west, south, east, north]) that holds a feature of a layer. */
export function buildVectorTiles(
  layers: Record<string, FeatureCollection>,
  options: { minZoom: number; maxZoom: number; bbox: [number, number, number, number] },
): BuiltTile[] {
  const indexes = Object.entries(layers).map(([name, data]) => [name, new GeoJSONVT(data, { maxZoom: options.maxZoom, indexMaxZoom: 5 })] as const);
  const [west, south, east, north] = options.bbox;
  const tiles: BuiltTile[] = [];
  for (let z = options.minZoom; z <= options.maxZoom; z++) {
    for (let x = lngToX(west, z); x <= lngToX(east, z); x++) {
      for (let y = latToY(north, z); y <= latToY(south, z); y++) {
        const found: Record<string, never> = {};
        for (const [name, index] of indexes) {
          const tile = index.getTile(z, x, y);
          if (tile && tile.features.length > 0) found[name] = tile as never;
        }
        if (Object.keys(found).length === 0) continue;
        tiles.push({ z, x, y, data: gzipSync(fromGeojsonVt(found, { version: 2, extent: 4096 })) });
      }
    }
  }
  return tiles;
}
