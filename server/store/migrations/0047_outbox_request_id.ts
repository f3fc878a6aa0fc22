import type { Kysely } from 'kysely';

/**
 * The request id of the command that queued a citizen message (server/request-context.ts), so the outbox worker's
 * log lines name it. A nullable column: instant on a filled database (no rewrite) on both stores; older rows have none.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the database as it is, not the current schema type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('request_id', 'text').execute();
}
