import type { Kysely } from 'kysely';

/**
 * Users as an admin manages them (issue 10, point 15): who deactivated an account and when, the demo
 * flag (demo users are active only in demo mode), when the password was last set, and the optional
 * second factor (TOTP: the secret, when it was confirmed, the last time step used so a code works once).
 *
 * And survey imports in stages (point 5): a large import writes its rows in short transactions under a
 * pending batch, invisible to every reader, and shows them all at once when it marks the batch done, so
 * no other write waits long for it. A batch whose import died (no heartbeat) is removed by the next import.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('users').addColumn('deactivated_at', 'text').execute();
  await db.schema.alterTable('users').addColumn('deactivated_by', 'text').execute();
  await db.schema.alterTable('users').addColumn('password_set_at', 'text').execute();
  await db.schema.alterTable('users').addColumn('totp_secret', 'text').execute();
  await db.schema.alterTable('users').addColumn('totp_enabled_at', 'text').execute();
  await db.schema.alterTable('users').addColumn('totp_last_step', 'bigint').execute();

  await db.schema
    .createTable('signal_batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('heartbeat_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .execute();
  await db.schema.createIndex('signal_batches_state').on('signal_batches').column('state').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('signal_batches').execute();
  for (const column of ['totp_last_step', 'totp_enabled_at', 'totp_secret', 'password_set_at', 'deactivated_by', 'deactivated_at', 'demo']) {
    await db.schema.alterTable('users').dropColumn(column).execute();
  }
}
