import { type Kysely, PostgresAdapter, sql } from 'kysely';
import { DEFAULT_PRIORITY_HOURS, type SlaTerm, atRiskFrom } from '../../domain/sla';

/**
 * "Bijna te laat" as the hub counts it (issue 13): `reports.sla_at_risk_from`, the start of the last 20 % of the
 * report's term in the term's own units (domain/sla.ts atRiskFrom), kept with the deadline, so the console compares
 * it with the clock and needs no holiday calendar.
 *
 * Backfill: only open reports with a deadline (about 2 % of a filled database; a closed report shows no SLA). Their
 * term is read back from the deadline: an urgent or high report whose deadline is its category's hour term after
 * its creation had that term, every other one its category's working days. Written in batches of 500 by one
 * UPDATE … FROM (VALUES …) each (SQLite ≥ 3.33 and PostgreSQL alike).
 *
 * The open queue's covering index reports_open_queue (0011) gets the column, so the queue page stays an index-only
 * read: dropped and made again, on the open reports only.
 */
/** Written out: this migration must not change with the store's queries (0011's list plus the new column). */
const QUEUE_COLUMNS =
  'number, category, lat, lng, address, description, source, priority, status, outcome, follow_up_date, sla_deadline, ' +
  'updated_at, version, reporter_count, outbox_queued, outbox_failed, outbox_sent, sla_at_risk_from';

const BATCH = 500;
const HOUR_MS = 3_600_000;

interface CategoryTermsRow {
  code: string;
  sla_working_days: number;
  sla_urgent_hours: number | null;
  sla_high_hours: number | null;
}

function termOf(category: CategoryTermsRow | undefined, priority: string, createdAt: string, deadline: string): SlaTerm {
  const hours =
    priority === 'urgent'
      ? (category?.sla_urgent_hours ?? DEFAULT_PRIORITY_HOURS.urgent)
      : priority === 'high'
        ? (category?.sla_high_hours ?? DEFAULT_PRIORITY_HOURS.high)
        : null;
  if (hours !== null && Date.parse(deadline) - Date.parse(createdAt) === hours * HOUR_MS) return { unit: 'hours', amount: hours };
  return { unit: 'working_days', amount: Number(category?.sla_working_days ?? 0) };
}

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('reports').addColumn('sla_at_risk_from', 'text').execute();

  const categories = new Map<string, CategoryTermsRow>();
  const categoryRows = await sql<CategoryTermsRow>`select code, sla_working_days, sla_urgent_hours, sla_high_hours from categories`.execute(db);
  for (const row of categoryRows.rows) categories.set(row.code, row);

  const open = await sql<{ id: string; category: string; priority: string; created_at: string; sla_deadline: string }>`select id, category,
      priority, created_at, sla_deadline from reports where status <> 'closed' and sla_deadline is not null`.execute(db);
  for (let i = 0; i < open.rows.length; i += BATCH) {
    const values = open.rows.slice(i, i + BATCH).map((r) => {
      const deadline = new Date(r.sla_deadline);
      const at = Number.isFinite(deadline.getTime())
        ? atRiskFrom(termOf(categories.get(r.category), r.priority, r.created_at, r.sla_deadline), deadline).toISOString()
        : null;
      return sql`(${r.id}, ${at})`;
    });
    await sql`update reports set sla_at_risk_from = v.column2 from (values ${sql.join(values)}) as v where reports.id = v.column1`.execute(db);
  }

  await sql`drop index reports_open_queue`.execute(db);
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // As 0011: without the description (a B-tree row holds at most 2,704 bytes).
    const columns = QUEUE_COLUMNS.replace('description, ', '');
    await sql`create index reports_open_queue on reports (created_at desc, id desc) include (${sql.raw(columns)})
      where status <> 'closed'`.execute(db);
  } else {
    await sql`create index reports_open_queue on reports (created_at desc, id desc, ${sql.raw(QUEUE_COLUMNS)})
      where status <> 'closed'`.execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index reports_open_queue`.execute(db);
  await db.schema.alterTable('reports').dropColumn('sla_at_risk_from').execute();
  const columns = QUEUE_COLUMNS.replace(', sla_at_risk_from', '');
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create index reports_open_queue on reports (created_at desc, id desc) include (${sql.raw(columns.replace('description, ', ''))})
      where status <> 'closed'`.execute(db);
  } else {
    await sql`create index reports_open_queue on reports (created_at desc, id desc, ${sql.raw(columns)})
      where status <> 'closed'`.execute(db);
  }
}
