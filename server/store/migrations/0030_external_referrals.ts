import type { Kysely } from 'kysely';

/**
 * Issue 15 point 9, hand-off to an external party: one row per link the desk made. Only the SHA-256 of the link's
 * token is kept (`token_hash`, unique). The answer's photos are rows of `photos` (no unit), listed here by id as a
 * JSON array. A new table: a database with data needs no backfill. No foreign key to `reports`: the retention job
 * deletes these rows with their report (store/retention.ts), as it does for the other per-report tables.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('external_referrals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull())
    .addColumn('party_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('answer_text', 'text')
    .addColumn('answer_photo_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.createIndex('external_referrals_report').on('external_referrals').columns(['report_id', 'created_at']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('external_referrals').execute();
}
