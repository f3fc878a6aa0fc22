import type { Kysely } from 'kysely';

/**
 * Counters of failed guesses (sign-in, the citizen status lookup by number and code), shared by every hub
 * node through the database: one row per thing counted (`key`, e.g. an address, a report number, a user
 * and address pair), its misses in the current window and until when it is refused. Sessions get the
 * index that ending a user's sessions needs (the one on their expiry comes with 0008).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('throttles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('username', 'text')
    .addColumn('ip', 'text')
    .addColumn('subject', 'text')
    .addColumn('misses', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('last_miss_at', 'text', (c) => c.notNull())
    .addColumn('blocked_until', 'text')
    .execute();
  await db.schema.createIndex('throttles_scope_last_miss').on('throttles').columns(['scope', 'last_miss_at']).execute();
  await db.schema.createIndex('sessions_by_user').on('sessions').column('user_id').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sessions_by_user').execute();
  await db.schema.dropTable('throttles').execute();
}
