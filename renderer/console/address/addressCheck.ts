/**
 * Does the address agree with the map point? Pure: the distance between the point and where the address
 * search puts the address, and whether that is more than the 25 m a call-taker may leave unremarked.
 */
import distance from '@turf/distance';

/** Further than this, the address and the point are flagged as disagreeing. */
export const ADDRESS_POINT_TOLERANCE_M = 25;

export interface LatLngPoint {
  lat: number;
  lng: number;
}

/** Metres between two points on earth (great circle). */
export function metresBetween(a: LatLngPoint, b: LatLngPoint): number {
  return distance([a.lng, a.lat], [b.lng, b.lat], { units: 'meters' });
}

export type AddressAgreement =
  /** No point or no address yet: nothing to compare. */
  | { kind: 'none' }
  /** The address was looked up and lies within the tolerance. */
  | { kind: 'agrees'; distanceM: number }
  /** The address lies further from the point than the tolerance. */
  | { kind: 'far'; distanceM: number; at: LatLngPoint }
  /** The address search does not know this address. */
  | { kind: 'unknown' };

export function agreement(point: LatLngPoint | null, addressAt: LatLngPoint | null | undefined): AddressAgreement {
  if (!point || addressAt === undefined) return { kind: 'none' };
  if (addressAt === null) return { kind: 'unknown' };
  const distanceM = metresBetween(point, addressAt);
  return distanceM > ADDRESS_POINT_TOLERANCE_M ? { kind: 'far', distanceM, at: addressAt } : { kind: 'agrees', distanceM };
}

/** "± 40 m", "± 1,2 km": a distance to read aloud, not to measure with. */
export function formatApproxDistance(metres: number): string {
  if (metres < 1000) return `± ${Math.max(1, Math.round(metres / (metres < 100 ? 5 : 10)) * (metres < 100 ? 5 : 10))} m`;
  return `± ${(metres / 1000).toFixed(1).replace('.', ',')} km`;
}
