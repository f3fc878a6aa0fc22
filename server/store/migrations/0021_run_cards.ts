import type { Kysely } from 'kysely';

/**
 * Run cards (domain/run-cards.ts), the automatic offers made (one per report, so several hub nodes
 * cannot both make it) and hub-wide marks (when a desk console was last connected to any node).
 * New tables only: nothing to do on a filled database.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('run_cards')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('area_kind', 'text', (c) => c.notNull())
    .addColumn('area_id', 'text')
    .addColumn('from_time', 'text')
    .addColumn('to_time', 'text')
    .addColumn('unit_kinds', 'text', (c) => c.notNull())
    .addColumn('units', 'integer', (c) => c.notNull())
    .addColumn('team', 'text')
    .addColumn('priority', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
  await db.schema.createIndex('run_cards_category').on('run_cards').column('category').execute();

  await db.schema
    .createTable('auto_dispatches')
    .addColumn('report_id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('node_id', 'text')
    .execute();

  await db.schema
    .createTable('hub_marks')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving DB type
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('hub_marks').execute();
  await db.schema.dropTable('auto_dispatches').execute();
  await db.schema.dropTable('run_cards').execute();
}
