import { type Kysely, PostgresAdapter, type RawBuilder, sql } from 'kysely';
import type { FactSubject, IntervalKpi, KpiFacts } from '../domain/kpi';
import { type Period, localDay, periodDays } from '../domain/kpi-periods';
import type { DB } from './schema';
import './kpi-steps';

/**
 * The facts of the shift lead's KPIs for one period (domain/kpi.ts has the definitions), read from the event log's
 * KPI steps (migration 0038, domain/kpi-steps.ts), the reports and the satisfaction answers. Every fact carries
 * what it is grouped by (category, place, team = unit kind), never an officer.
 */

export interface StatsFactsOptions {
  /** The hub clock: follow-up dates after today are not yet due. */
  now: Date;
  timeZone: string;
  /** Read the team (unit kind) of report-level facts: one more lookup per fact; only when grouping by team. */
  withTeam: boolean;
}

/** A unit's visit longer than this is not paired with its arrival (and not counted as on scene). */
const ON_SCENE_LOOKBACK_MS = 24 * 3_600_000;

type SubjectRow = { category: string; lat: number | string; lng: number | string; team?: string | null };

function subjectOf(row: SubjectRow, team?: string | null): FactSubject {
  return { category: row.category, lat: Number(row.lat), lng: Number(row.lng), team: team ?? row.team ?? null };
}

function between(from: string | null | undefined, to: string | null | undefined): number | null {
  if (!from || !to) return null;
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}

/** The team of a report: the unit kind of its last accepted offer. */
function teamOf(withTeam: boolean): RawBuilder<string | null> {
  return withTeam
    ? sql<string | null>`(select a.unit_kind from kpi_steps a where a.report_id = r.id and a.kind = 'accepted' order by a.at desc limit 1)`
    : sql<string | null>`null`;
}

/** What a fact is grouped by, read once per report, with the report's creation time (for the queue time). */
type ReportSubject = FactSubject & { createdAt: string };

