import { type Kysely, type Migration, type MigrationProvider, type MigrationResultSet, Migrator, PostgresAdapter, sql } from 'kysely';
import semver from 'semver';
import { APP_VERSION } from '../version';
import { type MeldkamerMigration, migrations as allMigrations } from './migrations/index';
import type { DB } from './schema';

const MIGRATION_TABLE = 'schema_migrations';
const MIGRATION_LOCK_TABLE = 'schema_migrations_lock';
/**
 * Where the migrations run outside a transaction (index builds) are booked: not in Kysely's table, so a release that
 * does not know them (0.1.0 has no compatibility check: its migrator refuses any migration it is not given) still
 * restarts on a database whose only newer migrations are indexes. An index never changes what older code reads or writes.
 */
export const INDEX_BUILD_TABLE = 'schema_index_builds';
/** Beside Kysely's bookkeeping: per applied migration, the oldest release that still runs on the schema it left. */
export const COMPAT_TABLE = 'schema_compat';
/** The first release (resources/releases.json): what an additive migration records, as every release runs on it. */
export const FIRST_RELEASE = '0.1.0';

export class NewerDatabaseError extends Error {
  constructor(readonly unknownMigrations: string[]) {
    super(
      `This database was written by a newer version of Meldkamer (unknown migrations: ${unknownMigrations.join(', ')}). ` +
        'Upgrade Meldkamer, or point it at another data directory / database.',
    );
  }
}

/** A newer node migrated the database past what this node's version can run on (a contracting migration). */
export class IncompatibleDatabaseError extends Error {
  constructor(
    readonly requiredVersion: string,
    readonly ownVersion: string,
    readonly requiringMigrations: string[],
  ) {
    super(
      `This database needs Meldkamer ${requiredVersion} or newer (migration ${requiringMigrations.join(', ')}, applied by a newer release); ` +
        `this node is ${ownVersion}. Upgrade this node to ${requiredVersion} or later and start it again. Migrations are not undone: ` +
        `the only way back to ${ownVersion} is a backup taken before the upgrade, losing what was written since.`,
    );
  }
}

async function tableNames(db: Kysely<DB>): Promise<Set<string>> {
  return new Set((await db.introspection.getTables({ withInternalKyselyTables: true })).map((t) => t.name));
}

async function bookedIn(db: Kysely<DB>, table: string, tables?: Set<string>): Promise<string[]> {
  if (!(tables ?? (await tableNames(db))).has(table)) return [];
  const rows = await sql<{ name: string }>`select name from ${sql.table(table)}`.execute(db);
  return rows.rows.map((r) => r.name);
}

/** Every applied migration: Kysely's bookings and the index builds'. */
async function appliedMigrationNames(db: Kysely<DB>): Promise<string[]> {
  const tables = await tableNames(db);
  return [...(await bookedIn(db, MIGRATION_TABLE, tables)), ...(await bookedIn(db, INDEX_BUILD_TABLE, tables))];
}

/** Migration name → the oldest release that runs on it, as recorded (nothing before 0.2.0 recorded any). */
export async function recordedCompatibility(db: Kysely<DB>): Promise<Map<string, string>> {
  if (!(await tableNames(db)).has(COMPAT_TABLE)) return new Map();
  const rows = await sql<{ migration: string; oldest_version: string }>`select migration, oldest_version from ${sql.table(COMPAT_TABLE)}`.execute(db);
  return new Map(rows.rows.map((r) => [r.migration, r.oldest_version]));
}

/** The migrations this build has that the database has not applied (the readiness check, GET /health). */
export async function unappliedMigrations(db: Kysely<DB>): Promise<string[]> {
  const applied = new Set(await appliedMigrationNames(db));
  return Object.keys(allMigrations).filter((name) => !applied.has(name));
}

/**
 * The readiness check's schema half (GET /health): every migration of this build applied, and no recorded release
 * newer than this node. A running node is not checked again at start: when a newer release skipped to contracts the
 * database past it, this takes it out of the load balancer instead of letting it fail on the schema.
 */
export async function schemaReady(db: Kysely<DB>, ownVersion: string = APP_VERSION): Promise<boolean> {
  if ((await unappliedMigrations(db)).length > 0) return false;
  return [...(await recordedCompatibility(db)).values()].every((oldest) => !semver.gt(oldest, ownVersion));
}

