import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, Migrator, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../server/store/migrate';
import { migrations } from '../../server/store/migrations/index';
import { openStore, type Store } from '../../server/store/open';
import { searchReports } from '../../server/store/report-search';
import { createPostgresDatabase, storeKinds, type TestDatabase } from '../support/databases';

const TEXTS = [
  'Vuilniszakken naast de container',
  'Fietswrak aan het hek',
  'Omgewaaide boom op de stoep',
  'Boomtak hangt laag',
  'Geluidsoverlast zeehonden-feest',
];

function reportRow(n: number) {
  return {
    id: `r${n}`,
    number: n,
    category: 'groen',
    lat: 52.07,
    lng: 4.3,
    address: n % 2 === 0 ? `Spui ${n}` : null,
    description: TEXTS[n % TEXTS.length]!,
    source: 'phone',
    priority: 'normal',
    status: n % 3 === 0 ? 'closed' : 'new',
    outcome: n % 3 === 0 ? 'resolved' : null,
    created_by: null,
    created_at: `2026-03-01T10:${String(n).padStart(2, '0')}:00.000Z`,
    updated_at: '2026-03-10T09:00:00.000Z',
    version: n,
  };
}

/** The reports, newest first, whose text holds every word as a word (whole) or as the start of one (prefix). */
function expected(rows: ReturnType<typeof reportRow>[], q: string, limit: number): string[] {
  const typed = q.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? [];
  const wordsOf = (r: ReturnType<typeof reportRow>) => `${r.address ?? ''} ${r.description}`.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  const newest = [...rows].sort((a, b) => b.created_at.localeCompare(a.created_at));
  const whole = newest.filter((r) => typed.every((t) => wordsOf(r).includes(t)));
  const prefix = newest.filter((r) => !whole.includes(r) && typed.every((t) => wordsOf(r).some((w) => w.startsWith(t))));
  return [...whole, ...prefix].slice(0, limit).map((r) => r.id);
}

/**
 * Migration 0018 on a database that already holds reports: on PostgreSQL their words (and four-letter entries) are
 * stored in reports.search_words by one table rewrite and kept by a trigger after; on SQLite nothing changes. Either
 * way finding by words answers as before: whole words first, then prefixes, the newest first within each.
 */
describe.each(storeKinds)('migration 0018 on a filled database over %s', (kind) => {
  let dataDir: string;
  let database: TestDatabase | undefined;
  let store: Store;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'meldkamer-0018-'));
    database = kind === 'postgres' ? await createPostgresDatabase() : undefined;
    store = openStore({ dataDir, databaseUrl: database?.url });
  });
  afterEach(async () => {
    await store.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores the words of the reports there, finds them by whole words and prefixes, and keeps them on later writes', async () => {
    const migrator = new Migrator({
      db: store.db,
      provider: { getMigrations: async () => migrations },
      migrationTableName: 'schema_migrations',
      migrationLockTableName: 'schema_migrations_lock',
    });
    expect((await migrator.migrateTo('0015_signal_address_search')).error).toBeUndefined();
    // biome-ignore lint/suspicious/noExplicitAny: the schema as it was before 0018
    const old = store.db as unknown as Kysely<any>;
    await old.insertInto('categories').values({ code: 'groen', name_nl: 'Groen', name_en: 'Green', department: 'Stadsbeheer', sla_working_days: 5, sort_order: 1 }).execute();
    const rows = Array.from({ length: 40 }, (_, i) => reportRow(i + 1));
    await old.insertInto('reports').values(rows).execute();

    expect(await migrateToLatest(store.db)).toContain('0018_search_words');
    if (kind === 'postgres') {
      const unfilled = await sql<{ n: string }>`select count(*) as n from reports where search_words is null`.execute(old);
      expect(Number(unfilled.rows[0]!.n)).toBe(0);
      const entries = await sql<{ v: string }>`select search_words::text as v from reports where id = 'r6'`.execute(old);
      expect(entries.rows[0]!.v).toContain("'fiet*'");
    }

    // Whole words, prefixes, words that never meet, a hyphenated word, short prefixes, a limit that cuts either kind.
    const queries = ['fietswrak', 'fiets', 'boom', 'boom stoep', 'vuilnis cont', 'vuilniszakken fietswrak', 'zeehond feest', 'hek', 'naas', 'gel'];
    for (const q of queries) {
      for (const limit of [3, 50]) {
        const hits = (await searchReports(store.db, q, limit)).filter((h) => h.match === 'words');
        expect(hits.map((h) => h.id), `${q} (limit ${limit})`).toEqual(expected(rows, q, limit).slice(0, limit));
      }
    }

    // Later writes: a description erased, another rewritten, a new report; the words follow.
    await sql`update reports set description = '[verwijderd]' where id = 'r6'`.execute(old);
    await sql`update reports set description = 'Lantaarnpaal knippert' where id = 'r4'`.execute(old);
    await old.insertInto('reports').values({ ...reportRow(41), description: 'Fietswrak bij de lantaarnpaal' }).execute();
    const fietswrak = (await searchReports(store.db, 'fietswrak', 50)).map((h) => h.id);
    expect(fietswrak).not.toContain('r6');
    expect(fietswrak).toContain('r1');
    expect(fietswrak).toContain('r41');
    expect((await searchReports(store.db, 'lantaarn', 50)).map((h) => h.id).sort()).toEqual(['r4', 'r41']);
    expect((await searchReports(store.db, 'knip', 50)).map((h) => h.id)).toEqual(['r4']);
  });
});
