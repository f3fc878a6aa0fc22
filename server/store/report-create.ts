import { type Kysely, sql } from 'kysely';
import { reportCell } from './report-cells';
import type { DB, NewReportRow } from './schema';

/**
 * Inserts a new report and gives it the next number in the same statement (the highest number + 1, one look-up
 * in the unique index on `number`), returning that number: one statement where a look-up and an insert were two.
 * Gap-free and unique because it runs under the event-log lock (Store.writeTransaction), like the seq.
 */
export async function insertNumberedReport(trx: Kysely<DB>, row: Omit<NewReportRow, 'number'>): Promise<number> {
  const inserted = await trx
    .insertInto('reports')
    .values({ ...row, h3_r8: reportCell(row.lat, row.lng), number: sql<number>`(select coalesce(max(number), 0) + 1 from reports)` })
    .returning('number')
    .executeTakeFirstOrThrow();
  return Number(inserted.number);
}
