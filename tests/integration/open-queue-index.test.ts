import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import * as m0053 from '../../server/store/migrations/0053_open_queue_whole_row';
import { migrateToLatest } from '../../server/store/migrate';
import { openQueuePage } from '../../server/store/report-queue';
import { storeKinds } from '../support/databases';
import { migrateUpTo, olderReport, storeForEachTest } from '../support/filled-database';

/**
 * Migration 0053: the open queue's covering index holds every field of the slim row, so a queue page is read from
 * the index alone (PostgreSQL: an index-only scan; SQLite: a covering index), on a database that already has reports.
 */
describe.each(storeKinds)('0053 open queue index with the whole slim row (%s)', (kind) => {
  const ctx = storeForEachTest(kind, 'open-queue-index');

  async function indexDefinition(): Promise<string> {
    const { rows } =
      kind === 'postgres'
        ? await sql<{ def: string }>`select indexdef as def from pg_indexes where indexname = 'reports_open_queue'`.execute(ctx.store.db)
        : await sql<{ def: string }>`select sql as def from sqlite_master where type = 'index' and name = 'reports_open_queue'`.execute(ctx.store.db);
    expect(rows).toHaveLength(1);
    return rows[0]?.def ?? '';
  }

  /** SQLite's plan for the page (PostgreSQL's planner, on a few hundred rows, rightly picks another index and a sort). */
  async function sqlitePagePlan(): Promise<string> {
    const { rows } = await sql<{ detail: string }>`explain query plan select created_at, id, number, parent_number, part_count, awaiting_reply_since
      from reports indexed by reports_open_queue where status <> 'closed' order by created_at desc, id desc limit 5001`.execute(ctx.store.db);
    return rows.map((r) => r.detail).join('\n');
  }

  it('rebuilds reports_open_queue on a filled database with the sub-report and reply fields; the page reads the index alone', async () => {
    const older = await migrateUpTo(ctx.store.db, '0052_kpi_facts');
    await older.insertInto('categories').values({ code: 'groen', name_nl: 'Groen', name_en: 'Green', department: 'Stadsbeheer', sla_working_days: 5, sort_order: 1 }).execute();
    const rows = Array.from({ length: 300 }, (_, i) => ({
      ...olderReport(i + 1, { created_at: new Date(Date.UTC(2026, 2, 1) + i * 60_000).toISOString(), status: i % 3 === 0 ? 'closed' : 'new' }),
      parent_number: i % 10 === 1 ? 1 : null,
      part_count: i === 0 ? 30 : 0,
      awaiting_reply_since: i % 7 === 2 ? '2026-03-02T09:00:00.000Z' : null,
    }));
    await older.insertInto('reports').values(rows).execute();
    expect(await indexDefinition()).not.toContain('awaiting_reply_since');

    await migrateToLatest(ctx.store.db);
    const definition = await indexDefinition();
    for (const column of ['parent_number', 'part_count', 'awaiting_reply_since', 'sla_at_risk_from', 'outbox_failed']) expect(definition).toContain(column);
    expect(definition).toMatch(/status <> 'closed'/);
    if (kind === 'postgres') {
      expect(definition).toMatch(/INCLUDE \(.*parent_number, part_count, awaiting_reply_since\)/);
      const { rows: count } = await sql<{ def: string }>`select indexdef as def from pg_indexes where indexname = 'reports_open_count'`.execute(ctx.store.db);
      expect(count[0]?.def).toMatch(/\(status\) WHERE \(status <> 'closed'::text\)/);
    }
    else expect(await sqlitePagePlan()).toMatch(/COVERING INDEX reports_open_queue/);

    // Running it again (a node that was stopped after the index was built and before it was booked) leaves one index.
    await m0053.up(ctx.store.db);
    expect(await indexDefinition()).toContain('awaiting_reply_since');
    if (kind === 'postgres') {
      const { rows: leftovers } = await sql<{ name: string }>`select indexname as name from pg_indexes where indexname like 'reports_open_queue%'`.execute(ctx.store.db);
      expect(leftovers.map((r) => r.name).sort()).toEqual(['reports_open_queue']);
      // Stopped after the old index was dropped and before the new one got its name: the next run names it.
      await sql`alter index reports_open_queue rename to reports_open_queue_building`.execute(ctx.store.db);
      await m0053.up(ctx.store.db);
      const { rows: named } = await sql<{ name: string }>`select indexname as name from pg_indexes where indexname like 'reports_open_queue%'`.execute(ctx.store.db);
      expect(named.map((r) => r.name)).toEqual(['reports_open_queue']);
      expect(await indexDefinition()).toContain('awaiting_reply_since');
    }

    const page = await openQueuePage(ctx.store.db, null, 5000);
    expect(page.rows).toHaveLength(200);
    const byNumber = new Map(page.rows.map((r) => [r.number, r]));
    expect(byNumber.get('M-000002')).toMatchObject({ parentNumber: 'M-000001', awaitingReplySince: null });
    expect(byNumber.get('M-000003')).toMatchObject({ parentNumber: null, awaitingReplySince: '2026-03-02T09:00:00.000Z' });
  });
});
