import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { distance } from '@turf/distance';
import { point } from '@turf/helpers';
import type { FocusArea } from '../protocol/dispatch';

/**
 * Thin wrappers over turf, in the app's own terms: points are {lat, lng} (as in reports
 * and position fixes), polygons are GeoJSON Polygon coordinates (rings of [lng, lat]) as
 * in FocusArea. Turf itself wants [lng, lat]; keeping that swap in one place avoids the
 * classic lat/lng mix-up elsewhere.
 */

export interface LatLng {
  lat: number;
  lng: number;
}

export type PolygonCoordinates = FocusArea['polygon'];

/** Great-circle (haversine) distance in metres. */
export function distanceMeters(a: LatLng, b: LatLng): number {
  return distance(point([a.lng, a.lat]), point([b.lng, b.lat]), { units: 'meters' });
}

/**
 * Whether a point lies inside (or on the edge of) a polygon. Holes (further rings) are
 * respected. Rings that are not closed are closed here (FocusArea does not require the
 * last position to repeat the first; turf throws on that); a ring with fewer than three
 * distinct positions encloses nothing, so the answer is false.
 */
export function pointInPolygon(p: LatLng, polygon: PolygonCoordinates): boolean {
  const rings = polygon.map(closeRing);
  const outer = rings[0];
  if (!outer || outer.length < 4) return false;
  const usable = [outer, ...rings.slice(1).filter((ring) => ring.length >= 4)];
  return booleanPointInPolygon(point([p.lng, p.lat]), { type: 'Polygon', coordinates: usable });
}

function closeRing(ring: PolygonCoordinates[number]): [number, number][] {
  const copy = ring.map(([x, y]): [number, number] => [x, y]);
  const first = copy[0];
  const last = copy[copy.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) copy.push([first[0], first[1]]);
  return copy;
}
