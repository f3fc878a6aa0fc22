import { type Kysely, sql } from 'kysely';

/**
 * Open311 for FixMyStreet (issue 16):
 * - `api_keys.send_messages`: 0 when the client app tells its own users about their reports, so the hub sends the
 *   reporters of that key's reports no messages (they would get two). Existing keys keep 1 (as before).
 * - `open311_requests.title`: the title a client sent with a request.
 * - `open311_comments`: citizen comments a client posted to `servicerequestupdates`, one per client update id
 *   (idempotent: the same update sent again answers with the first one's id).
 * - a partial index on the status-change events by time, for `GET servicerequestupdates` by window.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('api_keys')
    .addColumn('send_messages', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('open311_requests').addColumn('title', 'text').execute();
  await db.schema
    .createTable('open311_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('api_key_id', 'text', (c) => c.notNull().references('api_keys.id'))
    .addColumn('client_update_id', 'text', (c) => c.notNull())
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('media_url', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('open311_comments_client_update')
    .on('open311_comments')
    .columns(['api_key_id', 'client_update_id'])
    .unique()
    .execute();
  await db.schema.createIndex('open311_comments_report').on('open311_comments').column('report_id').execute();
  await db.schema
    .createIndex('events_transitions_at')
    .on('events')
    .columns(['at', 'seq'])
    .where(sql.ref('type'), '=', 'report.transitioned')
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('events_transitions_at').execute();
  await db.schema.dropTable('open311_comments').execute();
  await db.schema.alterTable('open311_requests').dropColumn('title').execute();
  await db.schema.alterTable('api_keys').dropColumn('send_messages').execute();
}
