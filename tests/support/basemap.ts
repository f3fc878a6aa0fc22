import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { FeatureCollection } from 'geojson';
import { buildVectorTiles } from '../../scripts/vector-tiles';
import { writeMbtiles } from '../../server/store/mbtiles';

/** A street in the test basemap, through the centre the console opens on (config `mapCenter`: Den Haag). */
export const TEST_STREET = { name: 'Proefstraat', from: [4.292, 52.075] as [number, number], to: [4.308, 52.075] as [number, number] };
/** The bbox the test basemap's tiles cover. */
const BBOX: [number, number, number, number] = [4.28, 52.07, 4.32, 52.08];

/**
 * An MBTiles file in the OpenMapTiles schema, as planetiler would write it for one street: `transportation` and
 * `transportation_name` lines (gzipped tiles, zoom 10 to 14) and one uncompressed tile at 0/0/0 (some tools store
 * them so).
 */
export function buildTestBasemap(dir: string): string {
  const file = join(dir, 'test-basemap.mbtiles');
  const street: FeatureCollection = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { class: 'minor', name: TEST_STREET.name },
        geometry: { type: 'LineString', coordinates: [TEST_STREET.from, TEST_STREET.to] },
      },
    ],
  };
  const tiles = buildVectorTiles({ transportation: street, transportation_name: street }, { minZoom: 10, maxZoom: 14, bbox: BBOX });
  const plain = buildVectorTiles({ transportation: street }, { minZoom: 0, maxZoom: 0, bbox: BBOX }).map((t) => ({ ...t, data: gunzip(t.data) }));
  writeMbtiles(file, { name: 'test', format: 'pbf', minzoom: '0', maxzoom: '14', attribution: 'test basemap' }, [...plain, ...tiles]);
  return file;
}

function gunzip(data: Uint8Array): Uint8Array {
  return new Uint8Array(gunzipSync(data));
}

/** XYZ tile of a point at zoom z. */
export function tileOf(lng: number, lat: number, z: number): { x: number; y: number } {
  const r = (lat * Math.PI) / 180;
  return {
    x: Math.floor(((lng + 180) / 360) * 2 ** z),
    y: Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z),
  };
}
