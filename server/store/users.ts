import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Role, User } from '../protocol/auth';
import type { DB, UserRow } from './schema';

export function rowToUser(row: Pick<UserRow, 'id' | 'username' | 'display_name' | 'role' | 'unit_id'>): User {
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role as Role, unitId: row.unit_id };
}

export async function findUserByUsername(db: Kysely<DB>, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).where('active', '=', 1).executeTakeFirst();
}

export async function hasUsers(db: Kysely<DB>): Promise<boolean> {
  return (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;
}

export async function insertUser(
  db: Kysely<DB>,
  user: { username: string; displayName: string; role: Role; passwordHash: string; unitId?: string | null },
): Promise<User> {
  const row = {
    id: randomUUID(),
    username: user.username,
    display_name: user.displayName,
    role: user.role,
    password_hash: user.passwordHash,
    unit_id: user.unitId ?? null,
    active: 1,
    created_at: new Date().toISOString(),
  };
  await db.insertInto('users').values(row).execute();
  return rowToUser(row);
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Only the token's hash is stored, so a leaked database does not leak live sessions. */
export async function createSession(
  db: Kysely<DB>,
  userId: string,
  ttlMs: number,
  /** The hub clock's now: sessions expire on the hub clock (store/sessions.ts). */
  at: Date = new Date(),
): Promise<{ token: string; expiresAt: string }> {
  const token = randomBytes(32).toString('base64url');
  const now = at.getTime();
  const expiresAt = new Date(now + ttlMs).toISOString();
  await db
    .insertInto('sessions')
    .values({ token_hash: tokenHash(token), user_id: userId, created_at: new Date(now).toISOString(), expires_at: expiresAt })
    .execute();
  return { token, expiresAt };
}

export async function userForToken(db: Kysely<DB>, token: string): Promise<User | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .where('sessions.token_hash', '=', tokenHash(token))
    .where('sessions.expires_at', '>', new Date().toISOString())
    .where('users.active', '=', 1)
    .executeTakeFirst();
  return row ? rowToUser(row) : undefined;
}

export async function deleteSession(db: Kysely<DB>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash(token)).execute();
}