/**
 * Refuses what this node cannot run on: a migration it does not know without a recorded compatibility (written by
 * a release before 0.2.0, or not a Meldkamer migration), or any recorded oldest-compatible release newer than itself.
 * Unknown migrations with a compatible record are a newer node's additive work: this node runs on them (returned).
 * Pure, for the hub's database at start and for a backup before a restore (store/sqlite-restore.ts).
 */
export function assertCompatible(applied: string[], compat: Map<string, string>, known: Record<string, unknown>, ownVersion: string): string[] {
  const unknown = applied.filter((name) => !(name in known)).sort();
  const unrecorded = unknown.filter((name) => !compat.has(name));
  if (unrecorded.length > 0) throw new NewerDatabaseError(unknown);
  const requiring = [...compat].filter(([, oldest]) => semver.gt(oldest, ownVersion));
  if (requiring.length > 0) {
    const required = requiring.map(([, oldest]) => oldest).sort(semver.rcompare)[0] ?? ownVersion;
    throw new IncompatibleDatabaseError(required, ownVersion, requiring.map(([name]) => name).sort());
  }
  return unknown;
}

async function checkCompatible(db: Kysely<DB>, ownVersion: string, migrations: MigrationList): Promise<string[]> {
  return assertCompatible(await appliedMigrationNames(db), await recordedCompatibility(db), migrations, ownVersion);
}

async function createBookkeepingTables(db: Kysely<DB>): Promise<void> {
  const tables: Array<[string, () => Promise<void>]> = [
    [
      COMPAT_TABLE,
      () =>
        db.schema
          .createTable(COMPAT_TABLE)
          .ifNotExists()
          .addColumn('migration', 'varchar(255)', (c) => c.primaryKey())
          .addColumn('oldest_version', 'varchar(64)', (c) => c.notNull())
          .addColumn('recorded_at', 'varchar(64)', (c) => c.notNull())
          .execute(),
    ],
    [
      INDEX_BUILD_TABLE,
      () =>
        db.schema
          .createTable(INDEX_BUILD_TABLE)
          .ifNotExists()
          .addColumn('name', 'varchar(255)', (c) => c.primaryKey())
          .addColumn('timestamp', 'varchar(255)', (c) => c.notNull())
          .execute(),
    ],
  ];
  for (const [name, create] of tables) {
    try {
      await create();
    } catch (err) {
      // Two nodes starting at once on PostgreSQL: `if not exists` can still fail for the one that loses the race.
      if (!(await tableNames(db)).has(name)) throw err;
    }
  }
}

// biome-ignore lint/suspicious/noExplicitAny: the bookkeeping table is not part of the application's schema type
async function recordCompatibility(db: Kysely<any>, name: string, migration: MeldkamerMigration): Promise<void> {
  const oldest = migration.oldestCompatibleVersion ?? FIRST_RELEASE;
  await sql`insert into ${sql.table(COMPAT_TABLE)} (migration, oldest_version, recorded_at)
    values (${name}, ${oldest}, ${new Date().toISOString()}) on conflict (migration) do nothing`.execute(db);
}

/**
 * Each known migration records its compatibility in the transaction that applies it, so no node sees the schema
 * without the record (on PostgreSQL: Kysely runs SQLite's migrations outside transactions, and SQLite has one node;
 * a record missed by a crash is written at the next start, below). A newer node's
 * migrations join as no-ops: they are applied already, and Kysely refuses a database with migrations it is not given.
 */
function providerFor(migrations: MigrationList, noOps: string[]): MigrationProvider {
  const all: Record<string, Migration> = {};
  for (const [name, migration] of Object.entries(migrations)) {
    all[name] = {
      up: async (db) => {
        await migration.up(db);
        await recordCompatibility(db, name, migration);
      },
    };
  }
  for (const name of noOps) all[name] = { up: async () => undefined };
  return { getMigrations: async () => all };
}

type MigrationList = Record<string, MeldkamerMigration>;

/**
 * Applies pending migrations, after checking this node can run on the database (see checkCompatible), and records the
 * compatibility of migrations applied before it was kept (by 0.1.0). `ownVersion`: tests play an older or newer node;
 * `migrations`: tests add their own.
 */
export async function migrateToLatest(db: Kysely<DB>, ownVersion: string = APP_VERSION, migrations: MigrationList = allMigrations): Promise<string[]> {
  const { done, outside } = await migrateInTransactions(db, ownVersion, migrations);
  if (outside.length > 0) done.push(...(await migrateOutsideTransactions(db, migrations, outside)));
  const recorded = await recordedCompatibility(db);
  for (const name of await appliedMigrationNames(db)) {
    const migration = migrations[name];
    if (migration && !recorded.has(name)) await recordCompatibility(db, name, migration);
  }
  return done;
}

