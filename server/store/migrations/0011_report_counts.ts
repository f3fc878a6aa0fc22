import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * The open queue's counts kept on the report row instead of four correlated subqueries per row (issue 11): how many
 * reporters follow the report and how many of its citizen messages are queued, failed or sent. The store functions
 * that write reporters and outbox rows keep them (store/report-counts.ts). Backfilled here from the rows that exist.
 *
 * `reports_open_queue` serves the console's queue: open reports newest first, paged by (created_at, id), covering the
 * queue's columns. SQLite uses a partial index only when the query repeats `status <> 'closed'` literally
 * (store/report-queue.ts does, and names the index: with statistics SQLite preferred a narrower one and a sort).
 */
/** Written out: this migration must not change with the store's queries. */
const QUEUE_COLUMNS =
  'number, category, lat, lng, address, description, source, priority, status, outcome, follow_up_date, sla_deadline, ' +
  'updated_at, version, reporter_count, outbox_queued, outbox_failed, outbox_sent';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ['reporter_count', 'outbox_queued', 'outbox_failed', 'outbox_sent']) {
    await db.schema
      .alterTable('reports')
      .addColumn(column, 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  }
  // UPDATE … FROM a grouped count: one pass over reporters and outbox (SQLite ≥ 3.33 and PostgreSQL alike).
  await sql`update reports set reporter_count = c.n
    from (select report_id, count(*) as n from reporters group by report_id) as c
    where reports.id = c.report_id`.execute(db);
  await sql`update reports set outbox_queued = c.queued, outbox_failed = c.failed, outbox_sent = c.sent
    from (select report_id,
            sum(case when status = 'queued' then 1 else 0 end) as queued,
            sum(case when status = 'failed' then 1 else 0 end) as failed,
            sum(case when status = 'sent' then 1 else 0 end) as sent
          from outbox group by report_id) as c
    where reports.id = c.report_id`.execute(db);
  // Covering: the queue reads its page from the index alone (a few MB: only open reports are in it).
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // Without the description: a B-tree row holds at most 2,704 bytes, and a description of up to 4,000 characters
    // that does not compress would make PostgreSQL refuse the report (and this migration on such a database).
    // The queue reads the description from the table row.
    const columns = QUEUE_COLUMNS.replace('description, ', '');
    await sql`create index reports_open_queue on reports (created_at desc, id desc) include (${sql.raw(columns)})
      where status <> 'closed'`.execute(db);
  } else {
    await sql`create index reports_open_queue on reports (created_at desc, id desc, ${sql.raw(QUEUE_COLUMNS)})
      where status <> 'closed'`.execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index reports_open_queue`.execute(db);
  for (const column of ['reporter_count', 'outbox_queued', 'outbox_failed', 'outbox_sent']) {
    await db.schema.alterTable('reports').dropColumn(column).execute();
  }
}
