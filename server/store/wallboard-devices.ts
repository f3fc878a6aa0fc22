import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { WallboardDevice } from '../protocol/wallboard';
import type { DB } from './schema';
import type { WallboardDeviceTable } from './schema-wallboard';
import './schema-wallboard';
import { endSessionsOfUser } from './sessions';

/**
 * Wallboard device tokens (issue 14, point 4): one per screen, stored as a SHA-256 hash, revocable. Each device signs in
 * as its own user with role `wallboard` and no password (it never signs in with one); revoking deactivates that user
 * and ends its sessions, so the screen's cookie is refused at once.
 */

const TOKEN_PREFIX = 'mkwb_';
/** Never a valid scrypt hash (server/auth/password): the device's user cannot sign in with a password. */
const NO_LOGIN = '!wallboard-device:no-login';

export function hashWallboardToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function toDevice(row: WallboardDeviceTable): WallboardDevice {
  return {
    id: row.id,
    name: row.name,
    tokenPrefix: row.token_prefix,
    createdAt: row.created_at,
    createdBy: row.created_by,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}

/** Issues a device token with its user; returns the token once. Call inside a write transaction. */
export async function issueWallboardDevice(
  trx: Kysely<DB>,
  input: { name: string; createdBy: string | null; at: string },
): Promise<{ device: WallboardDevice; token: string }> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const id = randomUUID();
  const userId = randomUUID();
  await trx
    .insertInto('users')
    .values({
      id: userId,
      username: `wallboard:${id}`,
      display_name: `Wallboard: ${input.name}`,
      role: 'wallboard',
      password_hash: NO_LOGIN,
      unit_id: null,
      active: 1,
      created_at: input.at,
    })
    .execute();
  const row: WallboardDeviceTable = {
    id,
    name: input.name,
    token_hash: hashWallboardToken(token),
    token_prefix: token.slice(0, TOKEN_PREFIX.length + 6),
    user_id: userId,
    created_at: input.at,
    created_by: input.createdBy,
    revoked_at: null,
    revoked_by: null,
    last_used_at: null,
  };
  await trx.insertInto('wallboard_devices').values(row).execute();
  return { device: toDevice(row), token };
}

export async function listWallboardDevices(db: Kysely<DB>): Promise<WallboardDevice[]> {
  const rows = await db.selectFrom('wallboard_devices').selectAll().orderBy('created_at', 'desc').execute();
  return rows.map(toDevice);
}

/**
 * Revokes a device: marks it, deactivates its user and ends its sessions. Returns the device and the ended session ids
 * (disconnect their sockets after commit), or undefined when there is no such device. Revoking twice changes nothing more.
 */
export async function revokeWallboardDevice(
  trx: Kysely<DB>,
  input: { id: string; by: string; at: string },
): Promise<{ device: WallboardDevice; endedSessions: string[] } | undefined> {
  const row = await trx.selectFrom('wallboard_devices').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!row) return undefined;
  if (row.revoked_at === null) {
    await trx.updateTable('wallboard_devices').set({ revoked_at: input.at, revoked_by: input.by }).where('id', '=', input.id).execute();
  }
  await trx.updateTable('users').set({ active: 0 }).where('id', '=', row.user_id).execute();
  const endedSessions = await endSessionsOfUser(trx, row.user_id);
  const updated = await trx.selectFrom('wallboard_devices').selectAll().where('id', '=', input.id).executeTakeFirstOrThrow();
  return { device: toDevice(updated), endedSessions };
}

/** The device (not revoked) a token belongs to, with its user id; marks it used at `at`. */
export async function useWallboardToken(
  db: Kysely<DB>,
  token: string,
  at: string,
): Promise<{ device: WallboardDevice; userId: string } | undefined> {
  const row = await db
    .selectFrom('wallboard_devices')
    .selectAll()
    .where('token_hash', '=', hashWallboardToken(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  await db.updateTable('wallboard_devices').set({ last_used_at: at }).where('id', '=', row.id).execute();
  return { device: toDevice({ ...row, last_used_at: at }), userId: row.user_id };
}
