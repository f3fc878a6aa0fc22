/**
 * Issue 14 point 2: GET /api/stats for a month at a city's volume, p99 ≤ 200 ms per store. A real hub (startHub,
 * production defaults, demo users, logging off) on a writable copy of the 1M-report fixture per store, asked over
 * HTTP by the demo shift lead: `GET /api/stats?from=&to=&by=category` for the calendar month before the fixture's
 * build time (Europe/Amsterdam), timed from the request to the last byte, after 2 warm-up requests.
 *
 * The fixture's event log holds only report.created events (no offers, arrivals or closings), so the goal first
 * writes, into its copy, the KPI steps a hub would have written (migration 0038's table) for the reports created in
 * the 3 months before the build time: an offer, acceptance, onderweg, ter plaatse and free for 80 % of them, a
 * closing for 90 % (flags at random: 85 % within term, 60 % with a reporter, 20 % edited), a follow-up date for 3 %,
 * a reopen request for 2 %, a failed message for 1 %, and a satisfaction answer for 30 % of the closings with a
 * reporter (70 % "ja"). Deterministic (a seeded generator). Then the hub's KPI facts are derived from those steps (as its
 * job does within seconds; migration 0052) and, on PostgreSQL, the seeded tables vacuumed and analysed (as autovacuum
 * does after such growth). The seeding is not timed.
 * It does not show: the trend (a second request, 6 periods more), the export formats, grouping by neighbourhood
 * (point-in-polygon per fact), or requests at the same time as other traffic.
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, PostgresAdapter, sql } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../../server/config';
import { periodAt } from '../../../../server/domain/kpi-periods';
import { DEFAULT_SHIFTS } from '../../../../server/domain/shifts';
import type { StatsAnswer } from '../../../../server/protocol/stats';
import type { DB } from '../../../../server/store/schema';
import { deriveKpiFacts } from '../../../../server/store/kpi-facts';
import '../../../../server/store/kpi-steps';
import type { KpiStepTable } from '../../../../server/store/kpi-steps';
import { startHub } from '../../../../server/start-hub';
import { int, ms, prng, summarize } from '../../support';
import type { CheckGoal, GoalLine, StoreKind } from '../goal';
import { fixtureNow } from '../store-timing';

const GOAL = 'KPIs: GET /api/stats for a month by category, p99';
const TARGET = 200;
const WARMUP = 2;
const SEED_MONTHS_MS = 92 * 86_400_000;
const MIN = 60_000;
const KINDS = ['boa_domein_1', 'toezicht_parkeren', 'toezicht_afval_fietsen'];

const line = (store: StoreKind, measured: number, note: string): GoalLine => ({ goal: GOAL, store, measured, target: TARGET, unit: 'ms', better: 'lower', note });


/** Writes the KPI steps and answers described above into `db` (also used by ad-hoc profiling of the stats path). */
export async function seedSteps(db: Kysely<DB>, end: Date): Promise<{ reports: number; steps: number; answers: number }> {
  const from = new Date(end.getTime() - SEED_MONTHS_MS).toISOString();
  const reports = await db.selectFrom('reports').select(['id', 'created_at']).where('created_at', '>=', from).where('created_at', '<', end.toISOString()).execute();
  const rnd = prng(14);
  const iso = (t: number) => new Date(t).toISOString();
  const steps: KpiStepTable[] = [];
  const answers: { id: string; report_id: string; satisfied: number; comment: null; created_at: string; reason: null }[] = [];
  let seq = 1_000_000_000;
  const step = (kind: string, at: number, fields: Partial<KpiStepTable>) =>
    steps.push({ seq: seq++, kind, at: iso(at), report_id: null, unit_id: null, ms: null, unit_kind: null, day: null, within_term: null, edited: null, has_reporter: null, ...fields });
  for (const r of reports) {
    const created = Date.parse(r.created_at);
    const unit = `bench-unit-${Math.floor(rnd() * 300)}`;
    const unitKind = KINDS[Math.floor(rnd() * KINDS.length)] ?? 'boa_domein_1';
    let t = created;
    if (rnd() < 0.8) {
      t += (2 + rnd() * 40) * MIN;
      step('offered', t, { report_id: r.id, unit_id: unit, unit_kind: unitKind });
      const dispatch = (0.5 + rnd() * 5) * MIN;
      t += dispatch;
      step('accepted', t, { report_id: r.id, unit_id: unit, unit_kind: unitKind, ms: dispatch });
      step('onderweg', t, { report_id: r.id, unit_id: unit, unit_kind: unitKind });
      t += (5 + rnd() * 30) * MIN;
      step('ter_plaatse', t, { report_id: r.id, unit_id: unit, unit_kind: unitKind });
      t += (5 + rnd() * 60) * MIN;
      step('unit_free', t, { unit_id: unit, unit_kind: unitKind });
    }
    if (rnd() < 0.03) step('scheduled', t, { report_id: r.id, day: iso(t + (1 + Math.floor(rnd() * 20)) * 86_400_000).slice(0, 10) });
    if (rnd() < 0.9) {
      t += rnd() * 3 * 86_400_000;
      const hasReporter = rnd() < 0.6;
      step('closed', t, { report_id: r.id, ms: t - created, within_term: rnd() < 0.85 ? 1 : 0, edited: hasReporter ? (rnd() < 0.2 ? 1 : 0) : null, has_reporter: hasReporter ? 1 : 0 });
      if (hasReporter && rnd() < 0.3) {
        answers.push({ id: randomUUID(), report_id: r.id, satisfied: rnd() < 0.7 ? 1 : 0, comment: null, created_at: iso(t + rnd() * 86_400_000), reason: null });
      }
      if (rnd() < 0.02) step('reopen_requested', t + 86_400_000, { report_id: r.id });
    }
    if (rnd() < 0.01) step('delivery_failed', created + 10 * MIN, { report_id: r.id });
  }
  for (let i = 0; i < steps.length; i += 500) await db.insertInto('kpi_steps').values(steps.slice(i, i + 500)).execute();
  for (let i = 0; i < answers.length; i += 500) await db.insertInto('citizen_responses').values(answers.slice(i, i + 500)).execute();
  // The facts the hub derives from the steps (store/kpi-facts.ts; its job would do it within seconds), and on PostgreSQL
  // the statistics and visibility map autovacuum would give the tables this bulk load grew (index-only scans read the
  // heap for every row a vacuum has not seen yet).
  await deriveKpiFacts(db);
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`vacuum (analyze) kpi_steps, kpi_facts, citizen_responses`.execute(db);
  return { reports: reports.length, steps: steps.length, answers: answers.length };
}

