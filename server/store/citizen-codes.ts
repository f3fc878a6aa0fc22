import type { Kysely } from 'kysely';
import type { DB } from './schema';

/** The status link token and short code of a report by its number, for the lookup by number and code. */
export async function citizenAccessByNumber(db: Kysely<DB>, number: number): Promise<{ token: string | null; code: string | null } | undefined> {
  const row = await db.selectFrom('reports').select(['citizen_token', 'citizen_code']).where('number', '=', number).executeTakeFirst();
  return row ? { token: row.citizen_token, code: row.citizen_code } : undefined;
}
