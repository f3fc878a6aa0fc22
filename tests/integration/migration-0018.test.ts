import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../server/store/migrate';
import { searchReports } from '../../server/store/report-search';
import { storeKinds } from '../support/databases';
import { migrateUpTo, olderCategory, olderReport, storeForEachTest } from '../support/filled-database';

const TEXTS = [
  'Vuilniszakken naast de container',
  'Fietswrak aan het hek',
  'Omgewaaide boom op de stoep',
  'Boomtak hangt laag',
  'Geluidsoverlast zeehonden-feest',
];

function reportRow(n: number) {
  return olderReport(n, {
    address: n % 2 === 0 ? `Spui ${n}` : null,
    description: TEXTS[n % TEXTS.length]!,
    status: n % 3 === 0 ? 'closed' : 'new',
    outcome: n % 3 === 0 ? 'resolved' : null,
    created_at: `2026-03-01T10:${String(n).padStart(2, '0')}:00.000Z`,
  });
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
  const fresh = storeForEachTest(kind, '0018');

  it('stores the words of the reports there, finds them by whole words and prefixes, and keeps them on later writes', async () => {
    const { store } = fresh;
    const old = await migrateUpTo(store.db, '0015_signal_address_search');
    await old.insertInto('categories').values(olderCategory('groen', { name_nl: 'Groen', name_en: 'Green' })).execute();
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
