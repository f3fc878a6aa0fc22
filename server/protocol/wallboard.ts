import { z } from 'zod';
import { EntityId, IsoDateTime } from './common';

/**
 * The wallboard (issue 14, point 4): device tokens the admin issues and revokes, and the exchange of a token for the
 * wallboard's session cookie. A token is shown once, in the answer that issues it; only its hash is kept.
 */
export const WallboardDevice = z.object({
  id: z.string(),
  name: z.string(),
  /** The token's first characters, to tell tokens apart; never enough to use one. */
  tokenPrefix: z.string(),
  createdAt: IsoDateTime,
  createdBy: z.string().nullable(),
  revokedAt: IsoDateTime.nullable(),
  lastUsedAt: IsoDateTime.nullable(),
});
export type WallboardDevice = z.infer<typeof WallboardDevice>;

export const WallboardDevicesResponse = z.object({ devices: z.array(WallboardDevice) });

export const NewWallboardDevice = z.strictObject({
  name: z.string().trim().min(1, 'Geef het scherm een naam').max(100),
});

export const IssuedWallboardDevice = WallboardDevice.extend({
  /** The device token itself: shown once. */
  token: z.string(),
});
export type IssuedWallboardDevice = z.infer<typeof IssuedWallboardDevice>;

/** Sent once from the wallboard's entry form (a POST body, never a URL); the answer sets the session cookie. */
export const WallboardSignIn = z.strictObject({
  token: z.string().trim().min(20).max(200),
});

export const WallboardSession = z.object({
  deviceName: z.string(),
  expiresAt: IsoDateTime,
});
export type WallboardSession = z.infer<typeof WallboardSession>;

export const WallboardDeviceId = z.object({ id: EntityId });
