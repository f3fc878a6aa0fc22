import { type Kysely, PostgresAdapter, type RawBuilder, sql } from 'kysely';
import {
  type FactSubject,
  INTERVAL_KPIS,
  type IntervalFigure,
  type IntervalKpi,
  type KpiAggregate,
  type KpiFacts,
  NO_INTERVAL,
} from '../domain/kpi';
import { type Period, localDay, periodDays } from '../domain/kpi-periods';
import { inSnapshot } from './events';
import { type KpiFactKind, deriveKpiFacts } from './kpi-facts';
import type { DB } from './schema';
import './kpi-steps';

/**
 * The facts and counts of the shift lead's KPIs for one period (domain/kpi.ts has the definitions): the intervals,
 * closings, reopen requests and failed messages from the KPI facts (store/kpi-facts.ts, derived from the event log's
 * steps), received from the reports, follow-up dates from the steps and satisfaction from the answers. Every fact
 * carries what it is grouped by (category, place, team = unit kind), never an officer.
 *
 * Two ways: per category or in total, `statsAggregates` counts in SQL (medians and p90 included) and reads a handful of
 * rows, so a city's month is answered from the facts' index; per neighbourhood (a point-in-polygon per fact) or team
 * (the unit kind of the report's last acceptance), `statsFacts` reads every fact of the period.
 */

export interface StatsFactsOptions {
  /** The hub clock: follow-up dates after today are not yet due. */
  now: Date;
  timeZone: string;
  /** Read the team (unit kind) of report-level facts: one more lookup per report; only when grouping by team. */
  withTeam: boolean;
}

type SubjectRow = { category: string; lat: number | string; lng: number | string; team?: string | null };

const INTERVAL_OF: Partial<Record<KpiFactKind, IntervalKpi>> = { queue: 'queue', dispatch: 'dispatch', travel: 'travel', on_scene: 'onScene', closed: 'close' };

function subjectOf(row: SubjectRow): FactSubject {
  return { category: row.category, lat: Number(row.lat), lng: Number(row.lng), team: row.team ?? null };
}

