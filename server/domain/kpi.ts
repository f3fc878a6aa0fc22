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

/** One row of KPIs from the facts of one group (or of all). */
export function kpiRow(facts: KpiFacts): KpiRow {
  const byKind = new Map<IntervalKpi, number[]>(INTERVAL_KPIS.map((k) => [k, []]));
  for (const i of facts.intervals) byKind.get(i.kind)?.push(i.ms);
  const withTermClosings = facts.closings.filter((c) => c.withinTerm !== null);
  const withinTerm = withTermClosings.filter((c) => c.withinTerm === true).length;
  const withMessage = facts.closings.filter((c) => c.edited !== null);
  const edited = withMessage.filter((c) => c.edited === true).length;
  const followUpsDone = facts.followUps.filter((f) => f.done).length;
  const asked = facts.closings.filter((c) => c.hasReporter).length;
  const answered = facts.answers.length;
  const satisfied = facts.answers.filter((a) => a.satisfied).length;
  const closed = facts.closings.length;
  return {
    received: facts.received.length,
    queue: intervalFigure(byKind.get('queue') ?? []),
    dispatch: intervalFigure(byKind.get('dispatch') ?? []),
    travel: intervalFigure(byKind.get('travel') ?? []),
    onScene: intervalFigure(byKind.get('onScene') ?? []),
    close: intervalFigure(byKind.get('close') ?? []),
    closed,
    withTerm: withTermClosings.length,
    withinTerm,
    withinTermShare: share(withinTerm, withTermClosings.length),
    followUpsDue: facts.followUps.length,
    followUpsDone,
    followUpsDoneShare: share(followUpsDone, facts.followUps.length),
    asked,
    answered,
    satisfied,
    satisfiedShare: share(satisfied, answered),
    // More answers than closings (answers to reports closed before the period): capped at 1.
    responseRate: asked > 0 ? Math.min(1, answered / asked) : null,
    reopenRequests: facts.reopenRequests.length,
    reopenRate: share(facts.reopenRequests.length, closed),
    closedWithMessage: withMessage.length,
    edited,
    editedShare: share(edited, withMessage.length),
    deliveriesFailed: facts.failedDeliveries.length,
  };
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
