/**
 * The shift lead's KPIs against targets (issue 14 point 2), computed from facts the store read for a period
 * (store/stats.ts, from the event log's KPI steps, domain/kpi-steps.ts). Pure.
 *
 * Definitions, for a period [from, to):
 * - received: reports created in it.
 * - queue time (created → first offer), dispatch time (offer → accepted), travel (onderweg → ter plaatse), on scene
 *   (ter plaatse → free), time to close (created → closed): median and p90 (nearest rank) of the intervals that
 *   END in the period; `count` says how many.
 * - within term: of the closings in the period, the share closed by the report's deadline (closings of reports
 *   without a deadline are left out).
 * - scheduled on date: of the follow-up dates on the period's days (up to today), the share whose report was closed
 *   on or before that date (the local date in the control room's time zone).
 * - satisfaction: the share "ja" of the answers given in the period; response rate: answers / closings in the
 *   period with a reporter to ask.
 * - reopen rate: reopen requests in the period / closings in the period.
 * - edited: of the closings whose message went out, the share the dispatcher edited.
 * - deliveries failed: messages to reporters that failed for good in the period.
 * Grouping is by category, neighbourhood or team (the unit kind that accepted the report): never per officer.
 */

export const KPI_GROUPINGS = ['category', 'neighbourhood', 'team'] as const;
export type KpiGrouping = (typeof KPI_GROUPINGS)[number];

export const INTERVAL_KPIS = ['queue', 'dispatch', 'travel', 'onScene', 'close'] as const;
export type IntervalKpi = (typeof INTERVAL_KPIS)[number];

/** Targets as settings (hub/kpi-config.ts); shares 0..1. */
export interface KpiTargets {
  withinTerm: number;
  satisfied: number;
}
export const DEFAULT_KPI_TARGETS: KpiTargets = { withinTerm: 0.9, satisfied: 0.7 };

/** What a fact is grouped by: the report's category and place, and the team (unit kind) that handled it. */
export interface FactSubject {
  category: string;
  lat: number;
  lng: number;
  /** The unit kind that accepted the report (or the step's unit); null: no unit yet. */
  team: string | null;
}

export interface KpiFacts {
  received: FactSubject[];
  intervals: (FactSubject & { kind: IntervalKpi; ms: number })[];
  closings: (FactSubject & { withinTerm: boolean | null; edited: boolean | null; hasReporter: boolean })[];
  followUps: (FactSubject & { done: boolean })[];
  reopenRequests: FactSubject[];
  failedDeliveries: FactSubject[];
  answers: (FactSubject & { satisfied: boolean })[];
}

export interface IntervalFigure {
  count: number;
  medianMs: number | null;
  p90Ms: number | null;
}

export interface KpiRow {
  received: number;
  queue: IntervalFigure;
  dispatch: IntervalFigure;
  travel: IntervalFigure;
  onScene: IntervalFigure;
  close: IntervalFigure;
  closed: number;
  /** Closings of reports with a deadline, and of those the ones within it. */
  withTerm: number;
  withinTerm: number;
  withinTermShare: number | null;
  followUpsDue: number;
  followUpsDone: number;
  followUpsDoneShare: number | null;
  asked: number;
  answered: number;
  satisfied: number;
  satisfiedShare: number | null;
  responseRate: number | null;
  reopenRequests: number;
  reopenRate: number | null;
  closedWithMessage: number;
  edited: number;
  editedShare: number | null;
  deliveriesFailed: number;
}

/** The value at rank ceil(p·n) of the sorted values (nearest rank), or null without values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] ?? null;
}

/** The median: the mean of the two middle values for an even count. */
export function median(sorted: readonly number[]): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const mid = Math.floor(n / 2);
  const upper = sorted[mid] ?? 0;
  return n % 2 === 1 ? upper : ((sorted[mid - 1] ?? 0) + upper) / 2;
}

function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

function intervalFigure(values: number[]): IntervalFigure {
  const sorted = values.slice().sort((a, b) => a - b);
  return { count: sorted.length, medianMs: median(sorted), p90Ms: percentile(sorted, 0.9) };
}

/**
 * What a KPI row is made of, counted: the figures of the intervals and the counts the shares are taken from. The
 * store counts them in SQL for a period (store/stats.ts) or they are counted here from facts (aggregateFacts); one
 * row of KPIs is made from either (kpiRowOf).
 */
