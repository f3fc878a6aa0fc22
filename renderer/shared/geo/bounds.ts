/** Bounding boxes of [lng, lat] points, in the shape MapLibre's `fitBounds` takes. Pure. */

/** [[west, south], [east, north]]. */
export type LngLatBounds = [[number, number], [number, number]];

/** The box around the points (a hotspot's boundary, a drawn ring); null for none. */
export function boundaryBounds(points: readonly (readonly [number, number])[]): LngLatBounds | null {
  if (points.length === 0) return null;
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lng, lat] of points) {
    w = Math.min(w, lng);
    e = Math.max(e, lng);
    s = Math.min(s, lat);
    n = Math.max(n, lat);
  }
  return [
    [w, s],
    [e, n],
  ];
}

/** The box around a polygon's outer ring (a focus area); null when it has none. */
export function boundsOf(polygon: readonly (readonly (readonly [number, number])[])[]): LngLatBounds | null {
  return boundaryBounds(polygon[0] ?? []);
}
