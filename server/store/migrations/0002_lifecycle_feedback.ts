import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('reports')
    .addColumn('follow_up_date', 'text')
    .execute();
  await db.schema.alterTable('reports').addColumn('sla_deadline', 'text').execute();
  await db.schema.alterTable('reports').addColumn('citizen_token', 'text').execute();
  await db.schema.alterTable('reports').addColumn('citizen_code', 'text').execute();
  await db.schema.alterTable('reports').addColumn('feedback_locale', 'text', (c) => c.notNull().defaultTo('nl')).execute();
  await db.schema.createIndex('reports_citizen_token').on('reports').column('citizen_token').unique().execute();
  await db.schema.createIndex('reports_follow_up').on('reports').columns(['status', 'follow_up_date']).execute();

  // Resolutions: proposed from the field, confirmed (or edited) by the desk. The body is the Resolution schema as JSON.
  await db.schema
    .createTable('resolutions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('resolutions_report').on('resolutions').columns(['report_id', 'seq']).execute();

  // Transactional outbox: written in the same transaction as the status change it reports.
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
    .addColumn('reporter_id', 'text')
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('outbox_report').on('outbox').column('report_id').execute();

  await db.schema
    .createTable('feedback_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('citizen_responses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
    .addColumn('satisfied', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['citizen_responses', 'feedback_templates', 'outbox', 'resolutions']) {
    await db.schema.dropTable(table).execute();
  }
  for (const column of ['feedback_locale', 'citizen_code', 'citizen_token', 'sla_deadline', 'follow_up_date']) {
    await db.schema.alterTable('reports').dropColumn(column).execute();
  }
}
