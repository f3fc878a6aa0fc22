import { randomUUID } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { ThrottleScope } from '../domain/throttle';
import type { DB, ThrottleTable } from './schema';

export type ThrottleRow = Selectable<ThrottleTable>;

export interface ThrottleSubject {
  key: string;
  scope: ThrottleScope;
  username?: string | null;
  ip?: string | null;
  subject?: string | null;
}

export async function throttleById(db: Kysely<DB>, id: string): Promise<ThrottleRow | undefined> {
  return db.selectFrom('throttles').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findThrottles(db: Kysely<DB>, keys: readonly string[]): Promise<ThrottleRow[]> {
  if (keys.length === 0) return [];
  return db.selectFrom('throttles').selectAll().where('key', 'in', keys).execute();
}

/**
 * Counts one miss, atomically on every node: a new counter starts at one, a counter whose window started
 * at or before `windowEndedBefore` starts again at one, any other counts on.
 */
export async function recordMiss(db: Kysely<DB>, subject: ThrottleSubject, at: string, windowEndedBefore: string): Promise<ThrottleRow> {
  const restart = sql<boolean>`throttles.window_start <= ${windowEndedBefore}`;
  return db
    .insertInto('throttles')
    .values({
      id: randomUUID(),
      key: subject.key,
      scope: subject.scope,
      username: subject.username ?? null,
      ip: subject.ip ?? null,
      subject: subject.subject ?? null,
      misses: 1,
      window_start: at,
      last_miss_at: at,
      blocked_until: null,
    })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        misses: sql<number>`case when ${restart} then 1 else throttles.misses + 1 end`,
        window_start: sql<string>`case when ${restart} then ${at} else throttles.window_start end`,
        last_miss_at: at,
        username: sql<string | null>`coalesce(excluded.username, throttles.username)`,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setBlockedUntil(db: Kysely<DB>, id: string, blockedUntil: string): Promise<void> {
  await db.updateTable('throttles').set({ blocked_until: blockedUntil }).where('id', '=', id).execute();
}

/** A sign-in clears its own pair's counter. */
export async function clearThrottle(db: Kysely<DB>, key: string): Promise<void> {
  await db.deleteFrom('throttles').where('key', '=', key).execute();
}

/** Counters of these scopes with a miss since `since` or a block still running at `now`, latest miss first. */
export async function listThrottles(db: Kysely<DB>, scopes: readonly ThrottleScope[], since: string, now: string, limit = 200): Promise<ThrottleRow[]> {
  return db
    .selectFrom('throttles')
    .selectAll()
    .where('scope', 'in', scopes)
    .where((eb) => eb.or([eb('last_miss_at', '>=', since), eb('blocked_until', '>', now)]))
    .orderBy('last_miss_at', 'desc')
    .limit(limit)
    .execute();
}

/** Lifts a block: the counter starts again at zero from `at`. Undefined when there is no such counter. */
export async function liftThrottle(db: Kysely<DB>, id: string, at: string): Promise<ThrottleRow | undefined> {
  const result = await db.updateTable('throttles').set({ misses: 0, blocked_until: null, window_start: at }).where('id', '=', id).executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return undefined;
  return db.selectFrom('throttles').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Forgets counters with no miss since `before` and no block running at `now`. */
export async function pruneThrottles(db: Kysely<DB>, before: string, now: string): Promise<number> {
  const result = await db
    .deleteFrom('throttles')
    .where('last_miss_at', '<', before)
    .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<=', now)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
