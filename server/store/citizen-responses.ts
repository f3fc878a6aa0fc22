import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from './schema';

/** Has the citizen answered the satisfaction question since `since` (the report's last change)? */
export async function answeredSince(db: Kysely<DB>, reportId: string, since: string): Promise<boolean> {
  const row = await db
    .selectFrom('citizen_responses')
    .select('id')
    .where('report_id', '=', reportId)
    .where('created_at', '>=', since)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertCitizenResponse(trx: Kysely<DB>, response: { reportId: string; satisfied: boolean; comment: string | null; at: string }): Promise<void> {
  await trx
    .insertInto('citizen_responses')
    .values({ id: randomUUID(), report_id: response.reportId, satisfied: response.satisfied ? 1 : 0, comment: response.comment, created_at: response.at })
    .execute();
}
