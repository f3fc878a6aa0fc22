import { type Kysely, sql } from 'kysely';

/**
 * Unit emergencies (status 'noodgeval'): one row per emergency, from the NOODKNOP or set by the desk, until
 * the desk ends it with a note and a return status; the units asked to assist. New tables only, so the
 * migration is instant on a filled database. At most one open emergency per unit (partial unique index),
 * so two hub nodes cannot open two for the same unit.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('emergencies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('alert_id', 'text')
    .addColumn('previous_status', 'text', (c) => c.notNull())
    .addColumn('report_id', 'text')
    .addColumn('lat', 'double precision')
    .addColumn('lng', 'double precision')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('started_by', 'text')
    .addColumn('start_note', 'text')
    .addColumn('acked_at', 'text')
    .addColumn('acked_by', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('ended_by', 'text')
    .addColumn('end_note', 'text')
    .addColumn('return_status', 'text')
    .execute();
  await db.schema.createIndex('emergencies_one_open').on('emergencies').column('unit_id').unique().where(sql.ref('ended_at'), 'is', null).execute();
  await db.schema.createIndex('emergencies_alert').on('emergencies').column('alert_id').execute();
  await db.schema
    .createTable('emergency_assists')
    .addColumn('emergency_id', 'text', (c) => c.notNull().references('emergencies.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('distance_m', 'double precision')
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text')
    .addPrimaryKeyConstraint('emergency_assists_pk', ['emergency_id', 'unit_id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('emergency_assists').execute();
  await db.schema.dropTable('emergencies').execute();
}
