import type { Recommendation, UnitKind, UnitStatus } from '../protocol/dispatch';
import { distanceText } from './distance-text';
import { type DomainText, textMaker } from './domain-text';
import { RECOMMEND_TEXTS } from './recommend-texts';
import { distanceMeters, type PolygonCoordinates, pointInPolygon } from './geo';
import { canHandle } from './unit-skills';
import { isAvailableForOffer } from './unit-status';

/**
 * Which units to offer a report to, best first.
 *
 * Eligible: units that may handle the report's category (unit-skills) and are
 * 'beschikbaar'. Nobody else is returned.
 *
 * Ranking: each unit gets a cost in "effective metres" (the Recommendation's `score`;
 * LOWER IS BETTER, and it can be negative, so it is a ranking key, not a distance):
 *   distance from the last fix to the report
 *   + stale fix (older than 2 min): the unit may have moved; a fixed step plus a
 *     per-minute surcharge, capped at the no-fix penalty
 *   + no fix at all: a large fixed penalty (as if far away) instead of a distance
 *   + per active accepted assignment: a penalty
 *   - tasked today to a focus area containing the report: a large bonus (the police
 *     coordinator put this unit there; the unit knows the area)
 * Ties (equal rounded score) go by callsign (natural order: "BOA 2" before "BOA 10"),
 * then by id, so the order is deterministic.
 */

export interface RecommendationReport {
  lat: number;
  lng: number;
  category: string;
}

export interface RecommendationCandidate {
  id: string;
  callsign: string;
  kind: UnitKind;
  status: UnitStatus;
  /** Last fix; `at` is when the device took it (ISO string as in PositionFix, or a Date). */
  position: { lat: number; lng: number; at: string | Date } | null;
  /** Active accepted assignments. */
  load: number;
  /** Polygons of the focus areas this unit is tasked to today. */
  taskedAreaPolygons: readonly PolygonCoordinates[];
}

export interface RecommendOptions {
  /** A fix older than this is stale. Default 120 s (as the console greys it). */
  staleAfterSeconds?: number;
  /** Added once a fix is stale. Default 300 m. */
  stalePenaltyMeters?: number;
  /** Added per whole minute a fix is older than staleAfterSeconds. Default 100 m. */
  stalePenaltyPerMinuteMeters?: number;
  /** Cost of a unit without any fix (and the cap on the stale penalty). Default 5000 m. */
  noFixPenaltyMeters?: number;
  /** Added per active accepted assignment. Default 500 m. */
  loadPenaltyMeters?: number;
  /** Subtracted when the unit is tasked to an area containing the report. Default 1500 m. */
  taskedBonusMeters?: number;
  /** At most this many recommendations. Default: all eligible units. */
  limit?: number;
}

export const RECOMMEND_DEFAULTS: Readonly<Required<Omit<RecommendOptions, 'limit'>>> = {
  staleAfterSeconds: 120,
  stalePenaltyMeters: 300,
  stalePenaltyPerMinuteMeters: 100,
  noFixPenaltyMeters: 5000,
  loadPenaltyMeters: 500,
  taskedBonusMeters: 1500,
};

const say = textMaker(RECOMMEND_TEXTS);

export function recommendUnits(
  report: RecommendationReport,
  units: readonly RecommendationCandidate[],
  now: Date,
  opts: RecommendOptions = {},
): Recommendation[] {
  const o = { ...RECOMMEND_DEFAULTS, ...definedOnly(opts) };
  const ranked = units
    .filter((u) => isAvailableForOffer(u.status) && canHandle(u.kind, report.category))
    .map((u) => assess(report, u, now, o))
    .sort(compare);
  return opts.limit === undefined ? ranked : ranked.slice(0, Math.max(0, opts.limit));
}

function assess(
  report: RecommendationReport,
  unit: RecommendationCandidate,
  now: Date,
  o: typeof RECOMMEND_DEFAULTS,
): Recommendation {
  const reasons: DomainText[] = [];
  let cost = 0;
  let distance: number | null = null;
  let ageSeconds: number | null = null;

  const fixTime = unit.position ? toMillis(unit.position.at) : Number.NaN;
  if (unit.position && !Number.isNaN(fixTime)) {
    distance = distanceMeters(report, unit.position);
    // A fix from a device clock slightly ahead of ours is simply fresh.
    ageSeconds = Math.max(0, (now.getTime() - fixTime) / 1000);
    cost += distance;
    reasons.push(distanceText(distance));
    if (ageSeconds > o.staleAfterSeconds) {
      const minutesOver = Math.floor((ageSeconds - o.staleAfterSeconds) / 60);
      cost += Math.min(o.noFixPenaltyMeters, o.stalePenaltyMeters + minutesOver * o.stalePenaltyPerMinuteMeters);
      reasons.push(say('recommend.reason.position_age', { age: ageText(ageSeconds) }));
    }
  } else {
    cost += o.noFixPenaltyMeters;
    reasons.push(say(unit.position ? 'recommend.reason.position_unreadable' : 'recommend.reason.no_position'));
  }

  const tasked = unit.taskedAreaPolygons.some((polygon) => pointInPolygon(report, polygon));
  if (tasked) {
    cost -= o.taskedBonusMeters;
    reasons.push(say('recommend.reason.tasked_here'));
  }

  const load = Math.max(0, Math.trunc(unit.load));
  if (load > 0) {
    cost += load * o.loadPenaltyMeters;
    reasons.push(load === 1 ? say('recommend.reason.one_assignment') : say('recommend.reason.assignments', { count: load }));
  }

  return {
    unitId: unit.id,
    callsign: unit.callsign,
    kind: unit.kind,
    status: unit.status,
    distanceMeters: distance === null ? null : Math.round(distance),
    positionAgeSeconds: ageSeconds === null ? null : Math.round(ageSeconds),
    load,
    taskedToArea: tasked,
    score: Math.round(cost),
    reasons: reasons.map((r) => r.message),
    reasonTexts: reasons,
  };
}

function compare(a: Recommendation, b: Recommendation): number {
  return (
    a.score - b.score ||
    a.callsign.localeCompare(b.callsign, 'nl', { numeric: true }) ||
    (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0)
  );
}

function toMillis(at: string | Date): number {
  return (typeof at === 'string' ? new Date(at) : at).getTime();
}

/** "3 min", "2 uur", "4 dagen": how old a stale fix is (only shown past 2 minutes). */
export function ageText(seconds: number): DomainText {
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return say('recommend.age.minutes', { minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return say('recommend.age.hours', { hours });
  const days = Math.floor(hours / 24);
  return days === 1 ? say('recommend.age.one_day') : say('recommend.age.days', { days });
}

/** Options given as undefined keep their defaults. */
function definedOnly(opts: RecommendOptions): Partial<typeof RECOMMEND_DEFAULTS> {
  const out: Partial<Record<keyof typeof RECOMMEND_DEFAULTS, number>> = {};
  for (const key of Object.keys(RECOMMEND_DEFAULTS) as (keyof typeof RECOMMEND_DEFAULTS)[]) {
    const value = opts[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}
