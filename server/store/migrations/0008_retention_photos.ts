import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Photos live in the store (the bytes in `photos.data`: BLOB on SQLite, bytea on PostgreSQL), so every
 * hub node serves them; rows of the old file-based table move to `photos_legacy` and are re-encoded into
 * `photos` at start-up (store/photos.ts, hub/legacy-photos.ts). Retention: when a report was closed
 * (`reports.closed_at`, from its last transition for reports closed before), what the job removed
 * (`retention_log`), and a lease so one hub node runs the job at a time (`job_leases`).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
  const bytes = db.getExecutor().adapter instanceof PostgresAdapter ? 'bytea' : 'blob';

  await db.schema
    .createTable('photos_legacy')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('report_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text')
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('photos_legacy_pk', ['id'])
    .execute();
  await sql`insert into photos_legacy (id, report_id, unit_id, content_type, size, path, created_at)
    select id, report_id, unit_id, content_type, size, path, created_at from photos`.execute(db);
  await db.schema.dropTable('photos').execute();
  await db.schema
    .createTable('photos')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
    .addColumn('unit_id', 'text')
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('data', bytes, (c) => c.notNull())
    /** The seq of the finding (resolution proposal) the photo was sent with, once it was. */
    .addColumn('finding_seq', 'bigint')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('photos_pk', ['id'])
    .execute();
  await db.schema.createIndex('photos_report').on('photos').columns(['report_id', 'created_at']).execute();

  await db.schema.alterTable('reports').addColumn('closed_at', 'text').execute();
  await sql`update reports set closed_at = coalesce(
      (select max(e.at) from events e where e.report_id = reports.id and e.type = 'report.transitioned'),
      updated_at)
    where status = 'closed'`.execute(db);
  await db.schema.createIndex('reports_closed_at').on('reports').columns(['status', 'closed_at']).execute();

  await db.schema
    .createTable('retention_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    /** JSON: the reports concerned, as [{ id, number }], for the kinds that act per report. */
    .addColumn('reports', 'text', (c) => c.notNull())
    .addColumn('event_seq', 'bigint')
    .execute();
  await db.schema.createIndex('retention_log_at').on('retention_log').column('at').execute();

  // Which kind of a report's data the job erased, at which version of the report: a report changed
  // since (reopened, a new reporter) is looked at again.
  await db.schema
    .createTable('report_retention')
    .addColumn('report_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_retention_pk', ['report_id', 'kind'])
    .execute();

  await db.schema
    .createTable('job_leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('last_run_at', 'text')
    .execute();

  // What the job looks up by age.
  await db.schema.createIndex('unit_positions_at').on('unit_positions').column('at').execute();
  await db.schema.createIndex('sessions_expires_at').on('sessions').column('expires_at').execute();
  await db.schema.createIndex('command_log_at').on('command_log').column('at').execute();
  await db.schema.createIndex('citizen_responses_report').on('citizen_responses').column('report_id').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ['citizen_responses_report', 'command_log_at', 'sessions_expires_at', 'unit_positions_at', 'reports_closed_at']) {
    await db.schema.dropIndex(index).execute();
  }
  await db.schema.dropTable('job_leases').execute();
  await db.schema.dropTable('report_retention').execute();
  await db.schema.dropTable('retention_log').execute();
  await db.schema.alterTable('reports').dropColumn('closed_at').execute();
  await db.schema.dropTable('photos').execute();
  await db.schema.alterTable('photos_legacy').renameTo('photos').execute();
}
