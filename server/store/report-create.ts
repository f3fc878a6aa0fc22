import { type Kysely, sql } from 'kysely';
import { insertRow } from './compiled-insert';
import { isBuildingEvent, knownHead } from './events';
import { executeKeptBack } from './pg-pipeline';
import { reportCell } from './report-cells';
import type { DB, NewReportRow } from './schema';

/**
 * Inserts a new report with the next number (the highest + 1) and returns that number. Gap-free and unique
 * because it runs under the event-log lock (Store.writeTransaction), like the seq.
 * Called while appendEvent builds the report's event, when the transaction already read the log's head (its first
 * command did): the number is known without asking, and the INSERT is kept back to go to PostgreSQL with the event
 * INSERT that follows (store/pg-pipeline.ts), one round trip for both; an error in it fails that event INSERT, so this
 * command. Otherwise the number is taken inside the INSERT (`max(number) + 1`, one look-up in the unique index).
 */
export async function insertNumberedReport(trx: Kysely<DB>, row: Omit<NewReportRow, 'number'>): Promise<number> {
  const h3_r8 = reportCell(row.lat, row.lng);
  const head = knownHead(trx);
  if (head && isBuildingEvent(trx)) {
    const number = head.reportNumber + 1;
    await executeKeptBack(trx, insertRow(trx, 'reports', { ...row, h3_r8, number }));
    head.reportNumber = number;
    return number;
  }
  const inserted = await trx
    .insertInto('reports')
    .values({ ...row, h3_r8, number: sql<number>`(select coalesce(max(number), 0) + 1 from reports)` })
    .returning('number')
    .executeTakeFirstOrThrow();
  const number = Number(inserted.number);
  if (head) head.reportNumber = number;
  return number;
}
