import type { Kysely } from 'kysely';
import type { DB } from './schema';

/** The stored result of a command already applied (same id), or undefined. */
export async function previousResult(db: Kysely<DB>, commandId: string, userId: string): Promise<unknown | undefined> {
  const row = await db.selectFrom('command_log').select(['result', 'user_id']).where('id', '=', commandId).executeTakeFirst();
  if (!row || row.user_id !== userId) return undefined;
  return JSON.parse(row.result);
}

/** Inside the command's transaction, so the result and the change commit together. */
export async function recordResult(trx: Kysely<DB>, commandId: string, userId: string, name: string, result: unknown, at: string): Promise<void> {
  await trx.insertInto('command_log').values({ id: commandId, user_id: userId, name, result: JSON.stringify(result ?? null), at }).execute();
}
