import { type Kysely, sql } from 'kysely';

/**
 * Asking the reporter (domain/reporter-question.ts): one row per question, and on the report the "wacht op reactie"
 * flag as the moment the open question was asked (`reports.awaiting_reply_since`, null: not waiting), so the open
 * queue's slim row reads one small column. One open question per report: a partial unique index on the questions
 * not yet ended (SQLite and PostgreSQL alike), so two desks asking at once on two hub nodes get one question.
 * Instant on a filled database: a new table and a nullable column without default (every report: not waiting).
 * The queue's covering index (reports_open_queue) is left as it is: the queue reads the new column from the row.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the database as it was, not the current schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reporter_questions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id').onDelete('cascade'))
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('asked_by', 'text')
    .addColumn('asked_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('answer_photo_id', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('end_reason', 'text')
    .execute();
  await db.schema.createIndex('reporter_questions_by_report').on('reporter_questions').columns(['report_id', 'asked_at']).execute();
  await db.schema
    .createIndex('reporter_questions_one_open')
    .on('reporter_questions')
    .column('report_id')
    .unique()
    .where(sql.ref('ended_at'), 'is', null)
    .execute();
  await db.schema.createIndex('reporter_questions_open_due').on('reporter_questions').column('due_at').where(sql.ref('ended_at'), 'is', null).execute();
  await db.schema.alterTable('reports').addColumn('awaiting_reply_since', 'text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('reports').dropColumn('awaiting_reply_since').execute();
  await db.schema.dropTable('reporter_questions').execute();
}
