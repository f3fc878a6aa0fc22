import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Issue 12, left over from 0014:
 * - Signals from the webhook gain the nearest address of their point, looked up after the signal was stored
 *   (commands/signal-address.ts): label and distance, and when it was looked up (null: not yet, or a survey signal).
 * - PostgreSQL: the nearest address by grid cell with its point in the index (`addresses_cell_point`, an index-only
 *   scan ranks the candidates; store/addresses.ts nearestAddressInBox); it replaces `addresses_cell`.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('signals').addColumn('address_label', 'text').execute();
  await db.schema.alterTable('signals').addColumn('address_distance_m', 'integer').execute();
  await db.schema.alterTable('signals').addColumn('address_checked_at', 'text').execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create index addresses_cell_point on addresses (cell, lat, lng, id)`.execute(db);
    await sql`drop index addresses_cell`.execute(db);
    await sql`analyze addresses`.execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create index addresses_cell on addresses (cell)`.execute(db);
    await sql`drop index addresses_cell_point`.execute(db);
  }
  for (const column of ['address_label', 'address_distance_m', 'address_checked_at']) {
    await db.schema.alterTable('signals').dropColumn(column).execute();
  }
}
