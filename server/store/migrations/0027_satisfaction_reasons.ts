import type { Kysely } from 'kysely';

/**
 * The satisfaction answer's standard reason (domain/satisfaction.ts, e.g. `te_lang`), for the KPIs: a nullable
 * column on citizen_responses. Earlier answers keep null (no reason was asked then). Instant on a filled database.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the database as it was, not the current schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('citizen_responses').addColumn('reason', 'text').execute();
  await db.schema.createIndex('citizen_responses_by_time').on('citizen_responses').column('created_at').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('citizen_responses_by_time').execute();
  await db.schema.alterTable('citizen_responses').dropColumn('reason').execute();
}
