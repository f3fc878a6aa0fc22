import type { Kysely } from 'kysely';

/**
 * Signals: survey answers and social-media posts about a place. Stored apart from reports:
 * no reporter, no feedback duty. (source, external_id) is unique where external_id is set
 * (NULLs never collide, in SQLite and PostgreSQL alike), so a re-delivered post or a
 * re-imported survey row is stored once.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('signals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('channel', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('lng', 'double precision', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('url', 'text')
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('batch_id', 'text')
    .addColumn('external_id', 'text')
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('signals_occurred_at').on('signals').column('occurred_at').execute();
  await db.schema.createIndex('signals_batch').on('signals').column('batch_id').execute();
  await db.schema.createIndex('signals_source_external_id').on('signals').columns(['source', 'external_id']).unique().execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('signals').execute();
}
