import { z } from 'zod';

/** `wallboard`: a control-room video wall's device (issue 14 point 4), signed in by a device token, never by a password. */
export const Role = z.enum(['dispatcher', 'shift_lead', 'police_coordinator', 'field', 'admin', 'privacy_officer', 'wallboard']);
export type Role = z.infer<typeof Role>;

export const User = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  unitId: z.string().nullable(),
});
export type User = z.infer<typeof User>;

export const LoginRequest = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
  /** The second factor's code, for a user with TOTP (the hub asks for it with `user.totp.required`). */
  totp: z.string().trim().max(10).optional(),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResponse = z.object({
  token: z.string(),
  user: User,
  expiresAt: z.string(),
});
export type LoginResponse = z.infer<typeof LoginResponse>;
