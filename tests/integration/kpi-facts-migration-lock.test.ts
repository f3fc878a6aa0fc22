import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../server/store/migrate';
import { storeKinds } from '../support/databases';
import { migrateAllBut, olderCategory, olderReport, storeForEachTest } from '../support/filled-database';

/**
 * Migration 0052 on PostgreSQL while nodes take writes (a rolling upgrade): kpi_facts' foreign key to reports needs a
 * lock on reports that waits for every open write of it and holds up every later one while it waits. A write of a report
 * that starts while 0052 runs must not wait for a long transaction that was already writing reports.
 */
describe.skipIf(!storeKinds.includes('postgres'))('0052 beside writes to reports (postgres)', () => {
  const fresh = storeForEachTest('postgres', 'kpi-facts-lock');

  it('does not hold up new writes of reports behind a long open one', { timeout: 60_000 }, async () => {
    const db = fresh.store.db;
    const older = await migrateAllBut(db, '0052_kpi_facts');
    await older.insertInto('categories').values(olderCategory('groen')).execute();
    const url = fresh.store.pgPool?.options.connectionString;
    const long = new pg.Client({ connectionString: url });
    const later = new pg.Client({ connectionString: url });
    await Promise.all([long.connect(), later.connect()]);
    try {
      // A long transaction of another node that writes a report and stays open for 3 s.
      await long.query('begin');
      await long.query(`insert into reports (id, number, category, lat, lng, description, source, priority, status, created_at, updated_at, version)
        values ('r1', 1, 'groen', 52.07, 4.3, 'x', 'phone', 'normal', 'new', '2026-03-01T10:00:00.000Z', '2026-03-01T10:00:00.000Z', 1)`);
      const committed = new Promise((resolve) => setTimeout(() => resolve(long.query('commit')), 3_000));
      const migrated = migrateToLatest(db);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const row = olderReport(2);
      const t0 = performance.now();
      await later.query(
        `insert into reports (id, number, category, lat, lng, description, source, priority, status, created_at, updated_at, version)
          values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [row.id, row.number, row.category, row.lat, row.lng, row.description, row.source, row.priority, row.status, row.created_at, row.updated_at, row.version],
      );
      const waited = performance.now() - t0;
      await committed;
      await migrated;
      expect(waited).toBeLessThan(1_000);
      const fk = await later.query(`select 1 from pg_constraint where conrelid = 'kpi_facts'::regclass and contype = 'f'`);
      expect(fk.rows.length).toBe(1);
    } finally {
      await long.query('rollback').catch(() => undefined);
      await Promise.all([long.end(), later.end()]);
    }
  });
});