/** Tries of the first phase; each try after the first follows a migration another node booked meanwhile. */
const FIRST_PHASE_TRIES = 5;

/**
 * The first phase: Kysely's migrator, given this node's migrations but those left for the second phase, and a newer
 * node's compatible ones as no-ops. Kysely reads the applied migrations again under its lock and refuses one it is
 * not given ("previously executed migration … is missing"): another node booked it after this node looked (a
 * second-phase migration, which books without Kysely's lock, or a newer node's). Then this node looks again, the
 * compatibility check included.
 */
async function migrateInTransactions(db: Kysely<DB>, ownVersion: string, migrations: MigrationList): Promise<{ done: string[]; outside: string[] }> {
  for (let attempt = 1; ; attempt++) {
    await checkCompatible(db, ownVersion, migrations);
    await createBookkeepingTables(db);
    const applied = new Set(await appliedMigrationNames(db));
    // Migrations that must run outside a transaction are the second phase's (and booked apart); the rest run as usual.
    const outside = Object.keys(migrations)
      .filter((name) => migrations[name]?.transaction === false && !applied.has(name))
      .sort();
    const inTransaction = Object.fromEntries(Object.entries(migrations).filter(([, migration]) => migration.transaction !== false));
    // Kysely refuses a booking it is not given: a newer node's migrations, and index builds an earlier build of this
    // code booked in Kysely's table, join as no-ops.
    const noOps = (await bookedIn(db, MIGRATION_TABLE)).filter((name) => !(name in inTransaction));
    const migrator = new Migrator({
      db,
      provider: providerFor(inTransaction, noOps),
      migrationTableName: MIGRATION_TABLE,
      migrationLockTableName: MIGRATION_LOCK_TABLE,
      // Migrations written side by side may land in another order than their numbers; each is independent,
      // so one that sorts before an applied one still runs (once).
      allowUnorderedMigrations: true,
    });
    const result: MigrationResultSet = await migrator.migrateToLatest();
    if (!result.error) {
      return { done: (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName), outside };
    }
    const bookedMeanwhile = (await bookedIn(db, MIGRATION_TABLE)).some((name) => !(name in inTransaction) && !noOps.includes(name));
    if (bookedMeanwhile && attempt < FIRST_PHASE_TRIES) continue;
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${(result.error as Error).message ?? String(result.error)}`);
  }
}

/** A lock of our own for the second phase (not Kysely's migration lock id). */
const OUTSIDE_LOCK_ID = '4706392817364102931';

/**
 * Migrations marked `transaction = false` (an index built with CREATE INDEX CONCURRENTLY on PostgreSQL, which cannot
 * run in a transaction and does not lock out writes while it builds). Kysely's migrator can only run all or none of
 * its migrations outside transactions, so these run here, one node at a time, and are booked in INDEX_BUILD_TABLE. The lock is taken by polling `pg_try_advisory_lock`, not by waiting in `pg_advisory_lock`: a concurrent build
 * waits for every transaction with an older snapshot, and a second node waiting for the lock inside a statement would
 * be one, each waiting for the other. Each such migration must be safe to run again (a crash between its work and
 * its booking): see createIndexConcurrently.
 */
async function migrateOutsideTransactions(db: Kysely<DB>, migrations: MigrationList, names: string[]): Promise<string[]> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return db.connection().execute(async (conn) => {
    if (postgres) {
      for (;;) {
        const got = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${sql.lit(OUTSIDE_LOCK_ID)}::bigint) as locked`.execute(conn);
        if (got.rows[0]?.locked) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
    try {
      const done: string[] = [];
      for (const name of names) {
        const migration = migrations[name];
        if (!migration || (await appliedMigrationNames(conn)).includes(name)) continue; // another node did it meanwhile
        try {
          await migration.up(conn);
        } catch (err) {
          throw new Error(`Migration ${name} failed: ${(err as Error).message ?? String(err)}`);
        }
        await recordCompatibility(conn, name, migration);
        await sql`insert into ${sql.table(INDEX_BUILD_TABLE)} (name, timestamp) values (${name}, ${new Date().toISOString()})`.execute(conn);
        done.push(name);
      }
      return done;
    } finally {
      if (postgres) await sql`select pg_advisory_unlock(${sql.lit(OUTSIDE_LOCK_ID)}::bigint)`.execute(conn);
    }
  });
}
