import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { IncompatibleDatabaseError, migrateToLatest, recordedCompatibility } from '../../server/store/migrate';
import { createIndexConcurrently } from '../../server/store/migrations/concurrent-index';
import { type MeldkamerMigration, migrations } from '../../server/store/migrations/index';
import { openStore, type Store } from '../../server/store/open';
import { APP_VERSION } from '../../server/version';
import { createPostgresDatabase, type StoreKind, storeKinds, type TestDatabase } from '../support/databases';

/** A migration as a new index migration is written: outside a transaction, the index built concurrently on PostgreSQL. */
const withIndex: Record<string, MeldkamerMigration> = {
  ...migrations,
  '9990_reports_category_created': {
    transaction: false,
    up: (db) => createIndexConcurrently(db, 'reports_category_created', 'on reports (category, created_at)'),
  },
};

async function withStores<T>(kind: StoreKind, count: number, run: (stores: Store[], url: string) => Promise<T>): Promise<T> {
  const database: TestDatabase | undefined = kind === 'postgres' ? await createPostgresDatabase() : undefined;
  const dir = mkdtempSync(join(tmpdir(), 'meldkamer-cic-'));
  const stores = Array.from({ length: count }, () => openStore({ dataDir: dir, databaseUrl: database?.url }));
  try {
    return await run(stores, database?.url ?? '');
  } finally {
    for (const s of stores) await s.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function indexIsValid(store: Store, name: string): Promise<boolean> {
  if (store.kind === 'sqlite') {
    const rows = await sql<{ name: string }>`select name from sqlite_master where type = 'index' and name = ${name}`.execute(store.db);
    return rows.rows.length === 1;
  }
  const rows = await sql<{ valid: boolean }>`select i.indisvalid as valid from pg_index i join pg_class c on c.oid = i.indexrelid
    where c.relname = ${name}`.execute(store.db);
  return rows.rows.length === 1 && rows.rows[0]?.valid === true;
}

/** Kysely's migration lock on PostgreSQL (PostgresAdapter: a session advisory lock with this id). */
const KYSELY_MIGRATION_LOCK_ID = '3853314791062309107';

/**
 * Holds Kysely's migration lock on a connection of its own, starts `run` and returns once `run` waits for the lock
 * (seen in pg_locks): what is booked meanwhile is what another node did after `run` looked. release() lets it go on.
 */
async function holdMigrationLockWhile<T>(url: string, run: () => Promise<T>): Promise<{ release(): Promise<T> }> {
  const holder = new pg.Client({ connectionString: url });
  await holder.connect();
  await holder.query(`select pg_advisory_lock(${KYSELY_MIGRATION_LOCK_ID})`);
  const running = run();
  running.catch(() => undefined);
  await expect
    .poll(async () => (await holder.query(`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted`)).rows[0]?.n, {
      timeout: 30_000,
    })
    .toBeGreaterThan(0);
  return {
    release: async () => {
      await holder.query(`select pg_advisory_unlock(${KYSELY_MIGRATION_LOCK_ID})`);
      await holder.end();
      return running;
    },
  };
}

describe.each(storeKinds)('a migration that runs outside a transaction (%s)', (kind) => {
  it('builds its index (concurrently on PostgreSQL, which a transaction refuses), is booked and recorded once', async () => {
    await withStores(kind, 1, async ([store]) => {
      if (!store) throw new Error('no store');
      const applied = await migrateToLatest(store.db, APP_VERSION, withIndex);
      expect(applied).toContain('9990_reports_category_created');
      expect(applied.at(-1)).toBe('9990_reports_category_created');
      expect(await indexIsValid(store, 'reports_category_created')).toBe(true);
      expect((await recordedCompatibility(store.db)).get('9990_reports_category_created')).toBe('0.1.0');
      expect(await migrateToLatest(store.db, APP_VERSION, withIndex)).toEqual([]);
    });
  }, 60_000);
});

describe.skipIf(!storeKinds.includes('postgres'))('concurrent index builds on PostgreSQL', () => {
  it('two nodes starting at once: one builds the index, the other waits for it, neither fails', async () => {
    await withStores('postgres', 2, async ([a, b]) => {
      if (!a || !b) throw new Error('no stores');
      await migrateToLatest(a.db);
      const [onA, onB] = await Promise.all([migrateToLatest(a.db, APP_VERSION, withIndex), migrateToLatest(b.db, APP_VERSION, withIndex)]);
      expect([...onA, ...onB].filter((name) => name === '9990_reports_category_created')).toHaveLength(1);
      expect(await indexIsValid(a, 'reports_category_created')).toBe(true);
    });
  }, 60_000);

  it('a node that saw an index migration pending while another node booked it starts (no "corrupted migrations")', async () => {
    await withStores('postgres', 2, async ([a, b], url) => {
      if (!a || !b) throw new Error('no stores');
      await migrateToLatest(a.db);
      // B has seen 9990 pending and waits for the migration lock; meanwhile A's second phase builds and books it (a
      // plain build here: a concurrent one would wait for B's statement, which waits for this test).
      const waiting = await holdMigrationLockWhile(url, () => migrateToLatest(b.db, APP_VERSION, withIndex));
      await sql`create index reports_category_created on reports (category, created_at)`.execute(a.db);
      await sql`insert into schema_migrations (name, timestamp) values ('9990_reports_category_created', '2030-01-01')`.execute(a.db);
      expect(await waiting.release()).toEqual([]);
      expect((await recordedCompatibility(b.db)).get('9990_reports_category_created')).toBe('0.1.0');
    });
  }, 60_000);

  it("a newer node's migration booked while a node waits for the migration lock: run on when compatible, refused when not", async () => {
    await withStores('postgres', 2, async ([a, b], url) => {
      if (!a || !b) throw new Error('no stores');
      await migrateToLatest(a.db);
      const book = async (name: string, oldest: string) => {
        await sql`insert into schema_migrations (name, timestamp) values (${name}, '2030-01-01')`.execute(a.db);
        await sql`insert into schema_compat (migration, oldest_version, recorded_at) values (${name}, ${oldest}, '2030-01-01')`.execute(a.db);
      };
      const additive = await holdMigrationLockWhile(url, () => migrateToLatest(b.db));
      await book('9998_added_by_a_newer_node', '0.1.0');
      expect(await additive.release()).toEqual([]);
      const contracting = await holdMigrationLockWhile(url, () => migrateToLatest(b.db).catch((err: Error) => err));
      await book('9999_contracted_by_a_newer_node', '99.0.0');
      expect(await contracting.release()).toBeInstanceOf(IncompatibleDatabaseError);
    });
  }, 60_000);

  it('a build cut off earlier (an INVALID index of that name) is dropped and built again', async () => {
    await withStores('postgres', 1, async ([store]) => {
      if (!store) throw new Error('no store');
      await migrateToLatest(store.db);
      await sql`create table scratch_values (v integer)`.execute(store.db);
      await sql`insert into scratch_values (v) values (1), (1)`.execute(store.db);
      // A unique build over duplicates fails after creating the index: it stays, INVALID.
      await expect(sql`create unique index concurrently scratch_values_v on scratch_values (v)`.execute(store.db)).rejects.toThrow(/duplicate|unique/i);
      expect(await indexIsValid(store, 'scratch_values_v')).toBe(false);
      const again: Record<string, MeldkamerMigration> = {
        ...migrations,
        '9991_scratch_index': { transaction: false, up: (db) => createIndexConcurrently(db, 'scratch_values_v', 'on scratch_values (v)') },
      };
      expect(await migrateToLatest(store.db, APP_VERSION, again)).toEqual(['9991_scratch_index']);
      expect(await indexIsValid(store, 'scratch_values_v')).toBe(true);
    });
  }, 60_000);
});
