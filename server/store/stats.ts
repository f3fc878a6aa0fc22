import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { FactSubject, KpiFacts } from '../domain/kpi';
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

/** Report-level steps of one kind in the period, with the report's subject. */
async function stepsInPeriod<T extends object>(
  db: Kysely<DB>,
  kind: string,
  period: Period,
  columns: RawBuilder<unknown>,
  withTeam: boolean,
): Promise<(T & SubjectRow)[]> {
  const result = await sql<T & SubjectRow>`select ${columns}, r.category, r.lat, r.lng, ${teamOf(withTeam)} as team
    from kpi_steps s join reports r on r.id = s.report_id
    where s.kind = ${kind} and s.at >= ${period.from} and s.at < ${period.to}`.execute(db);
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
    sql<SubjectRow & { created_at: string; first_at: string }>`select r.created_at, f.first_at, r.category, r.lat, r.lng, ${team} as team
      from (select s.report_id, min(s.at) as first_at from kpi_steps s
            where s.kind = 'offered' and s.report_id in (select o.report_id from kpi_steps o where o.kind = 'offered' and o.at >= ${from} and o.at < ${to})
            group by s.report_id) f
      join reports r on r.id = f.report_id
      where f.first_at >= ${from} and f.first_at < ${to}`.execute(db),
    stepsInPeriod<{ ms: number | null; unit_kind: string | null }>(db, 'accepted', period, sql`s.ms, s.unit_kind`, false),
    // Arrivals in the period, with the same unit's last departure to the same report before them.
    sql<SubjectRow & { at: string; left_at: string | null; unit_kind: string | null }>`select s.at, s.unit_kind,
        (select max(o.at) from kpi_steps o where o.unit_id = s.unit_id and o.kind = 'onderweg' and o.report_id = s.report_id and o.at <= s.at) as left_at,
        r.category, r.lat, r.lng
      from kpi_steps s join reports r on r.id = s.report_id
      where s.kind = 'ter_plaatse' and s.at >= ${from} and s.at < ${to}`.execute(db),
    // Arrivals up to a day before the period, with the unit's first free moment after them (kept when in the period).
    sql<SubjectRow & { at: string; free_at: string | null; unit_kind: string | null }>`select s.at, s.unit_kind,
        (select min(f.at) from kpi_steps f where f.unit_id = s.unit_id and f.kind = 'unit_free' and f.at >= s.at) as free_at,
        r.category, r.lat, r.lng
      from kpi_steps s join reports r on r.id = s.report_id
      where s.kind = 'ter_plaatse' and s.at >= ${lookback} and s.at < ${to}`.execute(db),
    stepsInPeriod<{ ms: number | null; within_term: number | null; edited: number | null; has_reporter: number | null }>(
      db,
      'closed',
      period,
      sql`s.ms, s.within_term, s.edited, s.has_reporter`,
      withTeam,
    ),
    // Follow-up dates on the period's days, with the report's first closing after it was scheduled.
    sql<SubjectRow & { report_id: string; day: string; closed_at: string | null }>`select s.report_id, s.day,
        (select min(c.at) from kpi_steps c where c.report_id = s.report_id and c.kind = 'closed' and c.at >= s.at) as closed_at,
        r.category, r.lat, r.lng, ${team} as team
      from kpi_steps s join reports r on r.id = s.report_id
      where s.kind = 'scheduled' and s.day >= ${days.first} and s.day <= ${days.last}`.execute(db),
    stepsInPeriod<{ at: string }>(db, 'reopen_requested', period, sql`s.at`, withTeam),
    stepsInPeriod<{ at: string }>(db, 'delivery_failed', period, sql`s.at`, withTeam),
    sql<SubjectRow & { satisfied: number | string }>`select c.satisfied, r.category, r.lat, r.lng, ${team} as team
      from citizen_responses c join reports r on r.id = c.report_id
      where c.created_at >= ${from} and c.created_at < ${to}`.execute(db),
  ]);

  const intervals: KpiFacts['intervals'] = [];
  for (const row of firstOffers.rows) {
    const ms = between(row.created_at, row.first_at);
    if (ms !== null) intervals.push({ ...subjectOf(row), kind: 'queue', ms });
  }
  for (const row of accepted) if (row.ms !== null) intervals.push({ ...subjectOf(row, row.unit_kind), kind: 'dispatch', ms: Number(row.ms) });
  for (const row of arrivals.rows) {
    const ms = between(row.left_at, row.at);
    if (ms !== null) intervals.push({ ...subjectOf(row, row.unit_kind), kind: 'travel', ms });
  }
  for (const row of visits.rows) {
    if (!row.free_at || row.free_at < from || row.free_at >= to) continue;
    const ms = between(row.at, row.free_at);
    if (ms !== null && ms <= ON_SCENE_LOOKBACK_MS) intervals.push({ ...subjectOf(row, row.unit_kind), kind: 'onScene', ms });
  }
  for (const row of closings) if (row.ms !== null) intervals.push({ ...subjectOf(row), kind: 'close', ms: Number(row.ms) });

  // A report scheduled twice for the same date counts once; it is done when closed on or before that date.
  const dueOnce = new Map<string, (typeof followUps.rows)[number]>();
  for (const row of followUps.rows) {
    const key = `${row.report_id} ${row.day}`;
    const seen = dueOnce.get(key);
    if (!seen || (row.closed_at ?? '') > (seen.closed_at ?? '')) dueOnce.set(key, row);
  }
  const followUpFacts: KpiFacts['followUps'] = [];
  for (const row of dueOnce.values()) {
    const done = row.closed_at !== null && localDay(row.closed_at, options.timeZone) <= row.day;
    if (done || row.day < today) followUpFacts.push({ ...subjectOf(row), done });
  }

  const flag = (v: number | null) => (v === null ? null : Number(v) === 1);
  return {
    received: received.rows.map((r) => subjectOf(r)),
    intervals,
    closings: closings.map((c) => ({ ...subjectOf(c), withinTerm: flag(c.within_term), edited: flag(c.edited), hasReporter: Number(c.has_reporter) === 1 })),
    followUps: followUpFacts,
    reopenRequests: reopens.map((r) => subjectOf(r)),
    failedDeliveries: failed.map((r) => subjectOf(r)),
    answers: answers.rows.map((a) => ({ ...subjectOf(a), satisfied: Number(a.satisfied) === 1 })),
  };
}
