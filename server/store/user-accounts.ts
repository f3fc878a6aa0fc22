import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Role } from '../protocol/auth';
import type { UserAccount } from '../protocol/users';
import type { DB, UserRow } from './schema';

/**
 * Accounts as an admin manages them (issue 10, point 15): listed, created, changed, deactivated, a password
 * or a second factor reset. Open311 clients' service users (one per API key, no password) are not accounts
 * anyone manages here and are left out.
 */
export function accountOf(row: UserRow): UserAccount {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    unitId: row.unit_id,
    active: Number(row.active) === 1,
    demo: Number(row.demo) === 1,
    createdAt: row.created_at,
    deactivatedAt: row.deactivated_at,
    passwordSetAt: row.password_set_at,
    totpEnabled: row.totp_enabled_at !== null,
  };
}

export async function listAccounts(db: Kysely<DB>): Promise<UserAccount[]> {
  const rows = await db
    .selectFrom('users')
    .selectAll()
    .where('id', 'not in', db.selectFrom('api_keys').select('user_id'))
    // A wallboard's user is its device token's (store/wallboard-devices.ts): managed in the wallboard list only.
    .where('role', '!=', 'wallboard')
    .orderBy('active', 'desc')
    .orderBy('username')
    .execute();
  return rows.map(accountOf);
}

/** An account by id (not an Open311 service user, not a wallboard device). */
export async function findAccountRow(db: Kysely<DB>, id: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', id)
    .where('id', 'not in', db.selectFrom('api_keys').select('user_id'))
    .where('role', '!=', 'wallboard')
    .executeTakeFirst();
}

/** Whether a username is taken, whatever its case (`Jan` and `jan` would confuse a control room). */
export async function usernameTaken(db: Kysely<DB>, username: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where(sql<string>`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertAccount(
  db: Kysely<DB>,
  account: { username: string; displayName: string; role: Role; unitId: string | null; passwordHash: string; at: string },
): Promise<UserRow> {
  const id = randomUUID();
  await db
    .insertInto('users')
    .values({
      id,
      username: account.username,
      display_name: account.displayName,
      role: account.role,
      password_hash: account.passwordHash,
      unit_id: account.unitId,
      active: 1,
      created_at: account.at,
      password_set_at: account.at,
    })
    .execute();
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return row;
}

export async function updateAccount(db: Kysely<DB>, id: string, patch: { displayName?: string; role?: Role; unitId?: string | null }): Promise<void> {
  const set: { display_name?: string; role?: string; unit_id?: string | null } = {};
  if (patch.displayName !== undefined) set.display_name = patch.displayName;
  if (patch.role !== undefined) set.role = patch.role;
  if (patch.unitId !== undefined) set.unit_id = patch.unitId;
  if (Object.keys(set).length > 0) await db.updateTable('users').set(set).where('id', '=', id).execute();
}

/** Deactivates (with who and when) or reactivates an account. */
export async function setAccountActive(db: Kysely<DB>, id: string, active: boolean, change: { at: string; by: string | null }): Promise<void> {
  await db
    .updateTable('users')
    .set(active ? { active: 1, deactivated_at: null, deactivated_by: null } : { active: 0, deactivated_at: change.at, deactivated_by: change.by })
    .where('id', '=', id)
    .execute();
}

export async function setAccountPassword(db: Kysely<DB>, id: string, passwordHash: string, at: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash, password_set_at: at }).where('id', '=', id).execute();
}

// ---- second factor ----

/** Starts (or restarts) enrolment: a new secret, not yet confirmed. */
export async function setPendingTotp(db: Kysely<DB>, id: string, secret: string): Promise<void> {
  await db.updateTable('users').set({ totp_secret: secret, totp_enabled_at: null, totp_last_step: null }).where('id', '=', id).execute();
}

export async function confirmTotp(db: Kysely<DB>, id: string, at: string, step: number): Promise<void> {
  await db.updateTable('users').set({ totp_enabled_at: at, totp_last_step: step }).where('id', '=', id).execute();
}

export async function clearTotp(db: Kysely<DB>, id: string): Promise<void> {
  await db.updateTable('users').set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null }).where('id', '=', id).execute();
}

/** Records a code's step as used, unless that step (or a later one) was used already (another node, a replay). */
export async function recordTotpStep(db: Kysely<DB>, id: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ---- demo users ----

export async function markDemoUsers(db: Kysely<DB>, usernames: readonly string[]): Promise<void> {
  if (usernames.length > 0) await db.updateTable('users').set({ demo: 1 }).where('username', 'in', usernames).execute();
}

/** Outside demo mode: deactivates the demo users still active (the hub, not an admin, did it); returns their ids. */
export async function retireDemoUsers(db: Kysely<DB>, at: string): Promise<string[]> {
  const rows = await db.selectFrom('users').select('id').where('demo', '=', 1).where('active', '=', 1).execute();
  if (rows.length > 0) {
    await db
      .updateTable('users')
      .set({ active: 0, deactivated_at: at, deactivated_by: null })
      .where('id', 'in', rows.map((r) => r.id))
      .execute();
  }
  return rows.map((r) => r.id);
}

/** In demo mode again: reactivates the demo users the hub deactivated (not those an admin did). */
export async function restoreDemoUsers(db: Kysely<DB>): Promise<number> {
  const result = await db
    .updateTable('users')
    .set({ active: 1, deactivated_at: null })
    .where('demo', '=', 1)
    .where('active', '=', 0)
    .where('deactivated_by', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Whether any admin can sign in (a fresh installation has none until `npm run user:create`). */
export async function hasActiveAdmin(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('role', '=', 'admin').where('active', '=', 1).limit(1).executeTakeFirst();
  return row !== undefined;
}
