import type { Kysely } from 'kysely';

/**
 * The follow-up date acting (hub/follow-up-job.ts): one row per report and follow-up date, written in the same
 * transaction as what the date did (back to the queue, or the desk told to ask another team). The primary key
 * makes a second hub node's attempt, or a later look, a no-op: exactly once per report and date. A new table
 * only: scheduled reports already in the store act on their dates as any other.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('follow_up_actions')
    .addColumn('report_id', 'text', (c) => c.notNull())
    .addColumn('follow_up_date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('node_id', 'text')
    .addPrimaryKeyConstraint('follow_up_actions_pk', ['report_id', 'follow_up_date'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving DB type
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('follow_up_actions').execute();
}
