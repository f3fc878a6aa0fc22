import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../server/store/migrate';
import { replaySnapshotAt } from '../../server/store/replay';
import { storeKinds } from '../support/databases';
import { migrateAllBut, storeForEachTest } from '../support/filled-database';

/**
 * Migration 0042 (replay lookups: the log by time, unit events by the unit id in their payload) on a database that
 * already holds a long event log: 200,000 events filled set-based, a third of them unit events of 500 units. It
 * applies, and the snapshot read through its indexes gives each unit the status of its last event at or before
 * the instant.
 */
const EVENTS = 200_000;
const UNITS = 500;
const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const STATUSES = ['beschikbaar', 'onderweg', 'ter_plaatse'] as const;

describe.each(storeKinds)('migration 0042 on a filled event log over %s', (kind) => {
  const fresh = storeForEachTest(kind, '0042', 60_000);

  it('applies, and the replay snapshot reads each unit as its last event left it', { timeout: 300_000 }, async () => {
    const { store } = fresh;
    const old = await migrateAllBut(store.db, '0042_replay_lookups');
    const pg = kind === 'postgres';
    const series = (n: number) =>
      pg
        ? sql`generate_series(1, ${sql.lit(n)}) as n(i)`
        : sql`(with recursive s(i) as (select 1 union all select i + 1 from s where i < ${sql.lit(n)}) select i from s) as n`;
    const str = (e: ReturnType<typeof sql>) => (pg ? sql`(${e})::text` : sql`cast(${e} as text)`);
    const at = (secondsExpr: ReturnType<typeof sql>) =>
      pg ? sql`to_char(timestamp '2026-01-01 00:00:00' + (${secondsExpr}) * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS".000Z"')` : sql`strftime('%Y-%m-%dT%H:%M:%S.000Z', '2026-01-01', '+' || (${secondsExpr}) || ' seconds')`;
    const created = new Date(T0 - 86_400_000).toISOString();
    await sql`insert into units (id, callsign, kind, status, officer_count, lat, lng, position_at, updated_at, status_since, current_report_id, accuracy, heading)
      select 'unit-' || ${str(sql`i - 1`)}, 'U' || ${str(sql`i - 1`)}, 'boa_domein_1', 'pauze', 2, 52.07, 4.3, null, ${created}, ${created}, null, null, null
      from ${series(UNITS)}`.execute(old);
    // Event i at T0 + i s: every third one a unit event of unit (i % 500) with status (i % 3 of the three), the rest report events.
    const unitPayload = sql`'{"unit":{"id":"unit-' || ${str(sql`i % ${sql.lit(UNITS)}`)} || '","callsign":"U","kind":"boa_domein_1","officerCount":2,"status":"' ||
      (case when (i / 3) % 3 = 0 then 'beschikbaar' when (i / 3) % 3 = 1 then 'onderweg' else 'ter_plaatse' end) ||
      '","statusSince":"2026-01-01T00:00:00.000Z","currentReportId":null,"position":null,"version":' || ${str(sql`i`)} || '}}'`;
    await sql`insert into events (seq, type, report_id, actor_id, at, payload)
      select i, case when i % 3 = 0 then 'unit.updated' else 'report.updated' end, null, null, ${at(sql`i`)},
        case when i % 3 = 0 then ${unitPayload} else '{}' end
      from ${series(EVENTS)}`.execute(old);

    const t0 = performance.now();
    expect(await migrateToLatest(store.db)).toEqual(['0042_replay_lookups']);
    const seconds = (performance.now() - t0) / 1000;
    process.stdout.write(`${kind}: 0042 on ${EVENTS.toLocaleString('en')} events: ${seconds.toFixed(1)} s\n`);

    // The instant of event 150,000: each unit as its last unit event at or before it left it.
    const cut = 150_000;
    const snapshot = await replaySnapshotAt(store.db, new Date(T0 + cut * 1000).toISOString(), 'shift_lead');
    expect(snapshot.seq).toBe(cut);
    const expected = new Map<string, string>();
    for (let i = 3; i <= cut; i += 3) expected.set(`unit-${i % UNITS}`, STATUSES[Math.floor(i / 3) % 3] as string);
    // Every unit here had events after the cut too, so every status comes from the log, none from the row ('pauze').
    expect(snapshot.units).toHaveLength(UNITS);
    for (const u of snapshot.units) expect([u.id, u.status]).toEqual([u.id, expected.get(u.id)]);
  });
});
