import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../server/store/migrate';
import { openQueuePage } from '../../server/store/report-queue';
import { getReport } from '../../server/store/reports';
import { partLinkOf } from '../../server/store/sub-reports';
import { storeKinds } from '../support/databases';
import { migrateUpTo, olderCategory, olderReport, storeForEachTest } from '../support/filled-database';

/** Migration 0029 (sub-reports) on a database that already holds reports: they become reports without parts, as before. */
describe.each(storeKinds)('migration 0029 on a filled database over %s', (kind) => {
  const fresh = storeForEachTest(kind, '0029');

  it('adds the columns with null and 0 on the existing reports, which read and queue as before', async () => {
    const { store } = fresh;
    const old = await migrateUpTo(store.db, '0023_report_context');
    await old.insertInto('categories').values(olderCategory('afval', { name_nl: 'Afval', name_en: 'Waste', department: 'Toezicht afval', sla_working_days: 3 })).execute();
    const rows = [1, 2, 3].map((n) =>
      olderReport(n, {
        category: 'afval',
        address: `Spui ${n}`,
        description: 'Bank gedumpt',
        status: n === 3 ? 'closed' : 'new',
        outcome: n === 3 ? 'resolved' : null,
        created_at: `2026-03-01T10:0${n}:00.000Z`,
      }),
    );
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
