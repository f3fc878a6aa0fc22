import { type Kysely, PostgresAdapter, sql } from 'kysely';
import { createIndexConcurrently } from './concurrent-index';

/**
 * The open queue's covering index reports_open_queue (0011, 0032) gets the three fields of the queue's slim row that
 * later migrations added to reports and left out of it: parent_number and part_count (0029, sub-reports) and
 * awaiting_reply_since (0026). Without them every row of a queue page was also looked up in the reports table: on
 * the 1M-report fixture ~2 µs a row, 10 of the 12 ms a page of 5,000 took on SQLite (docs/BENCHMARKS.md, the open
 * queue). With them the page is read from the index alone, on PostgreSQL an index-only scan again.
 *
 * PostgreSQL also gets reports_open_count, the open reports' status alone: each queue page carries the open total
 * (`count(*)` of the open reports, in the page's own statement), which read the wide queue index, 1,269 pages for
 * 20,647 open reports, 3–7 ms a page; from this index ~1.7 ms. SQLite counts them from reports_open_queue in 0.4 ms.
 *
 * The name stays reports_open_queue: SQLite's queue and replay reads say `indexed by reports_open_queue`, older
 * releases' too. PostgreSQL builds the new index concurrently under a name of its own (the table takes writes while
 * it builds), drops the old one concurrently and renames the new one. SQLite (one node, migrated before the hub
 * serves) drops and makes it again in one transaction. Safe to run again. Only an index changes: older releases read
 * and write as before.
 */
/** Written out: this migration must not change with the store's queries (0032's list plus the three fields). */
const QUEUE_COLUMNS =
  'number, category, lat, lng, address, description, source, priority, status, outcome, follow_up_date, sla_deadline, ' +
  'updated_at, version, reporter_count, outbox_queued, outbox_failed, outbox_sent, sla_at_risk_from, ' +
  'parent_number, part_count, awaiting_reply_since';
const BUILDING = 'reports_open_queue_building';

export const transaction = false;

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // As 0011: without the description (a B-tree row holds at most 2,704 bytes).
    const columns = QUEUE_COLUMNS.replace('description, ', '');
    // Run again after it was done (stopped before it was booked): nothing to rebuild.
    const current = await sql<{ def: string }>`select indexdef as def from pg_indexes
      where indexname = 'reports_open_queue' and schemaname = current_schema()`.execute(db);
    if (!current.rows[0]?.def.includes('awaiting_reply_since')) {
      await createIndexConcurrently(db, BUILDING, `on reports (created_at desc, id desc) include (${columns}) where status <> 'closed'`);
      await sql`drop index concurrently if exists reports_open_queue`.execute(db);
      await sql`alter index ${sql.id(BUILDING)} rename to reports_open_queue`.execute(db);
    }
    await createIndexConcurrently(db, 'reports_open_count', `on reports (status) where status <> 'closed'`);
    return;
  }
  await db.transaction().execute(async (trx) => {
    await sql`drop index if exists reports_open_queue`.execute(trx);
    await sql`create index reports_open_queue on reports (created_at desc, id desc, ${sql.raw(QUEUE_COLUMNS)})
      where status <> 'closed'`.execute(trx);
  });
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  const columns = QUEUE_COLUMNS.replace(', parent_number, part_count, awaiting_reply_since', '');
  await sql`drop index if exists reports_open_count`.execute(db);
  await sql`drop index if exists reports_open_queue`.execute(db);
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create index reports_open_queue on reports (created_at desc, id desc) include (${sql.raw(columns.replace('description, ', ''))})
      where status <> 'closed'`.execute(db);
  } else {
    await sql`create index reports_open_queue on reports (created_at desc, id desc, ${sql.raw(columns)})
      where status <> 'closed'`.execute(db);
  }
}