const isPostgres = (db: Kysely<DB>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * `table alias`, on SQLite with the index it must read (migrations 0038, 0051): without statistics for a new index
 * its planner took the period index for the per-arrival lookups (every departure before each arrival, read again per
 * arrival) and the reports' primary key for the subjects. PostgreSQL chooses by its statistics.
 */
function readBy(db: Kysely<DB>, table: 'kpi_steps' | 'reports', alias: string, index: string): RawBuilder<unknown> {
  return sql.raw(isPostgres(db) ? `${table} ${alias}` : `${table} ${alias} indexed by ${index}`);
}

/**
 * The subject (category, place, team) and creation time of each report the period's facts name, read once per
 * report: the facts of one report (offer, acceptance, arrival, closing, answer) would otherwise each look the
 * report up again, and those lookups in the reports table were most of the time on a city's month.
 */
async function subjectsOf(db: Kysely<DB>, ids: ReadonlySet<string>, withTeam: boolean): Promise<Map<string, ReportSubject>> {
  const out = new Map<string, ReportSubject>();
  if (ids.size === 0) return out;
  const list = [...ids];
  const postgres = isPostgres(db);
  const wanted = postgres ? sql`r.id = any(${list}::text[])` : sql`r.id in (select value from json_each(${JSON.stringify(list)}))`;
  const result = await sql<SubjectRow & { id: string; created_at: string }>`select r.id, r.created_at, r.category, r.lat, r.lng, ${teamOf(withTeam)} as team
    from ${readBy(db, 'reports', 'r', 'reports_kpi_subject')} where ${wanted}`.execute(db);
  for (const row of result.rows) out.set(row.id, { ...subjectOf(row), createdAt: row.created_at });
  return out;
}

type Keyed = { report_id: string | null };

/** Report-level steps of one kind in the period (their subjects are read after, by subjectsOf). */
async function stepsInPeriod<T extends object>(db: Kysely<DB>, kind: string, period: Period, columns: RawBuilder<unknown>): Promise<(T & Keyed)[]> {
  const result = await sql<T & Keyed>`select ${columns}, s.report_id from ${readBy(db, 'kpi_steps', 's', 'kpi_steps_period')}
    where s.kind = ${kind} and s.at >= ${period.from} and s.at < ${period.to} and s.report_id is not null`.execute(db);
  return result.rows;
}

/** Every fact of the period (see domain/kpi.ts for what each counts). */
export async function statsFacts(db: Kysely<DB>, period: Period, options: StatsFactsOptions): Promise<KpiFacts> {
  const { from, to } = period;
  const { withTeam } = options;
  const team = teamOf(withTeam);
  const days = periodDays(period, options.timeZone);
  const today = localDay(options.now.toISOString(), options.timeZone);
  const lookback = new Date(Date.parse(from) - ON_SCENE_LOOKBACK_MS).toISOString();

  const [received, firstOffers, accepted, arrivals, visits, closings, followUps, reopens, failed, answers] = await Promise.all([
    sql<SubjectRow>`select r.category, r.lat, r.lng, ${team} as team from reports r
      where r.created_at >= ${from} and r.created_at < ${to}`.execute(db),
    // The report's first offer, when it falls in the period.
    sql<Keyed & { first_at: string }>`select f.report_id, f.first_at
      from (select s.report_id, min(s.at) as first_at from ${readBy(db, 'kpi_steps', 's', 'kpi_steps_report')}
            where s.kind = 'offered' and s.report_id in (select o.report_id from ${readBy(db, 'kpi_steps', 'o', 'kpi_steps_period')} where o.kind = 'offered' and o.at >= ${from} and o.at < ${to})
            group by s.report_id) f
      where f.first_at >= ${from} and f.first_at < ${to}`.execute(db),
    stepsInPeriod<{ ms: number | null; unit_kind: string | null }>(db, 'accepted', period, sql`s.ms, s.unit_kind`),
    // Arrivals in the period, with the same unit's last departure to the same report before them.
    sql<Keyed & { at: string; left_at: string | null; unit_kind: string | null }>`select s.at, s.unit_kind, s.report_id,
        (select max(o.at) from ${readBy(db, 'kpi_steps', 'o', 'kpi_steps_report')} where o.unit_id = s.unit_id and o.kind = 'onderweg' and o.report_id = s.report_id and o.at <= s.at) as left_at
      from ${readBy(db, 'kpi_steps', 's', 'kpi_steps_period')}
      where s.kind = 'ter_plaatse' and s.at >= ${from} and s.at < ${to} and s.report_id is not null`.execute(db),
    // Arrivals up to a day before the period, with the unit's first free moment after them (kept when in the period).
    sql<Keyed & { at: string; free_at: string | null; unit_kind: string | null }>`select s.at, s.unit_kind, s.report_id,
        (select min(f.at) from ${readBy(db, 'kpi_steps', 'f', 'kpi_steps_unit')} where f.unit_id = s.unit_id and f.kind = 'unit_free' and f.at >= s.at) as free_at
      from ${readBy(db, 'kpi_steps', 's', 'kpi_steps_period')}
      where s.kind = 'ter_plaatse' and s.at >= ${lookback} and s.at < ${to} and s.report_id is not null`.execute(db),
    stepsInPeriod<{ ms: number | null; within_term: number | null; edited: number | null; has_reporter: number | null }>(
      db,
      'closed',
      period,
      sql`s.ms, s.within_term, s.edited, s.has_reporter`,
    ),
    // Follow-up dates on the period's days, with the report's first closing after it was scheduled.
    sql<Keyed & { day: string; closed_at: string | null }>`select s.report_id, s.day,
        (select min(c.at) from ${readBy(db, 'kpi_steps', 'c', 'kpi_steps_report')} where c.report_id = s.report_id and c.kind = 'closed' and c.at >= s.at) as closed_at
      from kpi_steps s
      where s.kind = 'scheduled' and s.day >= ${days.first} and s.day <= ${days.last} and s.report_id is not null`.execute(db),
    stepsInPeriod<{ at: string }>(db, 'reopen_requested', period, sql`s.at`),
    stepsInPeriod<{ at: string }>(db, 'delivery_failed', period, sql`s.at`),
    sql<Keyed & { satisfied: number | string }>`select c.satisfied, c.report_id from citizen_responses c
      where c.created_at >= ${from} and c.created_at < ${to}`.execute(db),
  ]);

  const ids = new Set<string>();
  const lists: Keyed[][] = [firstOffers.rows, accepted, arrivals.rows, visits.rows, closings, followUps.rows, reopens, failed, answers.rows];
  for (const list of lists) for (const row of list) if (row.report_id) ids.add(row.report_id);
  const subjects = await subjectsOf(db, ids, withTeam);
  // A fact's report's subject; a fact whose report is gone is left out (as a join with reports would).
  const subjectFor = (row: Keyed) => (row.report_id ? subjects.get(row.report_id) : undefined);
  // One object per fact, with the report's team when grouping by team, or the step's own unit kind.
  const fact = (s: ReportSubject, team: string | null): FactSubject => ({ category: s.category, lat: s.lat, lng: s.lng, team });
  const reportTeam = (s: ReportSubject) => (withTeam ? s.team : null);

  const intervals: KpiFacts['intervals'] = [];
  const interval = (s: ReportSubject, team: string | null, kind: IntervalKpi, ms: number) =>
    intervals.push({ category: s.category, lat: s.lat, lng: s.lng, team, kind, ms });
  for (const row of firstOffers.rows) {
    const s = subjectFor(row);
    const ms = s ? between(s.createdAt, row.first_at) : null;
    if (s && ms !== null) interval(s, reportTeam(s), 'queue', ms);
  }
  for (const row of accepted) {
    const s = subjectFor(row);
    if (s && row.ms !== null) interval(s, row.unit_kind, 'dispatch', Number(row.ms));
  }
  for (const row of arrivals.rows) {
    const s = subjectFor(row);
    const ms = s ? between(row.left_at, row.at) : null;
    if (s && ms !== null) interval(s, row.unit_kind, 'travel', ms);
  }
  for (const row of visits.rows) {
    const s = subjectFor(row);
    if (!s || !row.free_at || row.free_at < from || row.free_at >= to) continue;
    const ms = between(row.at, row.free_at);
    if (ms !== null && ms <= ON_SCENE_LOOKBACK_MS) interval(s, row.unit_kind, 'onScene', ms);
  }
  const flag = (v: number | null) => (v === null ? null : Number(v) === 1);
  const closingFacts: KpiFacts['closings'] = [];
  for (const row of closings) {
    const s = subjectFor(row);
    if (!s) continue;
    if (row.ms !== null) interval(s, reportTeam(s), 'close', Number(row.ms));
    closingFacts.push({ ...fact(s, reportTeam(s)), withinTerm: flag(row.within_term), edited: flag(row.edited), hasReporter: Number(row.has_reporter) === 1 });
  }

  // A report scheduled twice for the same date counts once; it is done when closed on or before that date.
  const dueOnce = new Map<string, (typeof followUps.rows)[number]>();
  for (const row of followUps.rows) {
    const key = `${row.report_id} ${row.day}`;
    const seen = dueOnce.get(key);
    if (!seen || (row.closed_at ?? '') > (seen.closed_at ?? '')) dueOnce.set(key, row);
  }
  const followUpFacts: KpiFacts['followUps'] = [];
  for (const row of dueOnce.values()) {
    const s = subjectFor(row);
    if (!s) continue;
    const done = row.closed_at !== null && localDay(row.closed_at, options.timeZone) <= row.day;
    if (done || row.day < today) followUpFacts.push({ ...fact(s, reportTeam(s)), done });
  }

  const subjectFacts = (rows: readonly Keyed[]) => rows.flatMap((row) => {
    const s = subjectFor(row);
    return s ? [fact(s, reportTeam(s))] : [];
  });
  const answerFacts: KpiFacts['answers'] = [];
  for (const row of answers.rows) {
    const s = subjectFor(row);
    if (s) answerFacts.push({ ...fact(s, reportTeam(s)), satisfied: Number(row.satisfied) === 1 });
  }
  return {
    received: received.rows.map((r) => subjectOf(r)),
    intervals,
    closings: closingFacts,
    followUps: followUpFacts,
    reopenRequests: subjectFacts(reopens),
    failedDeliveries: subjectFacts(failed),
    answers: answerFacts,
  };
}