async function measure(kind: StoreKind, dataDir: string, databaseUrl: string | undefined, end: Date, quick: boolean, say: (l: string) => void): Promise<GoalLine> {
  const config = loadConfig({}, { host: '127.0.0.1', port: 0, dataDir, databaseUrl, demo: true, logLevel: 'silent' });
  const hub = await startHub(config);
  try {
    const t0 = performance.now();
    const seeded = await seedSteps(hub.store.db, end);
    say(`${kind}: seeded ${int(seeded.steps)} KPI steps and ${int(seeded.answers)} answers for ${int(seeded.reports)} reports in ${ms(performance.now() - t0)} ms`);
    const login = await fetch(`${hub.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'chef', password: 'chef' }),
    });
    if (login.status !== 200) return line(kind, Number.NaN, `login as the demo shift lead: HTTP ${login.status}`);
    const { token } = (await login.json()) as { token: string };
    // The whole calendar month before the fixture was built.
    const month = periodAt('month', new Date(Date.parse(periodAt('month', end, DEFAULT_SHIFTS).from) - 1), DEFAULT_SHIFTS);
    const url = `${hub.url}/api/stats?from=${encodeURIComponent(month.from)}&to=${encodeURIComponent(month.to)}&by=category`;
    const runs = quick ? 5 : 30;
    const times: number[] = [];
    let answer: StatsAnswer | undefined;
    for (let i = 0; i < WARMUP + runs; i++) {
      const started = performance.now();
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      const text = await res.text();
      const elapsed = performance.now() - started;
      if (res.status !== 200) return line(kind, Number.NaN, `HTTP ${res.status}: ${text.slice(0, 200)}`);
      if (i >= WARMUP) times.push(elapsed);
      answer = JSON.parse(text) as StatsAnswer;
    }
    const s = summarize(times);
    const k = answer?.total;
    if (!k || k.received === 0 || k.closed === 0) return line(kind, Number.NaN, 'the month had no reports or closings: the seeding missed it');
    say(`${kind}: p50 ${ms(s.p50)} ms p99 ${ms(s.p99)} ms max ${ms(s.max)} ms over ${runs} requests; ${int(k.received)} received, ${int(k.closed)} closed, ${answer?.groups.length} categories`);
    return line(
      kind,
      s.p99,
      `${month.from.slice(0, 10)}..${month.to.slice(0, 10)}: ${int(k.received)} received, ${int(k.closed)} closed, ${int(k.queue.count)} queue times; p50 ${ms(s.p50)} ms, ${runs} requests, load ${loadavg()[0]?.toFixed(1)}`,
    );
  } finally {
    await hub.close();
  }
}

export default {
  name: 'stats',
  needs: ['fixture'],
  async run({ fixture, quick, say }) {
    const end = fixtureNow(fixture);
    const lines: GoalLine[] = [await measure('sqlite', await fixture.sqliteDataDir(), undefined, end, quick, say)];
    // The goal writes KPI steps, so PostgreSQL gets its own copy of the fixture.
    const pgUrl = await fixture.pgCopy();
    if (!pgUrl) return [...lines, line('postgres', Number.NaN, 'PostgreSQL not reachable')];
    const scratch = mkdtempSync(join(tmpdir(), 'meldkamer-stats-'));
    try {
      lines.push(await measure('postgres', scratch, pgUrl, end, quick, say));
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    return lines;
  },
} satisfies CheckGoal;
