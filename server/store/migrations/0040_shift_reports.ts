import type { Kysely } from 'kysely';

/**
 * The shift report (dienstrapport, issue 14 point 5): one saved report per shift (date and name), its content as
 * JSON as it was when saved, the shift lead's notes; and who acknowledged it as a handover (overdracht), so the
 * next shift lead sees it at sign-in until they do. New tables only: nothing to backfill on a filled database.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('shift_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shift_date', 'text', (c) => c.notNull())
    .addColumn('shift', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('written_by', 'text', (c) => c.notNull())
    .addColumn('written_by_name', 'text', (c) => c.notNull())
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('shift_reports_shift').on('shift_reports').columns(['shift_date', 'shift']).unique().execute();
  await db.schema.createIndex('shift_reports_saved').on('shift_reports').column('saved_at').execute();
  await db.schema
    .createTable('shift_report_acks')
    .addColumn('report_id', 'text', (c) => c.notNull().references('shift_reports.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('acked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('shift_report_acks_pk', ['report_id', 'user_id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('shift_report_acks').execute();
  await db.schema.dropTable('shift_reports').execute();
}
