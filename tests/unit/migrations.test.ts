import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { FIRST_RELEASE, IncompatibleDatabaseError, migrateToLatest, NewerDatabaseError, recordedCompatibility } from '../../server/store/migrate';
import { migrations } from '../../server/store/migrations/index';
import { openStore, type Store } from '../../server/store/open';

const dirs: string[] = [];
const stores: Store[] = [];
function freshStore(dir = mkdtempSync(join(tmpdir(), 'meldkamer-mig-'))): { store: Store; dir: string } {
  dirs.push(dir);
  const store = openStore({ dataDir: dir });
  stores.push(store);
  return { store, dir };
}

afterEach(async () => {
  for (const s of stores.splice(0)) await s.close().catch(() => undefined);
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('migrations', () => {
  it('apply every migration in order to an empty database and create the core tables', async () => {
    const { store } = freshStore();
    const applied = await migrateToLatest(store.db);
    expect(applied).toEqual(Object.keys(migrations).sort());
    const tables = (await store.db.introspection.getTables()).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['reports', 'events', 'users', 'units', 'sessions', 'categories']));
  });

  it('are a no-op on an up-to-date database and keep its data', async () => {
    const { store, dir } = freshStore();
    await migrateToLatest(store.db);
    await store.db
      .insertInto('categories')
      .values({ code: 'x', name_nl: 'X', name_en: 'X', department: 'd', sla_working_days: 1, sort_order: 1 })
      .execute();
    await store.close();
    const reopened = freshStore(dir).store;
    expect(await migrateToLatest(reopened.db)).toEqual([]);
    expect(await reopened.db.selectFrom('categories').select('code').execute()).toEqual([{ code: 'x' }]);
  });

  it('refuse a database written by a newer version, naming the unknown migration, and change nothing', async () => {
    const { store } = freshStore();
    await migrateToLatest(store.db);
    await sql`insert into schema_migrations (name, timestamp) values ('9999_from_the_future', '2030-01-01')`.execute(store.db);
    const error = await migrateToLatest(store.db).catch((e) => e);
    expect(error).toBeInstanceOf(NewerDatabaseError);
    expect(error.message).toContain('9999_from_the_future');
    expect(error.message).toMatch(/newer version of Meldkamer/);
  });

  it('record for every applied migration the oldest release that runs on it (additive ones: the first release)', async () => {
    const { store } = freshStore();
    await migrateToLatest(store.db);
    const compat = await recordedCompatibility(store.db);
    expect([...compat.keys()].sort()).toEqual(Object.keys(migrations).sort());
    expect(new Set(compat.values())).toEqual(new Set([FIRST_RELEASE]));
  });

  it('record the compatibility of migrations applied before it was kept (a database of 0.1.0)', async () => {
    const { store } = freshStore();
    await migrateToLatest(store.db);
    await sql`drop table schema_compat`.execute(store.db);
    expect(await migrateToLatest(store.db)).toEqual([]);
    expect((await recordedCompatibility(store.db)).size).toBe(Object.keys(migrations).length);
  });

  it("run on a newer node's migration that records an oldest-compatible release at or below its own version", async () => {
    const { store } = freshStore();
    await migrateToLatest(store.db);
    await sql`insert into schema_migrations (name, timestamp) values ('9999_added_by_a_newer_node', '2030-01-01')`.execute(store.db);
    await sql`insert into schema_compat (migration, oldest_version, recorded_at) values ('9999_added_by_a_newer_node', '0.2.0', '2030-01-01')`.execute(
      store.db,
    );
    expect(await migrateToLatest(store.db, '0.2.0')).toEqual([]);
    expect(await migrateToLatest(store.db, '0.2.1')).toEqual([]);
  });

  it('refuse a database whose oldest-compatible release is newer than this node, saying which release to install', async () => {
    const { store } = freshStore();
    await migrateToLatest(store.db);
    await sql`insert into schema_migrations (name, timestamp) values ('9999_drops_a_column', '2030-01-01')`.execute(store.db);
    await sql`insert into schema_compat (migration, oldest_version, recorded_at) values ('9999_drops_a_column', '0.3.0', '2030-01-01')`.execute(store.db);
    const error = await migrateToLatest(store.db, '0.2.0').catch((e) => e);
    expect(error).toBeInstanceOf(IncompatibleDatabaseError);
    expect(error.message).toContain('needs Meldkamer 0.3.0 or newer (migration 9999_drops_a_column');
    expect(error.message).toContain('this node is 0.2.0. Upgrade this node to 0.3.0 or later');
    expect(error.message).toContain('the only way back to 0.2.0 is a backup taken before the upgrade');
    expect(await migrateToLatest(store.db, '0.3.0')).toEqual([]);
  });

  it('use WAL with synchronous FULL on SQLite', async () => {
    const { store } = freshStore();
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db);
    const sync = await sql<{ synchronous: number }>`pragma synchronous`.execute(store.db);
    expect(mode.rows[0]?.journal_mode).toBe('wal');
    expect(sync.rows[0]?.synchronous).toBe(2);
  });
});