export interface KpiAggregate {
  received: number;
  intervals: Record<IntervalKpi, IntervalFigure>;
  closed: number;
  withTerm: number;
  withinTerm: number;
  closedWithMessage: number;
  edited: number;
  asked: number;
  followUpsDue: number;
  followUpsDone: number;
  answered: number;
  satisfied: number;
  reopenRequests: number;
  deliveriesFailed: number;
}

export const NO_INTERVAL: IntervalFigure = { count: 0, medianMs: null, p90Ms: null };

/** The counts of one group's (or all) facts. */
export function aggregateFacts(facts: KpiFacts): KpiAggregate {
  const byKind = new Map<IntervalKpi, number[]>(INTERVAL_KPIS.map((k) => [k, []]));
  for (const i of facts.intervals) byKind.get(i.kind)?.push(i.ms);
  const intervals = Object.fromEntries(INTERVAL_KPIS.map((k) => [k, intervalFigure(byKind.get(k) ?? [])])) as Record<IntervalKpi, IntervalFigure>;
  const withTermClosings = facts.closings.filter((c) => c.withinTerm !== null);
  const withMessage = facts.closings.filter((c) => c.edited !== null);
  return {
    received: facts.received.length,
    intervals,
    closed: facts.closings.length,
    withTerm: withTermClosings.length,
    withinTerm: withTermClosings.filter((c) => c.withinTerm === true).length,
    closedWithMessage: withMessage.length,
    edited: withMessage.filter((c) => c.edited === true).length,
    asked: facts.closings.filter((c) => c.hasReporter).length,
    followUpsDue: facts.followUps.length,
    followUpsDone: facts.followUps.filter((f) => f.done).length,
    answered: facts.answers.length,
    satisfied: facts.answers.filter((a) => a.satisfied).length,
    reopenRequests: facts.reopenRequests.length,
    deliveriesFailed: facts.failedDeliveries.length,
  };
}

/** One row of KPIs from what one group (or all) counted. */
export function kpiRowOf(a: KpiAggregate): KpiRow {
  return {
    received: a.received,
    queue: a.intervals.queue,
    dispatch: a.intervals.dispatch,
    travel: a.intervals.travel,
    onScene: a.intervals.onScene,
    close: a.intervals.close,
    closed: a.closed,
    withTerm: a.withTerm,
    withinTerm: a.withinTerm,
    withinTermShare: share(a.withinTerm, a.withTerm),
    followUpsDue: a.followUpsDue,
    followUpsDone: a.followUpsDone,
    followUpsDoneShare: share(a.followUpsDone, a.followUpsDue),
    asked: a.asked,
    answered: a.answered,
    satisfied: a.satisfied,
    satisfiedShare: share(a.satisfied, a.answered),
    // More answers than closings (answers to reports closed before the period): capped at 1.
    responseRate: a.asked > 0 ? Math.min(1, a.answered / a.asked) : null,
    reopenRequests: a.reopenRequests,
    reopenRate: share(a.reopenRequests, a.closed),
    closedWithMessage: a.closedWithMessage,
    edited: a.edited,
    editedShare: share(a.edited, a.closedWithMessage),
    deliveriesFailed: a.deliveriesFailed,
  };
}

/** One row of KPIs from the facts of one group (or of all). */
export function kpiRow(facts: KpiFacts): KpiRow {
  return kpiRowOf(aggregateFacts(facts));
}

function emptyFacts(): KpiFacts {
  return { received: [], intervals: [], closings: [], followUps: [], reopenRequests: [], failedDeliveries: [], answers: [] };
}

/** The facts split by group key (`keyOf` names a fact's group); groups in key order. */
export function groupFacts(facts: KpiFacts, keyOf: (subject: FactSubject) => string): Map<string, KpiFacts> {
  const groups = new Map<string, KpiFacts>();
  const into = <K extends keyof KpiFacts>(list: K) => {
    for (const fact of facts[list]) {
      const key = keyOf(fact);
      let group = groups.get(key);
      if (!group) {
        group = emptyFacts();
        groups.set(key, group);
      }
      (group[list] as FactSubject[]).push(fact);
    }
  };
  for (const list of Object.keys(facts) as (keyof KpiFacts)[]) into(list);
  return new Map([...groups.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/** Where a figure stands against its target: null without a figure. */
export function meetsTarget(value: number | null, target: number): boolean | null {
  return value === null ? null : value >= target;
}
