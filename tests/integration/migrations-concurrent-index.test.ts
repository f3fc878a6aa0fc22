import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest, recordedCompatibility } from '../../server/store/migrate';
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

async function withStores<T>(kind: StoreKind, count: number, run: (stores: Store[]) => Promise<T>): Promise<T> {
  const database: TestDatabase | undefined = kind === 'postgres' ? await createPostgresDatabase() : undefined;
  const dir = mkdtempSync(join(tmpdir(), 'meldkamer-cic-'));
  const stores = Array.from({ length: count }, () => openStore({ dataDir: dir, databaseUrl: database?.url }));
  try {
    return await run(stores);
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
