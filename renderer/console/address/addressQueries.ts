/**
 * The console's address calls (issue 12): suggestions while typing, the full address of a suggestion, and
 * the nearest address of a point. The hub asks the configured source (offline index or PDOK); when that
 * fails it answers 503 `address.unavailable` and the console says so calmly (the map still works).
 */
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Address, AddressReverseResponse, AddressSuggestion } from '../../../server/protocol/address';
import { call } from '../../shared/api/call';
import { ApiRequestError } from '../../shared/api/client';
import { type AddressParts, partsFromAddress, partsFromSuggestion } from './addressParts';

/** A suggestion the call-taker chose: where it is and what goes into the address fields. */
export interface ChosenAddress {
  label: string;
  lat: number;
  lng: number;
  parts: AddressParts;
  /** False: the caller's house is not in the address list; the point is a neighbouring number's (approximate). */
  houseFound?: boolean;
}

export const addressKeys = {
  suggest: (q: string) => ['address', 'suggest', q] as const,
  lookup: (id: string) => ['address', 'lookup', id] as const,
  reverse: (lat: number, lng: number) => ['address', 'reverse', lat, lng] as const,
};

/** Suggestions asked for. */
export const SUGGESTION_LIMIT = 8;
/** Addresses do not move during a shift: answers are kept for an hour. */
const ADDRESS_STALE_MS = 60 * 60 * 1000;

/** The hub could not reach its address source (or has none): a state to show, not an error to shout. */
export function isAddressUnavailable(error: unknown): boolean {
  return error instanceof ApiRequestError && (error.code === 'address.unavailable' || error.status === 503);
}

/** Ranked suggestions for the (debounced) text; nothing is asked below two characters. */
export function useAddressSuggestions(q: string) {
  const text = q.trim();
  return useQuery({
    queryKey: addressKeys.suggest(text),
    queryFn: ({ signal }) => call('address.suggest', { q: text, limit: SUGGESTION_LIMIT }, undefined, { signal }),
    enabled: text.length >= 2,
    staleTime: ADDRESS_STALE_MS,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** Points are six decimals at most; a reverse answer is cached per rounded point. */
const roundKey = (value: number) => Math.round(value * 1e5) / 1e5;

/** Look-ups that run when asked (a choice, a click, a hover), cached in the query client. */
export function useAddressLookups() {
  const client = useQueryClient();
  const lookup = useCallback(
    (id: string): Promise<Address> =>
      client.fetchQuery({ queryKey: addressKeys.lookup(id), queryFn: () => call('address.lookup', { id }), staleTime: ADDRESS_STALE_MS, retry: false }),
    [client],
  );
  /**
   * A chosen suggestion as a point and the form's fields: its own point and label when it has a point,
   * else `address.lookup` (PDOK's suggest gives ids only). `query` is what was typed (its house number is kept).
   */
  const resolve = useCallback(
    async (suggestion: AddressSuggestion, query: string): Promise<ChosenAddress> => {
      if (suggestion.lat !== undefined && suggestion.lng !== undefined) {
        const parts = partsFromSuggestion(suggestion, query);
        return { label: suggestion.label, lat: suggestion.lat, lng: suggestion.lng, parts, houseFound: suggestion.houseFound };
      }
      const address = await lookup(suggestion.id);
      return { label: address.label, lat: address.lat, lng: address.lng, parts: partsFromAddress(address, query), houseFound: address.houseFound };
    },
    [lookup],
  );
  const reverse = useCallback(
    (lat: number, lng: number): Promise<AddressReverseResponse> => {
      const [rlat, rlng] = [roundKey(lat), roundKey(lng)];
      return client.fetchQuery({
        queryKey: addressKeys.reverse(rlat, rlng),
        queryFn: () => call('address.reverse', { lat: rlat, lng: rlng }),
        staleTime: ADDRESS_STALE_MS,
        retry: false,
      });
    },
    [client],
  );
  /** The point of a typed address: the best suggestion when it is one address; null when there is none. */
  const locate = useCallback(
    async (text: string): Promise<{ lat: number; lng: number } | null> => {
      const { suggestions } = await client.fetchQuery({
        queryKey: ['address', 'locate', text],
        queryFn: () => call('address.suggest', { q: text, limit: 1 }),
        staleTime: ADDRESS_STALE_MS,
        retry: false,
      });
      const best = suggestions[0];
      if (best?.kind !== 'address') return null;
      if (best.lat !== undefined && best.lng !== undefined) return { lat: best.lat, lng: best.lng };
      const address = await lookup(best.id);
      return { lat: address.lat, lng: address.lng };
    },
    [client, lookup],
  );
  return { lookup, resolve, reverse, locate };
}

/** The nearest address of a point, fetched only while `enabled` (e.g. when a tooltip is opened), cached. */
export function useNearestAddress(at: { lat: number; lng: number } | null, enabled: boolean) {
  const lat = at ? roundKey(at.lat) : 0;
  const lng = at ? roundKey(at.lng) : 0;
  return useQuery({
    queryKey: addressKeys.reverse(lat, lng),
    queryFn: () => call('address.reverse', { lat, lng }),
    enabled: enabled && at !== null,
    staleTime: ADDRESS_STALE_MS,
    retry: false,
  });
}
