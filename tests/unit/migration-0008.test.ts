import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../server/store/migrate';
import { migrateUpTo, olderCategory, storeForEachTest } from '../support/filled-database';

describe('migration 0008 (photos in the store, retention)', () => {
  const fresh = storeForEachTest('sqlite', '0008');

  it('moves file-based photo rows to photos_legacy and dates the closing of reports closed before it', async () => {
    const { store } = fresh;
    const db = await migrateUpTo(store.db, '0007_throttling_sessions');
    await db.insertInto('categories').values(olderCategory('afval', { name_nl: 'Afval', name_en: 'Waste', department: 'x' })).execute();
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
