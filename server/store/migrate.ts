import { type Kysely, type MigrationProvider, type MigrationResultSet, Migrator, sql } from 'kysely';
import { migrations } from './migrations/index';
import type { DB } from './schema';

const MIGRATION_TABLE = 'schema_migrations';
const MIGRATION_LOCK_TABLE = 'schema_migrations_lock';

export class NewerDatabaseError extends Error {
  constructor(readonly unknownMigrations: string[]) {
    super(
      `This database was written by a newer version of Meldkamer (unknown migrations: ${unknownMigrations.join(', ')}). ` +
        'Upgrade Meldkamer, or point it at another data directory / database.',
    );
  }
}

const staticProvider: MigrationProvider = { getMigrations: async () => migrations };

async function appliedMigrationNames(db: Kysely<DB>): Promise<string[]> {
  const tables = await db.introspection.getTables();
  if (!tables.some((t) => t.name === MIGRATION_TABLE)) return [];
  const rows = await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)}`.execute(db);
  return rows.rows.map((r) => r.name);
}

/** The migrations this build has that the database has not applied (the readiness check, GET /health). */
export async function unappliedMigrations(db: Kysely<DB>): Promise<string[]> {
  const applied = new Set(await appliedMigrationNames(db));
  return Object.keys(migrations).filter((name) => !applied.has(name));
}

/** Applies pending migrations; refuses a database that has migrations this build does not know. */
export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  const unknown = (await appliedMigrationNames(db)).filter((name) => !(name in migrations));
  if (unknown.length > 0) throw new NewerDatabaseError(unknown.sort());
  const migrator = new Migrator({
    db,
    provider: staticProvider,
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
    // Migrations written side by side may land in another order than their numbers; each is independent,
    // so one that sorts before an applied one still runs (once).
    allowUnorderedMigrations: true,
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${(result.error as Error).message ?? String(result.error)}`);
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
