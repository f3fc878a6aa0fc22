import type { Kysely } from 'kysely';
import { type FactSubject, type KpiTargets, groupFacts, kpiRow, kpiRowOf } from '../domain/kpi';
import { type Period, previousPeriods } from '../domain/kpi-periods';
import { type Neighbourhood, indexNeighbourhoods, neighbourhoodOf } from '../domain/neighbourhood-hotspots';
import type { StatsAnswer, StatsGrouping } from '../protocol/stats';
import { listCategories } from '../store/categories';
import type { DB } from '../store/schema';
import { statsAggregates, statsFacts } from '../store/stats';

/**
 * The shift lead's KPIs for a period, optionally per category, neighbourhood or team (unit kind), with the totals of
 * the periods before it for the trend lines (GET /api/stats; the shift report calls it for a shift's figures).
 * Never per officer: the works council has not agreed to monitoring staff.
 */

export interface StatsContext {
  /** The hub clock. */
  now: Date;
  /** The control room's time zone (shift times', domain/shifts.ts). */
  timeZone: string;
  targets: KpiTargets;
  neighbourhoods?: readonly Neighbourhood[] | null;
  /** The language of the groups' names (the console's; neighbourhoods keep their own names). Dutch by default. */
  lang?: 'nl' | 'en';
}

export interface StatsRequest extends Period {
  by?: StatsGrouping | undefined;
  /** Trend periods before this one (totals only); 0 or absent: none. */
  trend?: number | undefined;
}

const UNIT_KIND_NAMES: Record<'nl' | 'en', Record<string, string>> = {
  nl: { boa_domein_1: 'BOA domein I', toezicht_parkeren: 'Toezichthouder parkeren', toezicht_afval_fietsen: 'Toezichthouder afval en fietsen' },
  en: { boa_domein_1: 'BOA domain I', toezicht_parkeren: 'Parking enforcement officer', toezicht_afval_fietsen: 'Waste and bicycle enforcement officer' },
};
const NO_GROUP_NAMES = {
  nl: { team: 'Geen eenheid', neighbourhood: 'Buiten de wijken' },
  en: { team: 'No unit', neighbourhood: 'Outside the neighbourhoods' },
};

export const NO_GROUP = 'none';

type Grouper = { keyOf: (s: FactSubject) => string; labelOf: (key: string) => string };

async function grouperFor(db: Kysely<DB>, by: StatsGrouping, context: StatsContext): Promise<Grouper> {
  const lang = context.lang ?? 'nl';
  if (by === 'category') {
    const names = new Map((await listCategories(db)).map((c) => [c.code, lang === 'en' ? c.nameEn : c.nameNl]));
    return { keyOf: (s) => s.category, labelOf: (key) => names.get(key) ?? key };
  }
  if (by === 'team') {
    return { keyOf: (s) => s.team ?? NO_GROUP, labelOf: (key) => (key === NO_GROUP ? NO_GROUP_NAMES[lang].team : (UNIT_KIND_NAMES[lang][key] ?? key)) };
  }
  const index = indexNeighbourhoods(context.neighbourhoods ?? []);
  const names = new Map((context.neighbourhoods ?? []).map((n) => [n.code ?? n.name, n.name]));
  // Facts of one place repeat (arrival, closing, answer): look each place up once.
  const cache = new Map<string, string>();
  return {
    keyOf: (s) => {
      const place = `${s.lat},${s.lng}`;
      let key = cache.get(place);
      if (key === undefined) {
        const hood = neighbourhoodOf(s, index);
        key = hood ? (hood.code ?? hood.name) : NO_GROUP;
        cache.set(place, key);
      }
      return key;
    },
    labelOf: (key) => (key === NO_GROUP ? NO_GROUP_NAMES[lang].neighbourhood : (names.get(key) ?? key)),
  };
}

/** The KPIs of `request` (see domain/kpi.ts for every definition). */
export async function computeStats(db: Kysely<DB>, request: StatsRequest, context: StatsContext): Promise<StatsAnswer> {
  // The steps' times are ISO text in UTC with milliseconds (both stores compare them as text): a period written with
  // an offset (+01:00) or without milliseconds is read as the same instants only in that one form.
  const period = { from: new Date(request.from).toISOString(), to: new Date(request.to).toISOString() };
  const by = request.by ?? null;
  const options = { now: context.now, timeZone: context.timeZone, withTeam: by === 'team' };
  const trendPeriods = previousPeriods(period, request.trend ?? 0, context.timeZone);
  let total: ReturnType<typeof kpiRow>;
  let groups: StatsAnswer['groups'] = [];
  if (by === null || by === 'category') {
    // Counted by the database (store/stats.ts): a city's month is a handful of rows, not 150,000 facts.
    const [counted, grouper] = await Promise.all([statsAggregates(db, period, options), by ? grouperFor(db, by, context) : Promise.resolve(null)]);
    total = kpiRowOf(counted.total);
    if (grouper) {
      groups = [...counted.byCategory.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, a]) => ({ key, label: grouper.labelOf(key), kpis: kpiRowOf(a) }));
    }
  } else {
    const [facts, grouper] = await Promise.all([statsFacts(db, period, options), grouperFor(db, by, context)]);
    total = kpiRow(facts);
    groups = [...groupFacts(facts, grouper.keyOf).entries()].map(([key, f]) => ({ key, label: grouper.labelOf(key), kpis: kpiRow(f) }));
  }
  const trendCounts = await Promise.all(trendPeriods.map((p) => statsAggregates(db, p, { ...options, withTeam: false })));
  return {
    from: period.from,
    to: period.to,
    by,
    timeZone: context.timeZone,
    targets: context.targets,
    total,
    groups,
    trend: trendPeriods.map((p, i) => {
      const counted = trendCounts[i];
      return { from: p.from, to: p.to, kpis: counted ? kpiRowOf(counted.total) : total };
    }),
  };
}
