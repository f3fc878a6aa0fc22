import { type Kysely, sql } from 'kysely';

/**
 * The open queue's counts kept on the report row instead of four correlated subqueries per row (issue 11): how many
 * reporters follow the report and how many of its citizen messages are queued, failed or sent. The store functions
 * that write reporters and outbox rows keep them (store/report-counts.ts). Backfilled here from the rows that exist.
 *
 * `reports_open_queue` serves the console's queue: open reports newest first, paged by (created_at, id). SQLite uses
 * a partial index only when the query repeats `status <> 'closed'` literally (store/report-queue.ts does).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ['reporter_count', 'outbox_queued', 'outbox_failed', 'outbox_sent']) {
    await db.schema
      .alterTable('reports')
      .addColumn(column, 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  }
  await sql`update reports set reporter_count = (select count(*) from reporters where reporters.report_id = reports.id)
    where id in (select report_id from reporters)`.execute(db);
  await sql`update reports set
      outbox_queued = (select count(*) from outbox where outbox.report_id = reports.id and outbox.status = 'queued'),
      outbox_failed = (select count(*) from outbox where outbox.report_id = reports.id and outbox.status = 'failed'),
      outbox_sent = (select count(*) from outbox where outbox.report_id = reports.id and outbox.status = 'sent')
    where id in (select report_id from outbox)`.execute(db);
  await sql`create index reports_open_queue on reports (created_at desc, id desc) where status <> 'closed'`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index reports_open_queue`.execute(db);
  for (const column of ['reporter_count', 'outbox_queued', 'outbox_failed', 'outbox_sent']) {
    await db.schema.alterTable('reports').dropColumn(column).execute();
  }
}
