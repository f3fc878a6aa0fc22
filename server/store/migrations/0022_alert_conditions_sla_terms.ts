import { type Kysely, sql } from 'kysely';

/**
 * Alerts that end by themselves (domain/alert-kinds.ts) are looked up by report on every status change: an index
 * on the open alerts of a report (partial: acknowledged alerts are most of the table and never looked up so).
 * Categories get terms for urgent and high priority in clock hours (domain/sla.ts; null: the hub's defaults).
 * Both are instant on a filled database (a new index on the small alerts table, nullable columns without default).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the database as it was, not the current schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('alerts_open_by_report').on('alerts').column('report_id').where(sql.ref('acked_at'), 'is', null).execute();
  await db.schema.alterTable('categories').addColumn('sla_urgent_hours', 'integer').execute();
  await db.schema.alterTable('categories').addColumn('sla_high_hours', 'integer').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('categories').dropColumn('sla_high_hours').execute();
  await db.schema.alterTable('categories').dropColumn('sla_urgent_hours').execute();
  await db.schema.dropIndex('alerts_open_by_report').execute();
}
