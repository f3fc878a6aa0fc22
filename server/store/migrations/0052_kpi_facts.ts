import { type Kysely, PostgresAdapter, sql } from 'kysely';
import { createIndexConcurrently } from './concurrent-index';

/**
 * The shift lead's KPI facts (store/kpi-facts.ts): `kpi_facts`, one row per figure-ready fact, and
 * `kpi_fact_progress`, up to which event's seq every KPI step has its facts. The facts of the steps already in the
 * log are derived by the hub after start (hub/kpi-facts-job.ts, in batches; GET /api/stats waits for it), not here: a
 * year of a big city's log is a few million steps, and this migration must not hold the start or the event log.
 *
 * Indexes: the steps by seq (the derivation reads the steps after its watermark); the facts with what is counted, for
 * GET /api/stats to count a month per category in SQL from the index alone (SQLite: by kind, category and time;
 * PostgreSQL: by time), by time (the other groupings read the facts' rows) and by report (retention deletes a report's facts with it); on PostgreSQL the
 * reports by creation time with their category (below). Built concurrently on PostgreSQL (kpi_steps and reports take
 * writes while they build). Safe to run again.
 */
export const transaction = false;

const COUNTED = 'ms, within_term, edited, has_reporter';

/**
 * The foreign key to reports takes a lock on reports (PostgreSQL: SHARE ROW EXCLUSIVE) that waits for every open write
 * of reports and holds up every later one while it waits: behind a long transaction of another node, the command path
 * would stand still. So it waits at most 100 ms at a time, and tries again after a pause until it gets the lock.
 */
// biome-ignore lint/suspicious/noExplicitAny: see up()
async function waitingBriefly(db: Kysely<any>, postgres: boolean, fn: (db: Kysely<any>) => Promise<unknown>): Promise<void> {
  if (!postgres) {
    await fn(db);
    return;
  }
  // One connection, so the lock timeout is the statement's own and is reset on it.
  await db.connection().execute(async (conn) => {
    for (;;) {
      await sql`set lock_timeout = '100ms'`.execute(conn);
      try {
        await fn(conn);
        return;
      } catch (err) {
        if ((err as { code?: string }).code !== '55P03') throw err;
      } finally {
        await sql`reset lock_timeout`.execute(conn);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });
}

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await waitingBriefly(db, postgres, (on) =>
    on.schema
      .createTable('kpi_facts')
      .ifNotExists()
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      // A report's facts go with it, also when a node of an older release deletes it (retention) without knowing them.
      .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id').onDelete('cascade'))
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('lat', 'double precision', (c) => c.notNull())
      .addColumn('lng', 'double precision', (c) => c.notNull())
      .addColumn('team', 'text')
      .addColumn('ms', 'double precision')
      .addColumn('within_term', 'integer')
      .addColumn('edited', 'integer')
      .addColumn('has_reporter', 'integer')
      .execute(),
  );
  await db.schema
    .createTable('kpi_fact_progress')
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into kpi_fact_progress (id, seq) values (1, 0) on conflict (id) do nothing`.execute(db);
  await createIndexConcurrently(db, 'kpi_steps_seq', 'on kpi_steps (seq)');
  if (postgres) {
    // PostgreSQL reads a period's range by time and counts it per kind and category in one pass (no skip scan here).
    await createIndexConcurrently(db, 'kpi_facts_at', `on kpi_facts (at) include (kind, category, ${COUNTED})`);
  } else {
    // SQLite reads one time range per kind and category (store/stats.ts names the categories).
    await createIndexConcurrently(db, 'kpi_facts_group', `on kpi_facts (kind, category, at, ${COUNTED})`);
    await createIndexConcurrently(db, 'kpi_facts_at', 'on kpi_facts (at)');
  }
  await createIndexConcurrently(db, 'kpi_facts_report', 'on kpi_facts (report_id)');
  if (postgres) {
    // The reports received in a period per category from the index alone (SQLite has reports_map_recent for it). It
    // replaces reports_created_at, which it begins with: no more index for every new report to update than before.
    await createIndexConcurrently(db, 'reports_created_category', 'on reports (created_at) include (category)');
    await sql`drop index concurrently if exists reports_created_at`.execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`create index if not exists reports_created_at on reports (created_at)`.execute(db);
  await sql`drop index if exists reports_created_category`.execute(db);
  await sql`drop index if exists kpi_steps_seq`.execute(db);
  await db.schema.dropTable('kpi_fact_progress').ifExists().execute();
  await db.schema.dropTable('kpi_facts').ifExists().execute();
}
