import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
  // Open311 client apps: one key each, issued by an admin, stored only as its SHA-256; revoked, never deleted.
  // Each key reports through its own system user (cannot log in), so the timeline names the app.
  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_name', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('key_prefix', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('revoked_at', 'text')
    .execute();

  // What an Open311 POST carried beyond the report itself: answers to the service's attributes, media, ids.
  await db.schema
    .createTable('open311_requests')
    .addColumn('report_id', 'text', (c) => c.primaryKey().references('reports.id'))
    .addColumn('api_key_id', 'text', (c) => c.notNull().references('api_keys.id'))
    .addColumn('attributes', 'text', (c) => c.notNull())
    .addColumn('media_url', 'text')
    .addColumn('device_id', 'text')
    .addColumn('account_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('open311_requests_api_key').on('open311_requests').column('api_key_id').execute();
  // GET requests filters on requested_datetime alone (the existing index leads with status).
  await db.schema.createIndex('reports_created_at').on('reports').column('created_at').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('reports_created_at').execute();
  await db.schema.dropTable('open311_requests').execute();
  await db.schema.dropTable('api_keys').execute();
}
