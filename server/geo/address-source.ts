import type { Address, AddressSourceName, AddressSuggestion } from '../protocol/address';
import type { LatLng } from '../protocol/common';

/** The nearest address of a point and how far it is (metres). */
export interface NearestAddress {
  address: Address;
  distanceM: number;
}

/**
 * Where the hub finds addresses: the offline index in the store (geo/offline-source.ts) or PDOK's Locatieserver
 * (geo/pdok-source.ts), chosen by configuration (geo/create-source.ts). A source that cannot answer throws
 * AddressUnavailable (geo/errors.ts); "nothing found" is an empty list or null.
 */
export interface AddressSource {
  readonly name: AddressSourceName;
  suggest(query: string, limit: number): Promise<AddressSuggestion[]>;
  lookup(id: string): Promise<Address | null>;
  /** The nearest address within `maxDistanceM` metres, else null. */
  reverse(point: LatLng, maxDistanceM: number): Promise<NearestAddress | null>;
}

/** How far reverse lookups reach (the address API's contract). */
export const REVERSE_MAX_DISTANCE_M = 250;
