import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, Migrator } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../server/store/migrate';
import { migrations } from '../../server/store/migrations/index';
import { openStore, type Store } from '../../server/store/open';
import { approvedFixPhoto, photosOfReport } from '../../server/store/photos';
import { createPostgresDatabase, storeKinds, type TestDatabase } from '../support/databases';
import { jpegPhoto } from '../support/photos';

/** Migration 0025 (the photo of the fix) on a database that already holds photos: unmarked, unapproved, bytes kept. */
describe.each(storeKinds)('migration 0025 on a filled database over %s', (kind) => {
  let dataDir: string;
  let database: TestDatabase | undefined;
  let store: Store;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'meldkamer-0025-'));
    database = kind === 'postgres' ? await createPostgresDatabase() : undefined;
    store = openStore({ dataDir, databaseUrl: database?.url });
  });
  afterEach(async () => {
    await store.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the photos with their bytes, without a mark and never approved', async () => {
    const migrator = new Migrator({
      db: store.db,
      provider: { getMigrations: async () => migrations },
      migrationTableName: 'schema_migrations',
      migrationLockTableName: 'schema_migrations_lock',
      allowUnorderedMigrations: true,
    });
    expect((await migrator.migrateTo('0023_report_context')).error).toBeUndefined();
    // biome-ignore lint/suspicious/noExplicitAny: the schema as it was before 0025
    const old = store.db as unknown as Kysely<any>;
    await old.insertInto('categories').values({ code: 'groen', name_nl: 'Groen', name_en: 'Greenery', department: 'Stadsbeheer', sla_working_days: 5, sort_order: 1 }).execute();
    await old
      .insertInto('reports')
      .values({
        id: 'r1',
        number: 1,
        category: 'groen',
        lat: 52.07,
        lng: 4.3,
        address: 'Lange Voorhout 34',
        description: 'Tak over de stoep',
        source: 'phone',
        priority: 'normal',
        status: 'awaiting_review',
        outcome: null,
        created_by: null,
        created_at: '2026-03-01T10:00:00.000Z',
        updated_at: '2026-03-01T11:00:00.000Z',
        version: 3,
      })
      .execute();
    const bytes = new Uint8Array(jpegPhoto(32, 24));
    await old
      .insertInto('photos')
      .values({ id: 'p1', report_id: 'r1', unit_id: null, content_type: 'image/jpeg', size: bytes.byteLength, width: 32, height: 24, data: bytes, finding_seq: 3, created_at: '2026-03-01T10:30:00.000Z' })
      .execute();

    expect(await migrateToLatest(store.db)).toContain('0025_fix_photos');
    expect(await photosOfReport(store.db, 'r1')).toEqual([expect.objectContaining({ id: 'p1', findingSeq: 3, size: bytes.byteLength, kind: null, approval: null })]);
    expect(await approvedFixPhoto(store.db, 'r1')).toBeUndefined();
    const row = await store.db.selectFrom('photos').select(['approval_state', 'data']).where('id', '=', 'p1').executeTakeFirstOrThrow();
    expect(row.approval_state).toBe('none');
    expect(Buffer.from(row.data as Uint8Array).equals(Buffer.from(bytes))).toBe(true);
  });
});
