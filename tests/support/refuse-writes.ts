import { sql } from 'kysely';
import type { TestHub } from './hub';

/**
 * Makes the database itself refuse inserts into `table` (only rows whose `column` equals `value`, when
 * given), as a crash between two writes would: a test-only trigger, on SQLite or PostgreSQL.
 * Proves that a command's writes commit together or not at all.
 */
export async function refuseInserts(t: TestHub, table: string, where?: { column: string; value: string }): Promise<void> {
  const db = t.hub.store.db;
  const name = sql.id(`test_refuse_${table}`);
  if (t.hub.store.kind === 'sqlite') {
    const when = where ? sql`when new.${sql.id(where.column)} = ${sql.lit(where.value)}` : sql``;
    await sql`create trigger ${name} before insert on ${sql.table(table)} ${when} begin select raise(abort, 'test: insert refused'); end`.execute(db);
    return;
  }
  const check = where ? sql`if new.${sql.id(where.column)} = ${sql.lit(where.value)} then` : sql`if true then`;
  await sql`create or replace function ${name}() returns trigger language plpgsql as $$
    begin ${check} raise exception 'test: insert refused'; end if; return new; end $$`.execute(db);
  await sql`create trigger ${name} before insert on ${sql.table(table)} for each row execute function ${name}()`.execute(db);
}

/** Drops the trigger `refuseInserts` made: the database takes inserts into `table` again. */
export async function allowInserts(t: TestHub, table: string): Promise<void> {
  const db = t.hub.store.db;
  const name = sql.id(`test_refuse_${table}`);
  if (t.hub.store.kind === 'sqlite') {
    await sql`drop trigger ${name}`.execute(db);
    return;
  }
  await sql`drop trigger ${name} on ${sql.table(table)}`.execute(db);
  await sql`drop function ${name}()`.execute(db);
}

export async function rowCount(t: TestHub, table: string): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(t.hub.store.db);
  return Number(rows[0]?.n ?? 0);
}
