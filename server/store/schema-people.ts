/** Store tables: accounts and their use: users, sessions, guessing counters, the command log. Merged into DB in schema.ts. */
import type { Generated } from 'kysely';

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
  unit_id: string | null;
  active: number;
  created_at: string;
  /** 1: a demo user, active only in demo mode (migration 0009_users). */
  demo: Generated<number>;
  deactivated_at: string | null;
  /** The admin who deactivated the account, or null (also when the hub did, for a demo user outside demo mode). */
  deactivated_by: string | null;
  password_set_at: string | null;
  /** TOTP secret (base32); with totp_enabled_at null it is an enrolment not yet confirmed. */
  totp_secret: string | null;
  totp_enabled_at: string | null;
  /** The last 30-second step a code was accepted for: a code works once. */
  totp_last_step: number | null;
}

export interface SessionTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

/** A counter of failed guesses (migration 0007): sign-in and the citizen status lookup. */
export interface ThrottleTable {
  id: string;
  /** What is counted, e.g. `login_pair:<user key>:<ip>` or `status_number:123`. */
  key: string;
  scope: string;
  /** The user's name for sign-in counters of an existing user; null otherwise (never what was typed for an unknown one). */
  username: string | null;
  ip: string | null;
  /** A report number for the status lookup's per-number counter. */
  subject: string | null;
  misses: number;
  window_start: string;
  last_miss_at: string;
  blocked_until: string | null;
}

export interface CommandLogTable {
  id: string;
  user_id: string;
  name: string;
  result: string;
  at: string;
}
