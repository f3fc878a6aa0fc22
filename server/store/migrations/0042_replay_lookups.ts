import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Shift replay (issue 14, domain/replay.ts): the hub folds the event log up to an instant, so it must find
 * - the last event at or before an instant: an index on the log's (at, seq);
 * - a unit's last snapshot before that event: a partial index on the unit id inside the payload of the event types
 *   that carry a unit (`unit.updated`, `assignment.updated`), by seq. An expression index, written per dialect
 *   (SQLite json_extract, PostgreSQL jsonb); store/replay.ts names the same expression and types literally, which
 *   SQLite needs to use it. The event log itself does not change (no column, nothing to backfill).
 * On a filled database this reads the log once per index (the second parses only the unit events' payloads).
 */
const UNIT_EVENT_TYPES = "('unit.updated', 'assignment.updated')";
const SQLITE_UNIT_ID = "json_extract(payload, '$.unit.id')";
const PG_UNIT_ID = "((payload::jsonb) -> 'unit' ->> 'id')";

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving DB type
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index events_at on events (at, seq)`.execute(db);
  const unitId = db.getExecutor().adapter instanceof PostgresAdapter ? PG_UNIT_ID : SQLITE_UNIT_ID;
  await sql`create index events_unit on events (${sql.raw(unitId)}, seq) where type in ${sql.raw(UNIT_EVENT_TYPES)}`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index events_unit`.execute(db);
  await sql`drop index events_at`.execute(db);
}
