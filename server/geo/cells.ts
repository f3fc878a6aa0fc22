import CheapRuler from 'cheap-ruler';
import type { LatLng } from '../protocol/common';

/**
 * A grid of 0.005° cells (about 550 m north–south, 340 m east–west in the Netherlands) on which the address index
 * finds the nearest address: the rows of the few cells a search box covers, read on an index, then exact distances.
 */
const CELL_DEGREES = 0.005;
const ROW = 100_000;
/**
 * Near a pole a box of a few hundred metres spans ever more longitude (at ±90° all of it: the cell loop below had no
 * end and took the hub down). No address lies up there, and the map cannot show it (Web Mercator stops at ±85.05°).
 */
const MAX_LAT = 85;

export function cellOf(lat: number, lng: number): number {
  return Math.floor((lat + 90) / CELL_DEGREES) * ROW + Math.floor((lng + 180) / CELL_DEGREES);
}

export interface Box {
  minLat: number;
  maxLat: number;
  minLng: number;
  maxLng: number;
}

/** The box of `radiusM` metres around a point, and the cells it touches. */
export function searchBox(point: LatLng, radiusM: number): { box: Box; cells: number[] } {
  const ruler = new CheapRuler(point.lat, 'meters');
  const [minLng, minLat, maxLng, maxLat] = ruler.bufferPoint([point.lng, point.lat], radiusM);
  const cells: number[] = [];
  if (Math.abs(point.lat) > MAX_LAT) return { box: { minLat, maxLat, minLng, maxLng }, cells };
  const firstRow = Math.floor((minLat + 90) / CELL_DEGREES);
  const lastRow = Math.floor((maxLat + 90) / CELL_DEGREES);
  const firstCol = Math.floor((minLng + 180) / CELL_DEGREES);
  const lastCol = Math.floor((maxLng + 180) / CELL_DEGREES);
  for (let row = firstRow; row <= lastRow; row++) {
    for (let col = firstCol; col <= lastCol; col++) cells.push(row * ROW + col);
  }
  return { box: { minLat, maxLat, minLng, maxLng }, cells };
}

/** Metres between two points (cheap-ruler: within 0.1 % at city distances). */
export function distanceM(a: LatLng, b: LatLng): number {
  return new CheapRuler((a.lat + b.lat) / 2, 'meters').distance([a.lng, a.lat], [b.lng, b.lat]);
}

/** One ruler for many distances around the same latitude (street corners). */
export function rulerAt(lat: number): CheapRuler {
  return new CheapRuler(lat, 'meters');
}
