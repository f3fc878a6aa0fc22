import type { Kysely } from 'kysely';
import type { DB } from './schema';

export interface ReporterContactRow {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
}

export async function reportersOf(db: Kysely<DB>, reportId: string): Promise<ReporterContactRow[]> {
  return db
    .selectFrom('reporters')
    .select(['id', 'name', 'email', 'phone'])
    .where('report_id', '=', reportId)
    .orderBy('created_at')
    .execute();
}
