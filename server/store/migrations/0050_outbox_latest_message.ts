import { type Kysely, PostgresAdapter, sql } from 'kysely';
import { createIndexConcurrently } from './concurrent-index';

/**
 * The Open311 status poll (store/open311.ts) takes each report's newest message: the outbox rows of the report by
 * created_at descending, then id. With only outbox_report (report_id) every poll of 20,000 ids fetched and sorted
 * all of each report's messages; outbox_latest_message gives them in that order, so the newest is the first entry.
 * It begins with report_id, so it replaces outbox_report (migration 0002; no statement names it). Built concurrently
 * on PostgreSQL (the outbox takes writes while it builds). Safe to run again.
 */
export const transaction = false;

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await createIndexConcurrently(db, 'outbox_latest_message', 'on outbox (report_id, created_at desc, id)');
  await (postgres ? sql`drop index concurrently if exists outbox_report` : sql`drop index if exists outbox_report`).execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`create index if not exists outbox_report on outbox (report_id)`.execute(db);
  await sql`drop index if exists outbox_latest_message`.execute(db);
}
