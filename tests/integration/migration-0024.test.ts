import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, Migrator } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../server/store/migrate';
import { migrations } from '../../server/store/migrations/index';
import { openStore, type Store } from '../../server/store/open';
import { reportersOf } from '../../server/store/reporters';
import { listCategories } from '../../server/store/categories';
import { createPostgresDatabase, storeKinds, type TestDatabase } from '../support/databases';

/**
 * Migration 0024 on a database that already holds categories and reporters: the demo categories get their phrases
 * for sentences, a category of the municipality's own keeps none (it reads as its name), reporters keep their
 * details with no salutation.
 */
describe.each(storeKinds)('migration 0024 on a filled database over %s', (kind) => {
  let dataDir: string;
  let database: TestDatabase | undefined;
  let store: Store;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'meldkamer-0024-'));
    database = kind === 'postgres' ? await createPostgresDatabase() : undefined;
    store = openStore({ dataDir, databaseUrl: database?.url });
  });
  afterEach(async () => {
    await store.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('backfills the demo categories’ phrases, leaves other categories and the reporters as they were', async () => {
    const migrator = new Migrator({
      db: store.db,
      provider: { getMigrations: async () => migrations },
      migrationTableName: 'schema_migrations',
      migrationLockTableName: 'schema_migrations_lock',
    });
    expect((await migrator.migrateTo('0023_report_context')).error).toBeUndefined();
    // biome-ignore lint/suspicious/noExplicitAny: the schema as it was before 0024
    const old = store.db as unknown as Kysely<any>;
    const category = (code: string, order: number) => ({ code, name_nl: code, name_en: code, department: 'Stadsbeheer', sla_working_days: 5, sort_order: order });
    await old.insertInto('categories').values([category('groen', 1), category('graffiti', 2)]).execute();
    await old
      .insertInto('reports')
      .values({
        id: 'r1',
        number: 1,
        category: 'groen',
        lat: 52.07,
        lng: 4.3,
        address: 'Spui 1',
        description: 'Tak hangt laag',
        source: 'phone',
        priority: 'normal',
        status: 'new',
        outcome: null,
        created_by: null,
        created_at: '2026-03-01T10:00:00.000Z',
        updated_at: '2026-03-01T10:00:00.000Z',
        version: 1,
      })
      .execute();
    await old
      .insertInto('reporters')
      .values({ id: 'p1', report_id: 'r1', name: 'Jan Jansen', email: 'jan@example.nl', phone: null, created_at: '2026-03-01T10:00:00.000Z' })
      .execute();

    expect(await migrateToLatest(store.db)).toContain('0024_messages_from_a_person');
    const categories = new Map((await listCategories(store.db)).map((c) => [c.code, c]));
    expect(categories.get('groen')).toMatchObject({ phraseNl: 'een boomtak of ander groen', phraseEn: 'a tree branch or other greenery' });
    expect(categories.get('graffiti')).toMatchObject({ phraseNl: null, phraseEn: null });
    expect(await reportersOf(store.db, 'r1')).toEqual([{ id: 'p1', name: 'Jan Jansen', salutation: null, email: 'jan@example.nl', phone: null }]);
  });
});
