import type { Kysely } from 'kysely';
import { recountReporters } from './report-counts';
import type { DB } from './schema';

export interface ReporterContactRow {
  id: string;
  name: string | null;
  /** How they wish to be addressed ("mevrouw Jansen"), as given at intake (migration 0024). */
  salutation: string | null;
  email: string | null;
  phone: string | null;
}

export async function reportersOf(db: Kysely<DB>, reportId: string): Promise<ReporterContactRow[]> {
  return db
    .selectFrom('reporters')
    .select(['id', 'name', 'salutation', 'email', 'phone'])
    .where('report_id', '=', reportId)
    .orderBy('created_at')
    .execute();
}

/** Moves reporters to another report (a merged duplicate's reporters follow the original). */
export async function moveReporters(trx: Kysely<DB>, ids: readonly string[], toReportId: string): Promise<void> {
  if (ids.length === 0) return;
  const from = await trx.selectFrom('reporters').select('report_id').distinct().where('id', 'in', [...ids]).execute();
  await trx.updateTable('reporters').set({ report_id: toReportId }).where('id', 'in', [...ids]).execute();
  await recountReporters(trx, [...from.map((r) => r.report_id), toReportId]);
}
