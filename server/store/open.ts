import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { GroupCommit } from './group-commit';
import { DEFER, forgetKept, pipelineClient } from './pg-pipeline';
import type { DB } from './schema';
import { withStatementCache } from './statement-cache';
import { checkpointOnWorker } from './wal-checkpoints';

export type StoreKind = 'sqlite' | 'postgres';

const pools = new WeakMap<Kysely<DB>, pg.Pool>();

/**
 * The PostgreSQL pool behind a store's Kysely instance (null on SQLite), for the few reads that need pg itself: the
 * open queue streams its rows (store/report-queue.ts), which Kysely cannot.
 */
export function pgPoolOf(db: Kysely<DB>): pg.Pool | null {
  return pools.get(db) ?? null;
}

export interface StoreOptions {
  dataDir: string;
  databaseUrl?: string | undefined;
}

export interface Store {
  readonly kind: StoreKind;
  readonly db: Kysely<DB>;
  /** Path of the SQLite file, or null for PostgreSQL. */
  readonly location: string | null;
  /** The PostgreSQL pool (for the Socket.IO cluster adapter), or null on SQLite. */
  readonly pgPool: pg.Pool | null;
  /**
   * Runs fn in one transaction holding the event-log lock, so events get gap-free seqs in commit order.
   * On SQLite the single connection already serialises writers; on PostgreSQL an advisory lock does.
   * Concurrent calls share one transaction, each in its own savepoint, and settle after its COMMIT (group commit,
   * store/group-commit.ts): fn's writes commit together or not at all, and a failing fn rolls back alone.
   */
  writeTransaction<T>(fn: (trx: Transaction<DB>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// Arbitrary but fixed key for pg_advisory_xact_lock around event-log writes.
const EVENT_LOG_LOCK_KEY = 734_211;

let pgTypesConfigured = false;
function configurePgTypes(): void {
  if (pgTypesConfigured) return;
  // int8 (bigint) as JS number: seqs and report numbers stay far below 2^53.
  pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
  pgTypesConfigured = true;
}

export function openStore(options: StoreOptions): Store {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openSqlite(options.dataDir);
}

function openSqlite(dataDir: string): Store {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'meldkamer.sqlite');
  const database = new SQLite(file);
  database.pragma('journal_mode = WAL');
  // FULL: an acknowledged report survives a power cut, not only a crash (see DESIGN.md, sizing).
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  // Statistics for the planner (the hub never ran ANALYZE): SQLite's advice for a connection that lives long. 0x10000
  // looks at every table, not only those this connection used; a table analysed before is redone only when it grew a lot.
  database.pragma('optimize = 0x10002');
  const tempStore = (mode: 'memory' | 'default') => {
    try {
      database.exec(`pragma temp_store = ${mode}`);
    } catch {
      // Refused only while a temporary table exists in an open transaction (the hub makes none): the setting stays
      // as it was, which changes how fast, not what is written, and must not fail a group that committed.
    }
  };
  const statements = withStatementCache(database);
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: statements }) });
  const group = new GroupCommit({
    transaction: async (fn) => {
      // Each command's savepoint, and each INSERT that fires triggers inside the transaction, keeps the pages it
      // changes in the sub-journal, by default a temp file once it outgrows 64 KiB: two write calls per page. In
      // memory instead (released with each command's savepoint) the group costs ~60 µs less system CPU per command
      // (docs/BENCHMARKS.md, the command path). Only for the write transaction: elsewhere temporary b-trees (large
      // stats reads) stay able to spill to disk. SQLite reads the setting when the transaction starts to write, and
      // applies it when the pragma is parsed: so by exec, before BEGIN and after the end.
      tempStore('memory');
      try {
        return await db.transaction().execute(fn);
      } finally {
        tempStore('default');
      }
    },
    combineSavepoints: false,
    control: (text) => void statements.prepare(text).run([]),
  });
  const checkpoints = checkpointOnWorker(database, file, (message) => process.emitWarning(`WAL checkpoint worker: ${message}`));
  return {
    kind: 'sqlite',
    db,
    location: file,
    pgPool: null,
    writeTransaction: (fn) => group.run(fn),
    close: async () => {
      await group.idle();
      await checkpoints.stop();
      await db.destroy();
    },
  };
}

function openPostgres(url: string): Store {
  configurePgTypes();
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client whose server connection dies (restart, failover) emits here; pg replaces it on next use.
  pool.on('error', () => undefined);
  // pg-pool listens for errors only while a client is idle: a checked-out one (the cluster adapter's LISTEN connection,
  // a transaction between statements) whose backend is terminated would throw an unhandled 'error' and end the process.
  // Its user sees the failure on its next query or through 'end'.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
    pipelineClient(client);
  });
  pool.on('release', (_err, client) => forgetKept(client));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, pool);
  const group = new GroupCommit({
    transaction: (fn) =>
      db.transaction().execute(async (trx) => {
        // Sent with the group's first statement (store/pg-pipeline.ts), as is the BEGIN before it.
        await sql.raw(`${DEFER}select pg_advisory_xact_lock(${EVENT_LOG_LOCK_KEY})`).execute(trx);
        return fn(trx);
      }),
    combineSavepoints: true,
    deferSavepoints: true,
  });
  return {
    kind: 'postgres',
    db,
    location: null,
    pgPool: pool,
    writeTransaction: (fn) => group.run(fn),
    close: async () => {
      await group.idle();
      await db.destroy();
    },
  };
}
