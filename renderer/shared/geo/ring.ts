/** Polygon rings of [lng, lat] corners: GeoJSON wants them closed, a drawing holds them open. Pure. */

type Point = readonly [number, number];

function samePoint(a: Point, b: Point): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** The ring closed (first corner repeated at the end), as GeoJSON and the hub take it. */
export function closeRing(ring: readonly Point[]): [number, number][] {
  const copy = ring.map(([x, y]): [number, number] => [x, y]);
  const first = copy[0];
  const last = copy[copy.length - 1];
  if (first && last && !samePoint(first, last)) copy.push([first[0], first[1]]);
  return copy;
}

/** The ring's corners without the closing point (what a drawing holds). */
export function ringCorners(ring: readonly Point[]): [number, number][] {
  const corners = ring.map(([lng, lat]): [number, number] => [lng, lat]);
  const first = corners[0];
  const last = corners[corners.length - 1];
  if (corners.length > 1 && first && last && samePoint(first, last)) corners.pop();
  return corners;
}

/** Corners without immediate repeats (a double click on the map adds its spot twice). */
export function dropRepeatedCorners<P extends Point>(points: readonly P[]): P[] {
  return points.filter((p, i) => i === 0 || !samePoint(p, points[i - 1]!));
}
