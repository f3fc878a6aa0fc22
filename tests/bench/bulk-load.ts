/**
 * Bulk load as one usually does it, outside the hub: the secondary indexes of each filled table are dropped first and
 * rebuilt afterwards from their own stored definitions, so the tables end with exactly the schema the migrations made.
 * SQLite: better-sqlite3 transactions of prepared inserts; PostgreSQL: INSERT … SELECT FROM unnest(arrays).
 */
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { Row } from './report-data';

export interface BulkTable {
  name: string;
  columns: readonly string[];
  /** PostgreSQL array element type per column (unnest needs them). */
  pgTypes: readonly string[];
  rows: Row[];
}

function* chunks(rows: Row[], size: number): Generator<Row[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

export type Progress = (message: string) => void;

export function bulkLoadSqlite(file: string, tables: BulkTable[], progress: Progress = () => undefined): void {
  const db = new SQLite(file);
  try {
    db.pragma('journal_mode = WAL');
    // Data preparation only: the hub itself runs with synchronous = FULL.
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -1000000');
    for (const table of tables) {
      const indexes = db
        .prepare("select name, sql from sqlite_master where type = 'index' and tbl_name = ? and sql is not null")
        .all(table.name) as { name: string; sql: string }[];
      for (const index of indexes) db.exec(`drop index "${index.name}"`);
      const insert = db.prepare(
        `insert into ${table.name} (${table.columns.join(', ')}) values (${table.columns.map(() => '?').join(', ')})`,
      );
      const insertMany = db.transaction((batch: Row[]) => {
        for (const row of batch) insert.run(row);
      });
      let done = 0;
      for (const batch of chunks(table.rows, 50_000)) {
        insertMany(batch);
        done += batch.length;
        if (done % 200_000 < 50_000) progress(`sqlite ${table.name}: ${done.toLocaleString('en-US')} of ${table.rows.length.toLocaleString('en-US')}`);
      }
      for (const index of indexes) db.exec(index.sql);
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

export async function bulkLoadPostgres(url: string, tables: BulkTable[], progress: Progress = () => undefined): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('set synchronous_commit = off');
    await client.query("set maintenance_work_mem = '256MB'");
    for (const table of tables) {
      // Indexes that back no constraint (primary keys and UNIQUE constraints stay in place).
      const indexes = await client.query<{ name: string; def: string }>(
        `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
           from pg_index i
          where i.indrelid = $1::regclass
            and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
        [table.name],
      );
      for (const index of indexes.rows) await client.query(`drop index ${index.name}`);
      const text =
        `insert into ${table.name} (${table.columns.join(', ')}) ` +
        `select * from unnest(${table.pgTypes.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`;
      let done = 0;
      for (const batch of chunks(table.rows, 20_000)) {
        const columns = table.columns.map((_, c) => batch.map((r) => r[c]));
        await client.query({ text, values: columns });
        done += batch.length;
        if (done % 200_000 < 20_000) progress(`postgres ${table.name}: ${done.toLocaleString('en-US')} of ${table.rows.length.toLocaleString('en-US')}`);
      }
      for (const index of indexes.rows) await client.query(index.def);
      // Autovacuum would get here soon after a load like this; do it now so the planner has statistics.
      await client.query(`vacuum analyze ${table.name}`);
    }
  } finally {
    await client.end();
  }
}
