import type { Generated } from 'kysely';

/** Tables of the offline address index the alerts' address (migration 0014) and the signals' (0015), merged into DB. */
export interface AddressTable {
  id: Generated<number>;
  street: string;
  house_number: number;
  house_letter: string | null;
  addition: string | null;
  /** Without a space: 2514EE. */
  postcode: string | null;
  place: string;
  lat: number;
  lng: number;
  /** Grid cell of the point (store/address-cells.ts). */
  cell: number;
  approximate: number;
}

export interface AddressNameTable {
  id: Generated<number>;
  /** 'street' (derived from the addresses at import) or 'place' (a named place of the import file). */
  kind: string;
  name: string;
  name_key: string;
  place: string | null;
  lat: number;
  lng: number;
  address_count: number;
  approximate: number;
  /** Normalised words of name and place: what the full-text index holds. */
  search: string;
}

declare module './schema' {
  interface DB {
    addresses: AddressTable;
    address_names: AddressNameTable;
  }
  interface AlertTable {
    /** The nearest address of the alert's position (looked up after the alert was raised), or null. */
    address_label?: string | null;
    address_distance_m?: number | null;
    /** When the lookup was done (found or not); null while it has not. */
    address_checked_at?: string | null;
  }
  /** The nearest address of a webhook signal's point (migration 0015), as for alerts; null while not looked up. */
  interface SignalTable {
    address_label?: string | null;
    address_distance_m?: number | null;
    address_checked_at?: string | null;
  }
}
