/** The table of migration 0036_wallboard_devices, merged into DB here (module augmentation of schema.ts). */

export interface WallboardDeviceTable {
  id: string;
  name: string;
  /** SHA-256 (hex) of the device token; the token itself is never stored. */
  token_hash: string;
  /** The token's first characters, to recognise it in the admin's list. */
  token_prefix: string;
  /** The device's own user (role `wallboard`, no password). */
  user_id: string;
  created_at: string;
  created_by: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
  last_used_at: string | null;
}

declare module './schema' {
  interface DB {
    wallboard_devices: WallboardDeviceTable;
  }
}