const isPostgres = (db: Kysely<DB>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * The facts of every step committed so far, derived before they are counted. Inside a transaction (a read snapshot, a
 * command's) nothing is derived: its caller derives before it opens it (http/routes-shift-report.ts).
 */
async function factsUpToDate(db: Kysely<DB>): Promise<void> {
  if (!db.isTransaction) await deriveKpiFacts(db);
}

/** The team of a report: the unit kind of its last accepted offer. */
function teamOf(withTeam: boolean): RawBuilder<string | null> {
  return withTeam
    ? sql<string | null>`(select a.unit_kind from kpi_steps a where a.report_id = r.id and a.kind = 'accepted' order by a.at desc limit 1)`
    : sql<string | null>`null`;
}

/**
 * `table alias`, on SQLite with the index it must read (migrations 0051, 0052): without statistics for a new index its
 * planner takes another (the facts by time, then each row from the table). PostgreSQL chooses by its statistics.
 */
function readBy(db: Kysely<DB>, table: 'kpi_facts' | 'reports', alias: string, index: string): RawBuilder<unknown> {
  return sql.raw(isPostgres(db) ? `${table} ${alias}` : `${table} ${alias} indexed by ${index}`);
}

/** The subject (category, place, team) of each report named, read once per report. */
async function subjectsOf(db: Kysely<DB>, ids: ReadonlySet<string>, withTeam: boolean): Promise<Map<string, FactSubject>> {
  const out = new Map<string, FactSubject>();
  if (ids.size === 0) return out;
  const list = [...ids];
  const wanted = isPostgres(db) ? sql`r.id = any(${list}::text[])` : sql`r.id in (select value from json_each(${JSON.stringify(list)}))`;
  const result = await sql<SubjectRow & { id: string }>`select r.id, r.category, r.lat, r.lng, ${teamOf(withTeam)} as team
    from ${readBy(db, 'reports', 'r', 'reports_kpi_subject')} where ${wanted}`.execute(db);
  for (const row of result.rows) out.set(row.id, subjectOf(row));
  return out;
}

type Keyed = { report_id: string | null };
type FollowUpRow = Keyed & { day: string; closed_at: string | null; category?: string };
type AnswerRow = Keyed & { satisfied: number | string };

/** Follow-up dates on the period's days, with the report's first closing after it was scheduled. */
async function followUpRows(db: Kysely<DB>, period: Period, timeZone: string, withCategory = false): Promise<FollowUpRow[]> {
  const days = periodDays(period, timeZone);
  const result = await sql<FollowUpRow>`select s.report_id, s.day,
      (select min(c.at) from kpi_steps c where c.report_id = s.report_id and c.kind = 'closed' and c.at >= s.at) as closed_at
      ${withCategory ? sql`, (select r.category from reports r where r.id = s.report_id) as category` : sql``}
    from kpi_steps s
    where s.kind = 'scheduled' and s.day >= ${days.first} and s.day <= ${days.last} and s.report_id is not null`.execute(db);
  return result.rows;
}

/** The satisfaction answers given in the period. */
async function answerRows(db: Kysely<DB>, period: Period): Promise<AnswerRow[]> {
  const result = await sql<AnswerRow>`select c.satisfied, c.report_id from citizen_responses c
    where c.created_at >= ${period.from} and c.created_at < ${period.to}`.execute(db);
  return result.rows;
}

/**
 * The follow-ups that count (a report scheduled twice for the same date counts once; it is done when closed on or
 * before that date; dates after today are not yet due), each with its done flag.
 */
function dueFollowUps(rows: readonly FollowUpRow[], options: StatsFactsOptions): { reportId: string; category: string | undefined; done: boolean }[] {
  const today = localDay(options.now.toISOString(), options.timeZone);
  const dueOnce = new Map<string, FollowUpRow>();
  for (const row of rows) {
    const key = `${row.report_id} ${row.day}`;
    const seen = dueOnce.get(key);
    if (!seen || (row.closed_at ?? '') > (seen.closed_at ?? '')) dueOnce.set(key, row);
  }
  const out: { reportId: string; category: string | undefined; done: boolean }[] = [];
  for (const row of dueOnce.values()) {
    if (!row.report_id) continue;
    const done = row.closed_at !== null && localDay(row.closed_at, options.timeZone) <= row.day;
    if (done || row.day < today) out.push({ reportId: row.report_id, category: row.category, done });
  }
  return out;
}

type FactRow = {
  kind: KpiFactKind;
  report_id: string;
  category: string;
  lat: number | string;
  lng: number | string;
  team: string | null;
  ms: number | string | null;
  within_term: number | null;
  edited: number | null;
  has_reporter: number | null;
};

/** Every fact of the period, for grouping in JavaScript (per neighbourhood or team; see domain/kpi.ts). */
export async function statsFacts(db: Kysely<DB>, period: Period, options: StatsFactsOptions): Promise<KpiFacts> {
  await factsUpToDate(db);
  const { from, to } = period;
  const { withTeam } = options;
  const [received, facts, followUps, answers] = await Promise.all([
    sql<SubjectRow>`select r.category, r.lat, r.lng, ${teamOf(withTeam)} as team from reports r
      where r.created_at >= ${from} and r.created_at < ${to}`.execute(db),
    sql<FactRow>`select f.kind, f.report_id, f.category, f.lat, f.lng, f.team, f.ms, f.within_term, f.edited, f.has_reporter
      from kpi_facts f where f.at >= ${from} and f.at < ${to}`.execute(db),
    followUpRows(db, period, options.timeZone),
    answerRows(db, period),
  ]);

  // Report-level facts take the report's team (its last acceptance) when grouping by team; follow-ups and answers
  // take the report's subject.
  const ids = new Set<string>();
  for (const row of [...followUps, ...answers]) if (row.report_id) ids.add(row.report_id);
  if (withTeam) for (const row of facts.rows) if (row.team === null) ids.add(row.report_id);
  const subjects = await subjectsOf(db, ids, withTeam);

  const out: KpiFacts = { received: received.rows.map(subjectOf), intervals: [], closings: [], followUps: [], reopenRequests: [], failedDeliveries: [], answers: [] };
  const flag = (v: number | null) => (v === null ? null : Number(v) === 1);
  for (const row of facts.rows) {
    const team = row.team ?? (withTeam ? (subjects.get(row.report_id)?.team ?? null) : null);
    const subject: FactSubject = { category: row.category, lat: Number(row.lat), lng: Number(row.lng), team };
    const interval = INTERVAL_OF[row.kind];
    if (interval && row.ms !== null) out.intervals.push({ ...subject, kind: interval, ms: Number(row.ms) });
    if (row.kind === 'closed') out.closings.push({ ...subject, withinTerm: flag(row.within_term), edited: flag(row.edited), hasReporter: Number(row.has_reporter) === 1 });
    else if (row.kind === 'reopen') out.reopenRequests.push(subject);
    else if (row.kind === 'failed') out.failedDeliveries.push(subject);
  }
  for (const f of dueFollowUps(followUps, options)) {
    const s = subjects.get(f.reportId);
    if (s) out.followUps.push({ ...s, team: withTeam ? s.team : null, done: f.done });
  }
  for (const row of answers) {
    const s = row.report_id ? subjects.get(row.report_id) : undefined;
    if (s) out.answers.push({ ...s, team: withTeam ? s.team : null, satisfied: Number(row.satisfied) === 1 });
  }
  return out;
}

function emptyAggregate(): KpiAggregate {
  return {
    received: 0,
    intervals: Object.fromEntries(INTERVAL_KPIS.map((k) => [k, NO_INTERVAL])) as Record<IntervalKpi, IntervalFigure>,
    closed: 0,
    withTerm: 0,
    withinTerm: 0,
    closedWithMessage: 0,
    edited: 0,
    asked: 0,
    followUpsDue: 0,
    followUpsDone: 0,
    answered: 0,
    satisfied: 0,
    reopenRequests: 0,
    deliveriesFailed: 0,
  };
}

type CountRow = { kind: KpiFactKind; category: string; n: number | string; n_ms: number | string; with_term: number | string; within_term: number | string; with_message: number | string; edited: number | string; asked: number | string };
/** A group's median as one value (PostgreSQL) or as its lower and upper middle values (SQLite), and its p90. */
type Percentiles = { median?: number | string | null; lo?: number | string | null; hi?: number | string | null; p90: number | string | null };

const num = (v: number | string | null | undefined) => (v === null || v === undefined ? null : Number(v));

function figure(count: number, p: Percentiles | undefined): IntervalFigure {
  if (p && 'median' in p) return { count, medianMs: num(p.median), p90Ms: num(p.p90) };
  const lo = num(p?.lo);
  const hi = num(p?.hi);
  // (lo + hi) / 2 as domain/kpi.ts median() computes it: for an odd count both are the middle value.
  return { count, medianMs: lo === null || hi === null ? null : (lo + hi) / 2, p90Ms: num(p?.p90) };
}

/**
 * `percentile_disc(ms, P)` on SQLite takes the value at index trunc(P·(n−1)) of the sorted values: P for the value at
 * index k (0-based) of n, exactly, whatever the rounding of P·(n−1).
 */
function discFraction(k: number, n: number): number {
  return n <= 1 ? 1 : Math.min(1, (k + 0.5) / (n - 1));
}

/**
 * Every category, named so SQLite reads the facts' index (kind, category, at) as one time range per kind and category
 * instead of all of it: reports.category references categories.code, and categories are never deleted.
 */
const EVERY_CATEGORY = sql`f.category in (select c.code from categories c)`;

/** SQLite: median (lower and upper middle) and p90 by nearest rank of each interval kind, per category and in total. */
async function sqlitePercentiles(
  db: Kysely<DB>,
  period: Period,
  counts: readonly CountRow[],
): Promise<{ byGroup: Map<string, Percentiles>; total: Map<string, Percentiles> }> {
  const byGroup = new Map<string, Percentiles>();
  const total = new Map<string, Percentiles>();
  const { from, to } = period;
  // SQLite's percentile_disc takes one fraction per group, and each group's depends on its count: one statement per
  // kind and category (each one range of the index kind, category, at), and per kind for the totals.
  const ask = async (n: number, where: RawBuilder<unknown>): Promise<Percentiles> => {
    const middle = (n - 1) / 2;
    const result = await sql<Percentiles>`select percentile_disc(f.ms, ${discFraction(Math.floor(middle), n)}) as lo,
        percentile_disc(f.ms, ${discFraction(Math.ceil(middle), n)}) as hi, percentile_disc(f.ms, ${discFraction(Math.ceil(0.9 * n) - 1, n)}) as p90
      from ${readBy(db, 'kpi_facts', 'f', 'kpi_facts_group')} where ${where} and f.at >= ${from} and f.at < ${to} and f.ms is not null`.execute(db);
    return result.rows[0] ?? { lo: null, hi: null, p90: null };
  };
  const perKind = new Map<string, number>();
  for (const row of counts) {
    const n = Number(row.n_ms);
    if (!INTERVAL_OF[row.kind] || n === 0) continue;
    perKind.set(row.kind, (perKind.get(row.kind) ?? 0) + n);
    byGroup.set(`${row.kind}\u0000${row.category}`, await ask(n, sql`f.kind = ${row.kind} and f.category = ${row.category}`));
  }
  for (const [kind, n] of perKind) total.set(kind, await ask(n, sql`f.kind = ${kind} and ${EVERY_CATEGORY}`));
  return { byGroup, total };
}

const COUNTED = sql`count(*) as n, count(f.ms) as n_ms,
  sum(case when f.within_term is not null then 1 else 0 end) as with_term, sum(case when f.within_term = 1 then 1 else 0 end) as within_term,
  sum(case when f.edited is not null then 1 else 0 end) as with_message, sum(case when f.edited = 1 then 1 else 0 end) as edited,
  sum(case when f.has_reporter = 1 then 1 else 0 end) as asked`;

type Counted = { counts: CountRow[]; percentiles: { byGroup: Map<string, Percentiles>; total: Map<string, Percentiles> } };

/**
 * The period's facts counted per kind and category, with each interval kind's median and p90 per category and in total.
 * PostgreSQL: one pass over the period's range of `kpi_facts_at` (its key is the time, the rest included), counts and
 * percentiles together with grouping sets; `percentile_disc` is nearest rank by definition and `percentile_cont(0.5)`
 * the median (the mean of the two middle values), both on one sort per group. SQLite: the counts, then the percentiles
 * (sqlitePercentiles), whose fractions come from those counts.
 */
async function factCounts(db: Kysely<DB>, period: Period): Promise<Counted> {
  const { from, to } = period;
  if (isPostgres(db)) {
    const result = await sql<CountRow & Percentiles & { category: string | null }>`select f.kind, f.category, ${COUNTED},
        percentile_cont(0.5) within group (order by f.ms) as median, percentile_disc(0.9) within group (order by f.ms) as p90
      from kpi_facts f where f.at >= ${from} and f.at < ${to}
      group by grouping sets ((f.kind, f.category), (f.kind))`.execute(db);
    const counts: CountRow[] = [];
    const byGroup = new Map<string, Percentiles>();
    const total = new Map<string, Percentiles>();
    for (const row of result.rows) {
      if (row.category === null) total.set(row.kind, row);
      else {
        counts.push({ ...row, category: row.category });
        byGroup.set(`${row.kind}\u0000${row.category}`, row);
      }
    }
    return { counts, percentiles: { byGroup, total } };
  }
  const counts = await sql<CountRow>`select f.kind, f.category, ${COUNTED}
    from ${readBy(db, 'kpi_facts', 'f', 'kpi_facts_group')}
    where f.kind in ('queue', 'dispatch', 'travel', 'on_scene', 'closed', 'reopen', 'failed') and ${EVERY_CATEGORY} and f.at >= ${from} and f.at < ${to}
    group by f.kind, f.category`.execute(db);
  return { counts: counts.rows, percentiles: await sqlitePercentiles(db, period, counts.rows) };
}

/**
 * The period's KPI counts in total and per category, counted by the database: the facts' counts and percentiles, the
 * reports received, the satisfaction answers per category, and the follow-up dates (few; read row by row).
 */
export async function statsAggregates(
  db: Kysely<DB>,
  period: Period,
  options: StatsFactsOptions,
): Promise<{ total: KpiAggregate; byCategory: Map<string, KpiAggregate> }> {
  if (db.isTransaction) return countPeriod(db, period, options);
  await deriveKpiFacts(db);
  // SQLite in one snapshot: the percentiles' fractions come from the counts, so no fact the job derives may come in
  // between. PostgreSQL counts both in one statement and reads the rest side by side on the pool.
  return isPostgres(db) ? countPeriod(db, period, options) : inSnapshot(db, (trx) => countPeriod(trx, period, options));
}

async function countPeriod(db: Kysely<DB>, period: Period, options: StatsFactsOptions): Promise<{ total: KpiAggregate; byCategory: Map<string, KpiAggregate> }> {
  const { from, to } = period;
  const [{ counts, percentiles }, received, followUps, answers] = await Promise.all([
    factCounts(db, period),
    sql<{ category: string; n: number | string }>`select r.category, count(*) as n from reports r
      where r.created_at >= ${from} and r.created_at < ${to} group by r.category`.execute(db),
    followUpRows(db, period, options.timeZone, true),
    sql<{ category: string; n: number | string; satisfied: number | string }>`select r.category, count(*) as n, sum(case when c.satisfied = 1 then 1 else 0 end) as satisfied
      from citizen_responses c join reports r on r.id = c.report_id
      where c.created_at >= ${from} and c.created_at < ${to} group by r.category`.execute(db),
  ]);

  const total = emptyAggregate();
  const byCategory = new Map<string, KpiAggregate>();
  const groupOf = (category: string) => {
    let g = byCategory.get(category);
    if (!g) {
      g = emptyAggregate();
      byCategory.set(category, g);
    }
    return g;
  };
  for (const row of received.rows) {
    groupOf(row.category).received += Number(row.n);
    total.received += Number(row.n);
  }
  for (const row of counts) {
    const n = Number(row.n);
    for (const a of [groupOf(row.category), total]) {
      const interval = INTERVAL_OF[row.kind];
      if (interval && a !== total) a.intervals[interval] = figure(Number(row.n_ms), percentiles.byGroup.get(`${row.kind}\u0000${row.category}`));
      if (row.kind === 'closed') {
        a.closed += n;
        a.withTerm += Number(row.with_term);
        a.withinTerm += Number(row.within_term);
        a.closedWithMessage += Number(row.with_message);
        a.edited += Number(row.edited);
        a.asked += Number(row.asked);
      } else if (row.kind === 'reopen') a.reopenRequests += n;
      else if (row.kind === 'failed') a.deliveriesFailed += n;
    }
  }
  const totalCounts = new Map<string, number>();
  for (const row of counts) totalCounts.set(row.kind, (totalCounts.get(row.kind) ?? 0) + Number(row.n_ms));
  for (const [kind, n] of totalCounts) {
    const interval = INTERVAL_OF[kind as KpiFactKind];
    if (interval) total.intervals[interval] = figure(n, percentiles.total.get(kind));
  }

  // A follow-up or answer whose report is gone is left out (as a join with the reports leaves it out).
  for (const f of dueFollowUps(followUps, options)) {
    if (f.category === undefined || f.category === null) continue;
    for (const a of [groupOf(f.category), total]) {
      a.followUpsDue += 1;
      if (f.done) a.followUpsDone += 1;
    }
  }
  for (const row of answers.rows) {
    for (const a of [groupOf(row.category), total]) {
      a.answered += Number(row.n);
      a.satisfied += Number(row.satisfied);
    }
  }
  return { total, byCategory };
}
