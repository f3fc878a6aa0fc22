import { z } from 'zod';
import { queryNumber } from './common';

/** What an address suggestion stands for: one address, a whole street, a postcode, a named place, a street corner. */
export const AddressKind = z.enum(['address', 'street', 'postcode', 'place', 'corner']);
export type AddressKind = z.infer<typeof AddressKind>;

export const AddressSource = z.enum(['offline', 'pdok']);
export type AddressSourceName = z.infer<typeof AddressSource>;

/**
 * `houseFound` (addresses of the offline index only): false when the caller's house (number, letter, addition) is not
 * in the index and is offered at a neighbouring number's point: always approximate, and without a postcode unless the
 * same number is there. `approximate` alone may be the whole source's (the demo file).
 */
const houseFound = z.boolean().optional();

/** One suggestion while typing; `lat`/`lng` (and `approximate`) where the source gives them (PDOK's suggest does not: call lookup). */
export const AddressSuggestion = z.object({
  id: z.string().min(1).max(300),
  label: z.string(),
  kind: AddressKind,
  lat: z.number().optional(),
  lng: z.number().optional(),
  approximate: z.boolean().optional(),
  houseFound,
});
export type AddressSuggestion = z.infer<typeof AddressSuggestion>;

/** A full address (or street, place, corner) and its point. `approximate`: the point is not the BAG's own. */
export const Address = z.object({
  id: z.string(),
  label: z.string(),
  kind: AddressKind,
  street: z.string().nullable(),
  houseNumber: z.number().int().nullable(),
  houseLetter: z.string().nullable(),
  addition: z.string().nullable(),
  postcode: z.string().nullable(),
  place: z.string().nullable(),
  lat: z.number(),
  lng: z.number(),
  approximate: z.boolean(),
  houseFound,
});
export type Address = z.infer<typeof Address>;

/** The longest search text the hub takes (the console's search box stops typing there). */
export const ADDRESS_QUERY_MAX_LENGTH = 200;

export const AddressSuggestQuery = z.object({
  q: z.string().trim().min(1).max(ADDRESS_QUERY_MAX_LENGTH),
  limit: z.coerce.number().int().min(1).max(20).default(10),
});
export const AddressSuggestResponse = z.object({ source: AddressSource, suggestions: z.array(AddressSuggestion) });
export type AddressSuggestResponse = z.infer<typeof AddressSuggestResponse>;

export const AddressLookupQuery = z.object({ id: z.string().min(1).max(300) });

export const AddressReverseQuery = z.object({
  lat: queryNumber(z.number().min(-90).max(90)),
  lng: queryNumber(z.number().min(-180).max(180)),
});
/** The nearest address within 250 m, else both null. */
export const AddressReverseResponse = z.object({ address: Address.nullable(), distanceM: z.number().nullable() });
export type AddressReverseResponse = z.infer<typeof AddressReverseResponse>;

/** The nearest address of an emergency alert's position, published after the alert itself (never delaying it). */
export const AlertAddress = z.object({ label: z.string(), distanceM: z.number() });
export type AlertAddress = z.infer<typeof AlertAddress>;
