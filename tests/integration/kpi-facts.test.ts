import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { computeStats } from '../../server/commands/stats';
import { DEFAULT_KPI_TARGETS, type IntervalFigure, median, percentile } from '../../server/domain/kpi';
import { deriveKpiFacts } from '../../server/store/kpi-facts';
import type { KpiStepTable } from '../../server/store/kpi-steps';
import { migrateToLatest } from '../../server/store/migrate';
import { openStore } from '../../server/store/open';
import { deleteReports } from '../../server/store/retention';
import { prng } from '../bench/support';
import { storeKinds } from '../support/databases';
import { migrateAllBut, type OlderSchema, olderCategory, olderReport, storeForEachTest } from '../support/filled-database';

/**
 * The KPI facts (migration 0052, store/kpi-facts.ts) on a log that already holds steps: 0052 applies to it, the facts of
 * the steps written before are derived in batches, and GET /api/stats's figures, counted in SQL per category, equal the
 * figures the generator of the log knows (the definitions of domain/kpi.ts applied to what it wrote) and those counted
 * fact by fact (per team). Edge cases in the log: a second offer, a unit freed twice at the same instant, a second arrival
 * before the unit is free, a visit over 24 hours, an arrival without a departure, steps of a report that is gone.
 * Steps written after (as a node of an older release writes them, without facts) are counted at the next request.
 */
