import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, Migrator } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../server/store/migrate';
import { migrations } from '../../server/store/migrations/index';
import { openStore, type Store } from '../../server/store/open';
import { openQueuePage } from '../../server/store/report-queue';
import { getReport } from '../../server/store/reports';
import { partLinkOf } from '../../server/store/sub-reports';
import { createPostgresDatabase, storeKinds, type TestDatabase } from '../support/databases';

/** Migration 0029 (sub-reports) on a database that already holds reports: they become reports without parts, as before. */
describe.each(storeKinds)('migration 0029 on a filled database over %s', (kind) => {
  let dataDir: string;
  let database: TestDatabase | undefined;
  let store: Store;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'meldkamer-0029-'));
    database = kind === 'postgres' ? await createPostgresDatabase() : undefined;
    store = openStore({ dataDir, databaseUrl: database?.url });
  });
  afterEach(async () => {
    await store.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('adds the columns with null and 0 on the existing reports, which read and queue as before', async () => {
    const migrator = new Migrator({
      db: store.db,
      provider: { getMigrations: async () => migrations },
      migrationTableName: 'schema_migrations',
      migrationLockTableName: 'schema_migrations_lock',
      allowUnorderedMigrations: true,
    });
    expect((await migrator.migrateTo('0023_report_context')).error).toBeUndefined();
    // biome-ignore lint/suspicious/noExplicitAny: the schema as it was before 0029
    const old = store.db as unknown as Kysely<any>;
    await old.insertInto('categories').values({ code: 'afval', name_nl: 'Afval', name_en: 'Waste', department: 'Toezicht afval', sla_working_days: 3, sort_order: 1 }).execute();
    const rows = [1, 2, 3].map((n) => ({
      id: `r${n}`,
      number: n,
      category: 'afval',
      lat: 52.07,
      lng: 4.3,
      address: `Spui ${n}`,
      description: 'Bank gedumpt',
      source: 'phone',
      priority: 'normal',
      status: n === 3 ? 'closed' : 'new',
      outcome: n === 3 ? 'resolved' : null,
      created_by: null,
      created_at: `2026-03-01T10:0${n}:00.000Z`,
      updated_at: '2026-03-10T09:00:00.000Z',
      version: n,
    }));
    await old.insertInto('reports').values(rows).execute();

    expect(await migrateToLatest(store.db)).toContain('0029_sub_reports');
    expect(await partLinkOf(store.db, 'r1')).toEqual({ parentId: null, parentNumber: null, team: null, partCount: 0 });
    const report = await getReport(store.db, 'r2');
    expect(report?.number).toBe('M-000002');
    expect(report && 'parentNumber' in report).toBe(false);
    expect(report && 'partCount' in report).toBe(false);
    const page = await openQueuePage(store.db, null, 10);
    expect(page.rows.map((r) => [r.id, r.parentNumber, r.partCount])).toEqual([
      ['r2', null, 0],
      ['r1', null, 0],
    ]);
  });
});
