import { type Kysely, sql } from 'kysely';

/**
 * Sub-reports (deelmeldingen, issue 15 point 8; domain/sub-reports.ts). A part is a row of `reports` with:
 * - `parent_report_id`: the main report's id (null for every other report),
 * - `parent_number`: the main report's number, kept with the part (numbers never change), for the queue's
 *   "deel van M-…" without a join,
 * - `part_team`: the team (a category's department) the part is for,
 * and the main report keeps `part_count`, the number of its parts (0 for every other report).
 *
 * On a filled database the new columns are null and 0: no report was split before, nothing to backfill. The open
 * queue's covering index (reports_open_queue, 0011/0032) is left alone: the queue reads these two fields from the
 * table row (store/report-queue.ts). `reports_parts_of`, partial (only parts are in it), lists a report's parts.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('reports').addColumn('parent_report_id', 'text').execute();
  await db.schema.alterTable('reports').addColumn('parent_number', 'bigint').execute();
  await db.schema.alterTable('reports').addColumn('part_team', 'text').execute();
  await db.schema
    .alterTable('reports')
    .addColumn('part_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`create index reports_parts_of on reports (parent_report_id, number) where parent_report_id is not null`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index reports_parts_of`.execute(db);
  for (const column of ['part_count', 'part_team', 'parent_number', 'parent_report_id']) {
    await db.schema.alterTable('reports').dropColumn(column).execute();
  }
}
