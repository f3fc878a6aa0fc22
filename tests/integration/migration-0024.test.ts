import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../server/store/migrate';
import { reportersOf } from '../../server/store/reporters';
import { listCategories } from '../../server/store/categories';
import { storeKinds } from '../support/databases';
import { migrateUpTo, olderCategory, olderReport, storeForEachTest } from '../support/filled-database';

/**
 * Migration 0024 on a database that already holds categories and reporters: the demo categories get their phrases
 * for sentences, a category of the municipality's own keeps none (it reads as its name), reporters keep their
 * details with no salutation.
 */
describe.each(storeKinds)('migration 0024 on a filled database over %s', (kind) => {
  const fresh = storeForEachTest(kind, '0024');

  it('backfills the demo categories’ phrases, leaves other categories and the reporters as they were', async () => {
    const { store } = fresh;
    const old = await migrateUpTo(store.db, '0023_report_context');
    await old.insertInto('categories').values([olderCategory('groen'), olderCategory('graffiti', { sort_order: 2 })]).execute();
    await old.insertInto('reports').values(olderReport(1, { address: 'Spui 1', description: 'Tak hangt laag', updated_at: '2026-03-01T10:00:00.000Z' })).execute();
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