const MIN = 60_000;
const START = Date.parse('2026-03-01T00:00:00.000Z');
const PERIOD = { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' };
const CATEGORIES = ['kpi_groen', 'kpi_afval', 'kpi_fiets'];
const KINDS = ['boa_domein_1', 'toezicht_afval_fietsen'];


type Expected = Record<'queue' | 'dispatch' | 'travel' | 'onScene' | 'close', number[]> & { closed: number; reopen: number; failed: number };

/** A month of reports and their steps (seeded), and what the KPIs of that month must be. */
function scenario(reports: number) {
  const rnd = prng(52);
  const iso = (t: number) => new Date(t).toISOString();
  const steps: KpiStepTable[] = [];
  const expected: Expected = { queue: [], dispatch: [], travel: [], onScene: [], close: [], closed: 0, reopen: 0, failed: 0 };
  let seq = 1_000;
  const step = (kind: string, at: number, fields: Partial<KpiStepTable>) =>
    steps.push({ seq: seq++, kind, at: iso(at), report_id: null, unit_id: null, ms: null, unit_kind: null, day: null, within_term: null, edited: null, has_reporter: null, ...fields });
  const rows = [];
  for (let n = 1; n <= reports; n++) {
    const id = `r${n}`;
    // Whole seconds: every interval is an exact number of milliseconds on both stores.
    const created = START + n * 60 * MIN + Math.floor(rnd() * 30) * 1000;
    rows.push(olderReport(n, { category: CATEGORIES[n % CATEGORIES.length] ?? 'kpi_groen', created_at: iso(created) }));
    const unit = `u${n % 40}-${n}`;
    const unitKind = KINDS[n % KINDS.length] ?? 'boa_domein_1';
    let t = created + (2 + Math.floor(rnd() * 40)) * MIN;
    step('offered', t, { report_id: id, unit_id: unit, unit_kind: unitKind });
    expected.queue.push(t - created);
    if (n % 7 === 0) step('offered', t + MIN, { report_id: id, unit_id: `${unit}-b`, unit_kind: unitKind }); // a second offer: no second queue time
    const dispatch = Math.floor(30 + rnd() * 300) * 1000;
    t += dispatch;
    step('accepted', t, { report_id: id, unit_id: unit, unit_kind: unitKind, ms: dispatch });
    expected.dispatch.push(dispatch);
    if (n % 11 !== 0) step('onderweg', t, { report_id: id, unit_id: unit, unit_kind: unitKind }); // else: arrival without departure
    const travel = (5 + Math.floor(rnd() * 30)) * MIN;
    t += travel;
    step('ter_plaatse', t, { report_id: id, unit_id: unit, unit_kind: unitKind });
    if (n % 11 !== 0) expected.travel.push(travel);
    if (n % 13 === 0) {
      // Sent towards another report (gone since) and back before it is free: both arrivals end at the one free moment.
      step('onderweg', t + MIN, { report_id: `r${n}-gone`, unit_id: unit, unit_kind: unitKind });
      step('ter_plaatse', t + 5 * MIN, { report_id: id, unit_id: unit, unit_kind: unitKind });
      // Back at the first report: its last departure to that report is still the first one.
      if (n % 11 !== 0) expected.travel.push(travel + 5 * MIN);
    }
    const onScene = n % 17 === 0 ? 25 * 60 * MIN : (5 + Math.floor(rnd() * 60)) * MIN; // over 24 h: not on scene
    t += onScene;
    step('unit_free', t, { unit_id: unit, unit_kind: unitKind });
    if (onScene <= 24 * 60 * MIN) {
      expected.onScene.push(onScene);
      if (n % 13 === 0) expected.onScene.push(onScene - 5 * MIN);
    }
    if (n % 5 === 0) step('unit_free', t, { unit_id: unit, unit_kind: unitKind }); // freed twice at the same instant
    if (n % 4 !== 0) {
      t += Math.floor(rnd() * 3 * 24 * 60) * MIN;
      const hasReporter = n % 3 === 0 ? 1 : 0;
      step('closed', t, { report_id: id, ms: t - created, within_term: n % 6 === 0 ? 0 : 1, edited: hasReporter ? n % 2 : null, has_reporter: hasReporter });
      if (t < Date.parse(PERIOD.to)) {
        expected.close.push(t - created);
        expected.closed++;
      }
      if (n % 9 === 0) {
        step('reopen_requested', t + MIN, { report_id: id });
        if (t + MIN < Date.parse(PERIOD.to)) expected.reopen++;
      }
    }
    if (n % 10 === 0) {
      step('delivery_failed', created + 10 * MIN, { report_id: id });
      expected.failed++;
    }
    // Steps of a report deleted since: no facts.
    if (n % 19 === 0) step('closed', created + MIN, { report_id: `gone-${n}`, ms: MIN, within_term: 1, has_reporter: 0 });
  }
  return { rows, steps, expected };
}

function figureOf(values: number[]): IntervalFigure {
  const sorted = values.slice().sort((a, b) => a - b);
  return { count: sorted.length, medianMs: median(sorted), p90Ms: percentile(sorted, 0.9) };
}

const context = { now: new Date('2026-05-01T00:00:00.000Z'), timeZone: 'Europe/Amsterdam', targets: DEFAULT_KPI_TARGETS };

describe.each(storeKinds)('KPI facts on a filled log (%s)', (kind) => {
  const fresh = storeForEachTest(kind, 'kpi-facts');

  it('0052 applies on a log of steps; their facts, derived in batches, give the figures the log holds', { timeout: 120_000 }, async () => {
    const db = fresh.store.db;
    const older = await migrateAllBut(db, '0052_kpi_facts');
    const { rows, steps, expected } = scenario(600);
    await older.insertInto('categories').values(CATEGORIES.map((c) => olderCategory(c))).execute();
    for (let i = 0; i < rows.length; i += 200) await older.insertInto('reports').values(rows.slice(i, i + 200)).execute();
    for (let i = 0; i < steps.length; i += 200) await older.insertInto('kpi_steps').values(steps.slice(i, i + 200)).execute();
    await migrateToLatest(db);

    expect(await deriveKpiFacts(db, 1_000)).toBeGreaterThan(3);
    const byCategory = await computeStats(db, { ...PERIOD, by: 'category' }, context);
    const k = byCategory.total;
    // The month ends before the last reports' closings; the arrivals of the reports sent on count twice as on scene.
    expect({ queue: k.queue, dispatch: k.dispatch, travel: k.travel, onScene: k.onScene, close: k.close }).toEqual({
      queue: figureOf(expected.queue),
      dispatch: figureOf(expected.dispatch),
      travel: figureOf(expected.travel),
      onScene: figureOf(expected.onScene),
      close: figureOf(expected.close),
    });
    expect([k.received, k.closed, k.reopenRequests, k.deliveriesFailed]).toEqual([rows.length, expected.closed, expected.reopen, expected.failed]);
    expect(byCategory.groups.map((g) => g.key)).toEqual([...CATEGORIES].sort());
    expect(byCategory.groups.reduce((n, g) => n + g.kpis.queue.count, 0)).toBe(k.queue.count);

    // Counted fact by fact (per team) the same total; per team the report-level facts follow the acceptance.
    const byTeam = await computeStats(db, { ...PERIOD, by: 'team' }, context);
    expect(byTeam.total).toEqual(k);
    // Per category counted in SQL = per category counted fact by fact (the neighbourhood path without neighbourhoods).
    const groen = byCategory.groups.find((g) => g.key === 'kpi_groen');
    const groenQueue = rows.flatMap((r, i) => (r.category === 'kpi_groen' ? [expected.queue[i] ?? -1] : []));
    expect(groen?.kpis.queue).toEqual(figureOf(groenQueue));
  });

  it('steps written without facts (a node of an older release) count at the next request; two derivations at once write each fact once', { timeout: 120_000 }, async () => {
    const db = fresh.store.db;
    await migrateToLatest(db);
    const { rows, steps } = scenario(60);
    const rowsOnly = db as unknown as OlderSchema;
    await rowsOnly.insertInto('categories').values(CATEGORIES.map((c) => olderCategory(c))).execute();
    await rowsOnly.insertInto('reports').values(rows).execute();
    const half = steps.findIndex((s) => s.report_id === 'r30');
    await db.insertInto('kpi_steps').values(steps.slice(0, half)).execute();
    const before = await computeStats(db, PERIOD, context);
    await db.insertInto('kpi_steps').values(steps.slice(half)).execute();
    const after = await computeStats(db, PERIOD, context);
    expect(after.total.queue.count).toBe(60);
    expect(before.total.queue.count).toBeLessThan(after.total.queue.count);

    // Derive all of it again from two nodes on the one database at once: no fact twice. (SQLite has one hub, whose
    // one connection runs its derivations one after the other.)
    const factCount = async () => Number((await sql<{ n: number }>`select count(*) as n from kpi_facts`.execute(db)).rows[0]?.n);
    const counted = await factCount();
    await sql`delete from kpi_facts`.execute(db);
    await sql`update kpi_fact_progress set seq = 0`.execute(db);
    const url = fresh.store.pgPool?.options.connectionString;
    const other = url ? openStore({ dataDir: '', databaseUrl: url }) : fresh.store;
    try {
      await Promise.all([deriveKpiFacts(db, 50), deriveKpiFacts(other.db, 50)]);
    } finally {
      if (other !== fresh.store) await other.close();
    }
    expect(await factCount()).toBe(counted);

    // Retention deletes a report's facts with it.
    await db.transaction().execute((trx) => deleteReports(trx, ['r3']));
    expect(Number((await sql<{ n: number }>`select count(*) as n from kpi_facts where report_id = 'r3'`.execute(db)).rows[0]?.n)).toBe(0);
  });

  it('a step committed after its partner was derived pairs as a read of all steps would: arrival at the instant of the free moment, an earlier offer from a node whose clock is behind', async () => {
    const db = fresh.store.db;
    await migrateToLatest(db);
    const rowsOnly = db as unknown as OlderSchema;
    await rowsOnly.insertInto('categories').values(olderCategory('kpi_groen')).execute();
    const created = START + 60 * MIN;
    const iso = (t: number) => new Date(t).toISOString();
    await rowsOnly.insertInto('reports').values([1, 2, 3].map((n) => olderReport(n, { category: 'kpi_groen', created_at: iso(created) }))).execute();
    const step = (seq: number, kind: string, at: number, fields: Partial<KpiStepTable>): KpiStepTable =>
      ({ seq, kind, at: iso(at), report_id: null, unit_id: null, ms: null, unit_kind: 'boa_domein_1', day: null, within_term: null, edited: null, has_reporter: null, ...fields });
    const t0 = created + 10 * MIN;
    const t1 = t0 + 10 * MIN;
    const commits: KpiStepTable[][] = [
      // Unit u1 at r1, freed at t1 ...
      [step(100, 'ter_plaatse', t0, { report_id: 'r1', unit_id: 'u1' }), step(101, 'unit_free', t1, { unit_id: 'u1' })],
      // ... and, by the next command in the same millisecond, at r2: that arrival ends at the free moment of t1 (0 ms).
      [step(102, 'ter_plaatse', t1, { report_id: 'r2', unit_id: 'u1' })],
      [step(103, 'unit_free', t1 + 20 * MIN, { unit_id: 'u1' })],
      // r3 offered by one node, then by another whose clock is a minute behind: one queue time, the earliest offer.
      [step(104, 'offered', t0, { report_id: 'r3', unit_id: 'u2' })],
      [step(105, 'offered', t0 - MIN, { report_id: 'r3', unit_id: 'u3' })],
    ];
    for (const steps of commits) {
      await db.insertInto('kpi_steps').values(steps).execute();
      await deriveKpiFacts(db);
    }
    const incremental = await computeStats(db, PERIOD, context);
    expect(incremental.total.onScene).toEqual({ count: 2, medianMs: 5 * MIN, p90Ms: 10 * MIN });
    expect(incremental.total.queue).toEqual({ count: 1, medianMs: 9 * MIN, p90Ms: 9 * MIN });

    // The same figures as the facts derived from all of the steps at once.
    await sql`delete from kpi_facts`.execute(db);
    await sql`update kpi_fact_progress set seq = 0`.execute(db);
    expect((await computeStats(db, PERIOD, context)).total).toEqual(incremental.total);
  });
});
