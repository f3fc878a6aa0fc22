import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../server/store/migrate';
import * as m0040 from '../../server/store/migrations/0040_shift_reports';
import * as m0041 from '../../server/store/migrations/0041_notable_events_index';
import { notableEventRows } from '../../server/store/shift-reports';
import { storeKinds } from '../support/databases';
import { storeForEachTest } from '../support/filled-database';

/**
 * Migrations 0040 (shift reports: new tables) and 0041 (the notable events' partial index) on an event log that
 * already holds 200,000 events, filled set-based: both apply again after being taken down, and a shift's notable
 * events are read by the new index (SQLite's plan names it), not by a scan of the log.
 */
const EVENTS = 200_000;

describe.each(storeKinds)('migrations 0040 and 0041 on a filled event log over %s', (kind) => {
  const fresh = storeForEachTest(kind, '0040-0041');
  beforeEach(async () => {
    await migrateToLatest(fresh.store.db);
  });

  it('applies on 200,000 events and reads a shift’s notable events by the index', { timeout: 240_000 }, async () => {
    const db = fresh.store.db;
    await m0041.down(db);
    await m0040.down(db);
    // One event a minute for 200,000 minutes (about 139 days); every 500th an emergency, the rest report events.
    await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${EVENTS})
      insert into events (seq, type, report_id, actor_id, at, payload)
      select i + 1000000, case when i % 500 = 0 then 'emergency.updated' else 'report.updated' end, null, null,
        ${sql.raw(kind === 'postgres' ? "to_char(timestamp '2026-01-01' + (i || ' minutes')::interval, 'YYYY-MM-DD\"T\"HH24:MI:SS.000\"Z\"')" : "strftime('%Y-%m-%dT%H:%M:%S.000Z', '2026-01-01', '+' || i || ' minutes')")},
        case when i % 500 = 0 then '{"change":"started","emergency":{"callsign":"HH-1"}}' else '{}' end
      from n`.execute(db);
    const started = Date.now();
    await m0040.up(db);
    await m0041.up(db);
    const took = Date.now() - started;
    expect(took).toBeLessThan(120_000);

    // A day holds 1,440 events, about three of them emergencies.
    const rows = await notableEventRows(db, '2026-02-01T00:00:00.000Z', '2026-02-02T00:00:00.000Z');
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.every((r) => r.type === 'emergency.updated')).toBe(true);
    if (kind === 'sqlite') {
      const plan = await sql<{ detail: string }>`explain query plan select seq, type, at, payload from events
        where type in ('emergency.updated', 'priority_traffic.declared', 'priority_traffic.lifted', 'alert.raised', 'alert.escalated')
          and at >= ${'2026-02-01T00:00:00.000Z'} and at < ${'2026-02-02T00:00:00.000Z'} order by at, seq`.execute(db);
      expect(plan.rows.map((r) => r.detail).join(' ')).toContain('events_notable_at');
    }
    // The shift report tables are there and empty.
    expect(Number((await sql<{ n: number }>`select count(*) as n from shift_reports`.execute(db)).rows[0]?.n)).toBe(0);
  });
});
