import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * An index for a migration with `transaction = false` (store/migrate.ts). On PostgreSQL it is built with CREATE INDEX
 * CONCURRENTLY: the table takes writes while it builds (a plain CREATE INDEX, as 0044 has, locks them out until it is
 * done). Safe to run again: a concurrent build that failed or was cut off leaves an INVALID index of that name, which is
 * dropped and built again. On SQLite (one node) a plain CREATE INDEX IF NOT EXISTS.
 * `definition`: what follows the index name, e.g. `on reports (category, created_at)`; both are the migration's own
 * constants, never input.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the database as it is, not the current schema type
export async function createIndexConcurrently(db: Kysely<any>, name: string, definition: string): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) {
    await sql`create index if not exists ${sql.id(name)} ${sql.raw(definition)}`.execute(db);
    return;
  }
  const invalid = await sql<{ name: string }>`select c.relname as name from pg_index i join pg_class c on c.oid = i.indexrelid
    where c.relname = ${name} and c.relnamespace = current_schema()::regnamespace and not i.indisvalid`.execute(db);
  if (invalid.rows.length > 0) await sql`drop index concurrently if exists ${sql.id(name)}`.execute(db);
  await sql`create index concurrently if not exists ${sql.id(name)} ${sql.raw(definition)}`.execute(db);
}
