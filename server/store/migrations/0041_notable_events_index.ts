import { type Kysely, sql } from 'kysely';

/**
 * The shift report's notable events (domain/shift-report.ts NOTABLE_EVENT_TYPES) read by time: a partial index on
 * the event log's (at, seq) of those types only, so a shift's few are found without reading its thousands of report
 * events. Written out (not imported) so the migration does not change with the domain; the store's query names the
 * same list literally, which SQLite needs to use a partial index. On a filled database this reads the log once.
 */
const TYPES = "('emergency.updated', 'priority_traffic.declared', 'priority_traffic.lifted', 'alert.raised', 'alert.escalated')";

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index events_notable_at on events (at, seq) where type in ${sql.raw(TYPES)}`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index events_notable_at`.execute(db);
}
