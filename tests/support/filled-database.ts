import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach } from 'vitest';
import { migrateToLatest } from '../../server/store/migrate';
import { migrations } from '../../server/store/migrations/index';
import { openStore, type Store } from '../../server/store/open';
import type { CategoryTable, DB, ReportTable } from '../../server/store/schema';
import { createPostgresDatabase, type StoreKind, type TestDatabase } from './databases';

/**
 * The database as an older version left it. The tests of a migration write their rows through this handle: the
 * store's types describe the newest schema, not the one the rows are written into.
 */
// biome-ignore lint/suspicious/noExplicitAny: the schema before a migration is not the one DB describes
export type OlderSchema = Kysely<any>;

/**
 * A store over an empty database of `kind` for each test of the enclosing describe block: SQLite in a temporary
 * folder named after `label`, or a fresh PostgreSQL database; closed and removed after the test. Read `.store`
 * inside the tests.
 */
export function storeForEachTest(kind: StoreKind, label: string, hookTimeoutMs?: number): { readonly store: Store } {
  let dataDir: string;
  let database: TestDatabase | undefined;
  let store: Store | undefined;
  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), `meldkamer-${label}-`));
    database = kind === 'postgres' ? await createPostgresDatabase() : undefined;
    store = openStore({ dataDir, databaseUrl: database?.url });
  }, hookTimeoutMs);
  afterEach(async () => {
    await store?.close();
    store = undefined;
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }, hookTimeoutMs);
  return {
    get store(): Store {
      if (!store) throw new Error('the store is open inside a test only');
      return store;
    },
  };
}

/**
 * Brings an empty database up to migration `name` (included) as a hub of that time would (server/store/migrate.ts,
 * which also runs the migrations that cannot run in a transaction) and hands it back as that older schema.
 */
export async function migrateUpTo(db: Kysely<DB>, name: string): Promise<OlderSchema> {
  if (!(name in migrations)) throw new Error(`no migration named ${name}`);
  await migrateToLatest(db, undefined, Object.fromEntries(Object.entries(migrations).filter(([known]) => known <= name)));
  return db as unknown as OlderSchema;
}

/** Brings an empty database up to every migration but `name`, as a hub would, and hands it back as that older schema. */
export async function migrateAllBut(db: Kysely<DB>, name: string): Promise<OlderSchema> {
  if (!(name in migrations)) throw new Error(`no migration named ${name}`);
  const { [name]: _later, ...before } = migrations;
  await migrateToLatest(db, undefined, before);
  return db as unknown as OlderSchema;
}

/** A category row with the columns of the first schema (0001_initial). */
export type OlderCategory = Pick<CategoryTable, 'code' | 'name_nl' | 'name_en' | 'department' | 'sla_working_days' | 'sort_order'>;

export function olderCategory(code: string, fields: Partial<OlderCategory> = {}): OlderCategory {
  return { code, name_nl: code, name_en: code, department: 'Stadsbeheer', sla_working_days: 5, sort_order: 1, ...fields };
}

/** A report row with the columns of the first schema (0001_initial). */
export type OlderReport = Pick<
  ReportTable,
  'id' | 'number' | 'category' | 'lat' | 'lng' | 'address' | 'description' | 'source' | 'priority' | 'status' | 'outcome' | 'created_by' | 'created_at' | 'updated_at' | 'version'
>;

/** Report number `n` (id `r<n>`, version `n`), a new one in category groen; `fields` overrides any column. */
export function olderReport(n: number, fields: Partial<OlderReport> = {}): OlderReport {
  return {
    id: `r${n}`,
    number: n,
    category: 'groen',
    lat: 52.07,
    lng: 4.3,
    address: null,
    description: 'Boomtak hangt laag',
    source: 'phone',
    priority: 'normal',
    status: 'new',
    outcome: null,
    created_by: null,
    created_at: '2026-03-01T10:00:00.000Z',
    updated_at: '2026-03-10T09:00:00.000Z',
    version: n,
    ...fields,
  };
}
