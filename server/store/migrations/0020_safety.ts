import { type Kysely, sql } from 'kysely';

/**
 * Officer safety (domain/safety-timers.ts, domain/priority-traffic.ts): check-in requests to units on scene, the
 * escalation level of an alert (set by the hub as time passes), and area warnings (spoedmeldingen). New tables and
 * one nullable column: nothing is rewritten, so this is quick on a filled database.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('unit_check_ins')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('status_since', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addColumn('cancelled_at', 'text')
    .addColumn('level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('alert_id', 'text')
    .execute();
  await db.schema.createIndex('unit_check_ins_unit').on('unit_check_ins').columns(['unit_id', 'requested_at']).execute();
  // At most one open request per unit: two hub nodes sweeping at once cannot both request (the second insert fails).
  await db.schema
    .createIndex('unit_check_ins_one_open')
    .on('unit_check_ins')
    .column('unit_id')
    .unique()
    .where(sql<boolean>`answered_at is null and cancelled_at is null`)
    .execute();
  await db.schema.alterTable('alerts').addColumn('escalation', 'text').execute();
  await db.schema
    .createTable('priority_traffic')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('area_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('declared_at', 'text', (c) => c.notNull())
    .addColumn('declared_by', 'text')
    .addColumn('lifted_at', 'text')
    .addColumn('lifted_by', 'text')
    .execute();
  await db.schema.createIndex('priority_traffic_active').on('priority_traffic').column('lifted_at').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('priority_traffic').execute();
  await db.schema.alterTable('alerts').dropColumn('escalation').execute();
  await db.schema.dropTable('unit_check_ins').execute();
}
