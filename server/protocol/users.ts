import { z } from 'zod';
import { Role } from './auth';
import { EntityId, IsoDateTime } from './common';

/** HTTP bodies and answers of user management (admin) and of the signed-in user's own security: screen lock, TOTP. */

export const UserAccount = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  unitId: z.string().nullable(),
  active: z.boolean(),
  /** A demo user: active only while the hub runs in demo mode. */
  demo: z.boolean(),
  createdAt: IsoDateTime,
  deactivatedAt: IsoDateTime.nullable(),
  passwordSetAt: IsoDateTime.nullable(),
  totpEnabled: z.boolean(),
});
export type UserAccount = z.infer<typeof UserAccount>;

/** The accounts, and the units a field user can belong to (the admin reads no other unit data). */
export const UsersResponse = z.object({ users: z.array(UserAccount), units: z.array(z.object({ id: z.string(), callsign: z.string() })) });
export type UsersResponse = z.infer<typeof UsersResponse>;

const Username = z
  .string()
  .trim()
  .min(3, 'Minstens 3 tekens')
  .max(64, 'Hoogstens 64 tekens')
  .regex(/^[A-Za-z0-9._-]+$/, 'Alleen letters, cijfers, punt, streepje en liggend streepje');
const DisplayName = z.string().trim().min(1, 'Geef een naam').max(100);
/** The policy itself (length, common passwords, the username) is the domain's: domain/password-policy.ts. */
const Password = z.string().min(1, 'Geef een wachtwoord').max(500);
/** The roles an admin gives an account: a wallboard is a device, made from a device token (protocol/wallboard.ts), never an account. */
export const AccountRole = Role.exclude(['wallboard']);
export type AccountRole = z.infer<typeof AccountRole>;

export const NewUserBody = z.object({
  username: Username,
  displayName: DisplayName,
  role: AccountRole,
  unitId: EntityId.nullable().optional(),
  password: Password,
});
export type NewUserBody = z.input<typeof NewUserBody>;

export const UpdateUserBody = z
  .object({ displayName: DisplayName.optional(), role: AccountRole.optional(), unitId: EntityId.nullable().optional() })
  .refine((body) => Object.values(body).some((v) => v !== undefined), 'Niets te wijzigen');
export type UpdateUserBody = z.input<typeof UpdateUserBody>;

/** A reset password: shown once to the admin, only its hash is kept. */
export const PasswordReset = z.object({ user: UserAccount, password: z.string() });
export type PasswordReset = z.infer<typeof PasswordReset>;

export const UnlockBody = z.object({ password: Password });

/** The start of TOTP enrolment: the secret, shown once, as text, as otpauth:// URL and as QR code (SVG data URL). */
export const TotpEnrolment = z.object({ secret: z.string(), otpauthUrl: z.string(), qrDataUrl: z.string() });
export const TotpCodeBody = z.object({ code: z.string().trim().regex(/^\d{6}$/, 'Zes cijfers') });
export const TotpStatus = z.object({ enabled: z.boolean() });
export type TotpEnrolment = z.infer<typeof TotpEnrolment>;
