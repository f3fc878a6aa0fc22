import type { MapBox } from './map-view';

/**
 * The map view's grid on PostgreSQL (migration 0044): a report's cell is 1/100° of latitude by 1/60° of longitude
 * (~1.1 × 1.1 km in the Netherlands), one number `floor(lat·100)·100000 + floor(lng·60)`, indexed as an expression.
 * A box reads the cells it touches (a 2 × 2 km view: 6 to 9), each a range of `created_at`, instead of 30 days of
 * the whole city. Exact: multiplying by a positive constant keeps the order of doubles, so every point inside the box
 * lies in a cell between the cells of its corners; the box's own bounds then filter the cells' rows.
 */
export const MAP_CELL_SQL = '(floor(lat * 100) * 100000 + floor(lng * 60))';

/** Above this many cells (a view of ~1,200 km² or more) the map view reads without the grid. */
export const MAX_MAP_CELLS = 1000;

/** The cells a box touches, or null when there are more than {@link MAX_MAP_CELLS} (or the box is empty). */
export function mapCellsOfBox(box: MapBox): number[] | null {
  const lat0 = Math.floor(box.minLat * 100);
  const lat1 = Math.floor(box.maxLat * 100);
  const lng0 = Math.floor(box.minLng * 60);
  const lng1 = Math.floor(box.maxLng * 60);
  if (!(lat1 >= lat0 && lng1 >= lng0)) return null;
  if ((lat1 - lat0 + 1) * (lng1 - lng0 + 1) > MAX_MAP_CELLS) return null;
  const cells: number[] = [];
  for (let lat = lat0; lat <= lat1; lat++) {
    for (let lng = lng0; lng <= lng1; lng++) cells.push(lat * 100000 + lng);
  }
  return cells;
}
