import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, Migrator, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../server/store/migrate';
import { migrations } from '../../server/store/migrations/index';
import { openStore, type Store } from '../../server/store/open';

let store: Store | undefined;
let dir: string | undefined;
afterEach(async () => {
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('migration 0008 (photos in the store, retention)', () => {
  it('moves file-based photo rows to photos_legacy and dates the closing of reports closed before it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'meldkamer-0008-'));
    store = openStore({ dataDir: dir });
    const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0008'));
    const migrator = new Migrator({
      db: store.db,
      provider: { getMigrations: async () => before },
      migrationTableName: 'schema_migrations',
      migrationLockTableName: 'schema_migrations_lock',
    });
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    // biome-ignore lint/suspicious/noExplicitAny: the schema before 0008
    const db = store.db as Kysely<any>;
    await db.insertInto('categories').values({ code: 'afval', name_nl: 'Afval', name_en: 'Waste', department: 'x', sla_working_days: 5, sort_order: 1 }).execute();
    const report = (id: string, number: number, status: string) => ({
      id,
      number,
      category: 'afval',
      lat: 52,
      lng: 4,
      description: 'x',
      source: 'phone',
      priority: 'normal',
      status,
      created_at: '2024-01-01T00:00:00.000Z',
      updated_at: '2024-03-01T00:00:00.000Z',
      version: 2,
    });
    await db.insertInto('reports').values([report('closed', 1, 'closed'), report('open', 2, 'triaged')]).execute();
    await db
      .insertInto('events')
      .values([
        { seq: 1, type: 'report.created', report_id: 'closed', actor_id: null, at: '2024-01-01T00:00:00.000Z', payload: '{}' },
        { seq: 2, type: 'report.transitioned', report_id: 'closed', actor_id: null, at: '2024-02-01T00:00:00.000Z', payload: '{}' },
      ])
      .execute();
    await db
      .insertInto('photos')
      .values({ id: 'p1', report_id: 'closed', unit_id: null, content_type: 'image/jpeg', size: 3, path: '/tmp/p1.jpg', created_at: '2024-01-02T00:00:00.000Z' })
      .execute();

    expect(await migrateToLatest(store.db)).toContain('0008_retention_photos');
    expect(await store.db.selectFrom('photos_legacy').select(['id', 'path']).execute()).toEqual([{ id: 'p1', path: '/tmp/p1.jpg' }]);
    expect(await store.db.selectFrom('photos').select('id').execute()).toEqual([]);
    const closedAt = await store.db.selectFrom('reports').select(['id', 'closed_at']).orderBy('id').execute();
    expect(closedAt).toEqual([
      { id: 'closed', closed_at: '2024-02-01T00:00:00.000Z' },
      { id: 'open', closed_at: null },
    ]);
    const columns = await sql<{ name: string; type: string }>`pragma table_info(photos)`.execute(store.db);
    expect(columns.rows.find((c) => c.name === 'data')?.type.toLowerCase()).toBe('blob');
  });
});
