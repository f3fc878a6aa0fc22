import { type Kysely, PostgresAdapter, sql } from 'kysely';
import { createIndexConcurrently } from './concurrent-index';

/**
 * The shift lead's KPIs for a month (store/stats.ts, GET /api/stats) read a period's KPI steps by kind and time and
 * then each report they name once, for its subject (category, place) and creation time. Both reads from an index
 * alone:
 * - kpi_steps_period: the steps by (kind, at) with every column a fact reads, so a month's 150,000 steps are not
 *   each looked up in the table; it replaces kpi_steps_kind_at (migration 0038), which it begins with (no release
 *   names that index; older ones only read a little slower without it).
 * - reports_kpi_subject: a report by id with its creation time, category and place, so the 30,000 reports of a
 *   city's month are not each read from the reports table (rows with descriptions, a million of them).
 * PostgreSQL keeps the extra columns as INCLUDE and builds both concurrently (the reports table takes writes while
 * it builds); SQLite has them in the key. Safe to run again. On a filled database each reads its table once.
 */
const STEP_COLUMNS = 'report_id, unit_id, ms, unit_kind, within_term, edited, has_reporter';
const SUBJECT_COLUMNS = 'created_at, category, lat, lng';

export const transaction = false;

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await createIndexConcurrently(db, 'kpi_steps_period', postgres ? `on kpi_steps (kind, at) include (${STEP_COLUMNS})` : `on kpi_steps (kind, at, ${STEP_COLUMNS})`);
  await createIndexConcurrently(db, 'reports_kpi_subject', postgres ? `on reports (id) include (${SUBJECT_COLUMNS})` : `on reports (id, ${SUBJECT_COLUMNS})`);
  await (postgres ? sql`drop index concurrently if exists kpi_steps_kind_at` : sql`drop index if exists kpi_steps_kind_at`).execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`create index if not exists kpi_steps_kind_at on kpi_steps (kind, at)`.execute(db);
  await sql`drop index if exists reports_kpi_subject`.execute(db);
  await sql`drop index if exists kpi_steps_period`.execute(db);
}
