import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('units').addColumn('status_since', 'text').execute();
  await db.schema.alterTable('units').addColumn('current_report_id', 'text').execute();
  await db.schema.alterTable('units').addColumn('accuracy', 'double precision').execute();
  await db.schema.alterTable('units').addColumn('heading', 'double precision').execute();
  await db.schema.alterTable('units').addColumn('version', 'bigint', (c) => c.notNull().defaultTo(0)).execute();

  await db.schema
    .createTable('assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('offered_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('responded_at', 'text')
    .addColumn('offered_by', 'text')
    .execute();
  await db.schema.createIndex('assignments_unit_state').on('assignments').columns(['unit_id', 'state']).execute();
  await db.schema.createIndex('assignments_report').on('assignments').column('report_id').execute();
  await db.schema.createIndex('assignments_due').on('assignments').columns(['state', 'expires_at']).execute();

  // Thinned AVL trail: the latest fix lives in memory and on the unit row.
  await db.schema
    .createTable('unit_positions')
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('lng', 'double precision', (c) => c.notNull())
    .addColumn('accuracy', 'double precision')
    .addColumn('heading', 'double precision')
    .addPrimaryKeyConstraint('unit_positions_pk', ['unit_id', 'at'])
    .execute();

  // Idempotency: a retried command returns the stored result instead of being applied again.
  await db.schema
    .createTable('command_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('report_id', 'text')
    .addColumn('unit_id', 'text')
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision')
    .addColumn('lng', 'double precision')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('acked_at', 'text')
    .addColumn('acked_by', 'text')
    .execute();

  await db.schema
    .createTable('focus_areas')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('polygon', 'text', (c) => c.notNull())
    .addColumn('instructions', 'text', (c) => c.notNull())
    .addColumn('public_text', 'text')
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('tasking')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('area_id', 'text', (c) => c.notNull().references('focus_areas.id'))
    .addColumn('shift', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('tasking_date').on('tasking').columns(['date', 'unit_id']).execute();

  await db.schema
    .createTable('photos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
    .addColumn('unit_id', 'text')
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['photos', 'tasking', 'focus_areas', 'alerts', 'command_log', 'unit_positions', 'assignments']) {
    await db.schema.dropTable(table).execute();
  }
  for (const column of ['version', 'heading', 'accuracy', 'current_report_id', 'status_since']) {
    await db.schema.alterTable('units').dropColumn(column).execute();
  }
}
