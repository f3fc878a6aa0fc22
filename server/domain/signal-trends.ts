import type { FocusArea } from '../protocol/dispatch';
import type { SignalsBoard, SignalsBoardRow } from '../protocol/signals-board';
import { type Neighbourhood, indexNeighbourhoods, largestOuterRing, neighbourhoodOf } from './neighbourhood-hotspots';

/**
 * The signals dashboard (issue 14 point 3), pure: reports and signals (survey, social media) per neighbourhood and
 * week, side by side, the rising ones marked, and the focus areas that answer them.
 *
 * - Weeks are 7-day windows ending at `now` (week 0 = the last 7 days, week 1 the 7 before, …), so the latest week
 *   is a whole week and compares fairly with the ones before; a window holds what came in after its start and up to
 *   its end.
 * - Rising (RISE_RULE): a series (reports, or signals: survey and social together) is rising in a neighbourhood when
 *   this week's count is at least RISE_MIN and more than RISE_FACTOR times the mean of the RISE_BASE_WEEKS weeks
 *   before it. A neighbourhood is rising when either series is.
 * - A merged duplicate is not counted (the store leaves it out): it is the same problem as its original.
 * - A focus area answers a neighbourhood when its polygon's centre (the mean of its outer ring's corners) lies in it
 *   and it runs during the latest week or later (it ends after the latest week began).
 * - Points outside every neighbourhood are counted in `outside`, per week, so the boundaries' gaps stay visible.
 */

export const RISE_FACTOR = 1.5;
export const RISE_BASE_WEEKS = 4;
export const RISE_MIN = 5;
export const DEFAULT_WEEKS = 8;
const WEEK_MS = 7 * 86_400_000;

export interface BoardPoint {
  lat: number;
  lng: number;
  at: string;
  kind: 'report' | 'survey' | 'social';
}

/** The starts and ends of `weeks` windows ending at `now`, oldest first. */
export function weekWindows(now: Date, weeks: number): { from: string; until: string }[] {
  const end = now.getTime();
  return Array.from({ length: weeks }, (_, i) => {
    const k = weeks - 1 - i;
    return { from: new Date(end - (k + 1) * WEEK_MS).toISOString(), until: new Date(end - k * WEEK_MS).toISOString() };
  });
}

/** The rule: this week ≥ RISE_MIN and > RISE_FACTOR × the mean of the RISE_BASE_WEEKS weeks before (oldest first series). */
export function isRising(series: readonly number[]): boolean {
  const current = series.at(-1) ?? 0;
  const before = series.slice(-1 - RISE_BASE_WEEKS, -1);
  if (current < RISE_MIN) return false;
  const mean = before.length === 0 ? 0 : before.reduce((a, b) => a + b, 0) / before.length;
  return current > RISE_FACTOR * mean;
}

export function baselineMean(series: readonly number[]): number {
  const before = series.slice(-1 - RISE_BASE_WEEKS, -1);
  return before.length === 0 ? 0 : before.reduce((a, b) => a + b, 0) / before.length;
}

/** The centre of a focus area's outer ring (mean of its corners, the closing corner once). */
export function areaCentre(polygon: FocusArea['polygon']): { lat: number; lng: number } | null {
  const ring = polygon[0] ?? [];
  const corners = ring.length > 1 && ring[0]?.[0] === ring.at(-1)?.[0] && ring[0]?.[1] === ring.at(-1)?.[1] ? ring.slice(0, -1) : ring;
  if (corners.length === 0) return null;
  const lng = corners.reduce((s, c) => s + c[0], 0) / corners.length;
  const lat = corners.reduce((s, c) => s + c[1], 0) / corners.length;
  return { lat, lng };
}

export function signalsBoard(
  points: Iterable<BoardPoint>,
  neighbourhoods: readonly Neighbourhood[],
  areas: readonly FocusArea[],
  now: Date,
  weeks = DEFAULT_WEEKS,
): Extract<SignalsBoard, { configured: true }> {
  const windows = weekWindows(now, weeks);
  const first = Date.parse(windows[0]?.from ?? now.toISOString());
  const end = now.getTime();
  const index = indexNeighbourhoods(neighbourhoods);
  const empty = () => ({ reports: new Array<number>(weeks).fill(0), survey: new Array<number>(weeks).fill(0), social: new Array<number>(weeks).fill(0) });
  const tallies = new Map<string, ReturnType<typeof empty>>();
  const outside = empty();
  for (const p of points) {
    const at = Date.parse(p.at);
    if (!(at > first && at <= end) || !Number.isFinite(p.lat) || !Number.isFinite(p.lng)) continue;
    // Week k counted back from now: (end - (k+1)·7d, end - k·7d].
    const week = weeks - 1 - Math.min(weeks - 1, Math.floor((end - at) / WEEK_MS));
    const hood = neighbourhoodOf(p, index);
    let tally = outside;
    if (hood) {
      tally = tallies.get(hood.id) ?? empty();
      tallies.set(hood.id, tally);
    }
    const series = p.kind === 'report' ? tally.reports : p.kind === 'survey' ? tally.survey : tally.social;
    series[week] = (series[week] ?? 0) + 1;
  }

  const latestWeekFrom = windows.at(-1)?.from ?? now.toISOString();
  const answering = new Map<string, SignalsBoardRow['focusAreas']>();
  for (const area of areas) {
    if (area.endsAt <= latestWeekFrom) continue;
    const centre = areaCentre(area.polygon);
    const hood = centre ? neighbourhoodOf(centre, index) : null;
    if (!hood) continue;
    const list = answering.get(hood.id) ?? [];
    list.push({ id: area.id, name: area.name, startsAt: area.startsAt, endsAt: area.endsAt, publicText: area.publicText });
    answering.set(hood.id, list);
  }

  const rows: SignalsBoardRow[] = neighbourhoods.map((hood) => {
    const t = tallies.get(hood.id) ?? empty();
    const signals = t.survey.map((n, i) => n + (t.social[i] ?? 0));
    const reportsRising = isRising(t.reports);
    const signalsRising = isRising(signals);
    return {
      id: hood.id,
      name: hood.name,
      boundary: largestOuterRing(hood),
      reports: t.reports,
      survey: t.survey,
      social: t.social,
      reportsBaseline: baselineMean(t.reports),
      signalsBaseline: baselineMean(signals),
      reportsRising,
      signalsRising,
      rising: reportsRising || signalsRising,
      focusAreas: answering.get(hood.id) ?? [],
    };
  });
  // Rising first, then by this week's reports and signals together, then by name.
  const latest = (r: SignalsBoardRow) => (r.reports.at(-1) ?? 0) + (r.survey.at(-1) ?? 0) + (r.social.at(-1) ?? 0);
  rows.sort((a, b) => Number(b.rising) - Number(a.rising) || latest(b) - latest(a) || a.name.localeCompare(b.name, 'nl'));
  return {
    configured: true,
    weeks: windows,
    rule: { factor: RISE_FACTOR, baseWeeks: RISE_BASE_WEEKS, minimum: RISE_MIN },
    rows,
    outside: { reports: outside.reports, survey: outside.survey, social: outside.social },
  };
}
