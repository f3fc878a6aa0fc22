import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { User } from '../protocol/auth';
import type { DB } from './schema';
import { rowToUser } from './users';

/**
 * Sessions as the hub binds sockets to them: a session's id is its token's SHA-256 (what the table keys
 * on; the token itself is never stored), valid while it has not expired on the hub clock and its user is
 * active. Ending a session deletes it; callers disconnect its sockets (hub/session-rooms.ts).
 */
export interface LiveSession {
  id: string;
  user: User;
  expiresAt: string;
}

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The session behind a bearer token with its (current) user, when it is valid at `now`. */
export async function sessionForToken(db: Kysely<DB>, token: string, now: Date): Promise<LiveSession | undefined> {
  return liveSession(db, sessionIdOf(token), now);
}

/** A session by id, when it is still valid at `now`: one indexed lookup, with the user as they are now. */
export async function liveSession(db: Kysely<DB>, id: string, now: Date): Promise<LiveSession | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.token_hash as session_id', 'sessions.expires_at as session_expires_at'])
    .where('sessions.token_hash', '=', id)
    .where('sessions.expires_at', '>', now.toISOString())
    .where('users.active', '=', 1)
    .executeTakeFirst();
  return row ? { id: row.session_id, user: rowToUser(row), expiresAt: row.session_expires_at } : undefined;
}

/** Ends one session; returns its id. */
export async function endSession(db: Kysely<DB>, id: string): Promise<string[]> {
  const rows = await db.deleteFrom('sessions').where('token_hash', '=', id).returning('token_hash').execute();
  return rows.map((r) => r.token_hash);
}

/** Ends every session of a user (deactivation, password change); returns their ids, for disconnecting their sockets. */
export async function endSessionsOfUser(db: Kysely<DB>, userId: string): Promise<string[]> {
  const rows = await db.deleteFrom('sessions').where('user_id', '=', userId).returning('token_hash').execute();
  return rows.map((r) => r.token_hash);
}

/** Ends sessions that expired at `now` (at most `limit`); each id is returned to exactly one caller, on any node. */
export async function endExpiredSessions(db: Kysely<DB>, now: Date, limit = 500): Promise<string[]> {
  const expired = db.selectFrom('sessions').select('token_hash').where('expires_at', '<=', now.toISOString()).limit(limit);
  const rows = await db.deleteFrom('sessions').where('token_hash', 'in', expired).returning('token_hash').execute();
  return rows.map((r) => r.token_hash);
}
