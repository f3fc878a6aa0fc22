import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../server/store/migrate';
import { openStore, type Store } from '../../server/store/open';
import { openReportsByStatus, openReportsByStatusQuery } from '../../server/store/operations-readings';
import { createPostgresDatabase, storeKinds, type TestDatabase } from '../support/databases';

/**
 * GET /metrics reads the open reports per status at every scrape. On the embedded store the read runs on the hub's
 * event loop, so it must seek the open statuses in the status index, not walk the whole index (a year of a big city is
 * mostly closed reports: `status <> 'closed'` scanned all of them, ~190 ms per scrape at 1M reports).
 */
describe.each(storeKinds)('open reports per status for the metrics (%s)', (kind) => {
  let database: TestDatabase | undefined;
  let store: Store;
  beforeAll(async () => {
    database = kind === 'postgres' ? await createPostgresDatabase() : undefined;
    store = openStore({ dataDir: mkdtempSync(join(tmpdir(), 'meldkamer-readings-')), databaseUrl: database?.url });
    await migrateToLatest(store.db);
    const statuses = ['new', 'new', 'triaged', 'closed', 'closed', 'closed', 'scheduled', 'reopen_requested'] as const;
    await sql`insert into categories (code, name_nl, name_en, department, sla_working_days) values ('afval', 'Afval', 'Waste', 'Stadsbeheer', 5)
      on conflict (code) do nothing`.execute(store.db);
    let n = 0;
    for (const status of statuses) {
      n += 1;
      await sql`insert into reports (id, number, category, description, lat, lng, priority, status, source, created_at, updated_at, version)
        values (${`r${n}`}, ${n}, 'afval', 'test', 52.07, 4.31, 'normal', ${status}, 'phone', '2026-11-30T08:00:00.000Z', '2026-11-30T08:00:00.000Z', 1)`.execute(store.db);
    }
  }, 120_000);
  afterAll(async () => {
    await store.close();
    await database?.drop();
  });

  it('counts every status but closed', async () => {
    const counts = Object.fromEntries((await openReportsByStatus(store.db)).map((r) => [r.status, r.n]));
    expect(counts).toEqual({ new: 2, triaged: 1, scheduled: 1, reopen_requested: 1 });
  });

  it.skipIf(kind !== 'sqlite')('seeks the open statuses in an index instead of scanning every report', async () => {
    const compiled = openReportsByStatusQuery(store.db).compile();
    const plan = await store.db.executeQuery<{ detail: string }>({ ...compiled, sql: `explain query plan ${compiled.sql}` });
    const details = plan.rows.map((r) => r.detail).join(' | ');
    expect(details).toMatch(/SEARCH reports USING (COVERING )?INDEX/);
    expect(details).not.toMatch(/SCAN reports/);
  });
});
