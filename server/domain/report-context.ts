import { textMaker } from './domain-text';
import { distanceMeters, type LatLng, type PolygonCoordinates, pointInPolygon } from './geo';

/**
 * The context of a report (pure): what else happened close by, what the desk knows about the place
 * (address notes with an expiry), and a field unit's worklist. Rules:
 * - Nearby: every report (open or closed) within NEARBY_RADIUS_M of the report, created in the last
 *   NEARBY_DAYS days, the report itself left out, nearest first, at most NEARBY_LIMIT.
 * - An address note covers a circle (its point and radius, 10–250 m); it is shown on every report inside the
 *   circle while `expiresAt` is in the future. The expiry is required: after now, at most NOTE_MAX_DAYS ahead.
 *   Expired notes are never returned and the retention job deletes them.
 * - Worklist: open (new/triaged) low-priority reports without an open offer or a unit, inside an area the
 *   unit is tasked to today and of a category its kind handles; ordered as a walk: nearest neighbour from the
 *   unit's position (greedy, not an optimal route), or from the first report when the position is unknown.
 */

export const NEARBY_RADIUS_M = 50;
export const NEARBY_DAYS = 28;
export const NEARBY_LIMIT = 20;
export const NOTE_MAX_DAYS = 366;
export const NOTE_RADIUS_MIN_M = 10;
export const NOTE_RADIUS_MAX_M = 250;
export const NOTE_RADIUS_DEFAULT_M = 25;
export const WORKLIST_LIMIT = 30;
/** The statuses a worklist report may have: nobody has it yet. */
export const WORKLIST_STATUSES = ['new', 'triaged'] as const;

const DAY_MS = 86_400_000;

export const CONTEXT_TEXTS = {
  'context.note.expiry_past': 'De vervaldatum moet in de toekomst liggen',
  'context.note.expiry_too_far': 'Een notitie geldt hoogstens {days} dagen',
  'context.note.not_found': 'Notitie niet gevonden of al verlopen',
  'context.worklist.taken': 'Melding {number} is al door een andere eenheid of de meldkamer opgepakt',
  'context.worklist.not_listed': 'Melding {number} staat niet (meer) op uw looplijst',
  'context.worklist.unit_busy': 'Uw eenheid is niet beschikbaar; rond eerst de huidige melding af',
} as const;

export const contextText = textMaker(CONTEXT_TEXTS);

/** The expiry's refusal code, or null when it is acceptable (after now, at most NOTE_MAX_DAYS ahead). */
export function noteExpiryProblem(expiresAt: string, now: Date): 'context.note.expiry_past' | 'context.note.expiry_too_far' | null {
  const at = Date.parse(expiresAt);
  if (!Number.isFinite(at) || at <= now.getTime()) return 'context.note.expiry_past';
  if (at > now.getTime() + NOTE_MAX_DAYS * DAY_MS) return 'context.note.expiry_too_far';
  return null;
}

export function nearbySince(now: Date): string {
  return new Date(now.getTime() - NEARBY_DAYS * DAY_MS).toISOString();
}

/** A lat/lng box around a point that holds the circle of `radiusMeters` (a pre-filter for the store). */
export function boxAround(center: LatLng, radiusMeters: number): { minLat: number; maxLat: number; minLng: number; maxLng: number } {
  const dLat = radiusMeters / 111_320;
  const dLng = radiusMeters / (111_320 * Math.max(0.01, Math.cos((center.lat * Math.PI) / 180)));
  return { minLat: center.lat - dLat, maxLat: center.lat + dLat, minLng: center.lng - dLng, maxLng: center.lng + dLng };
}

/** The box that holds every polygon (null for none). */
export function boxOfPolygons(polygons: readonly PolygonCoordinates[]): { minLat: number; maxLat: number; minLng: number; maxLng: number } | null {
  const points = polygons.flatMap((p) => p[0] ?? []);
  if (points.length === 0) return null;
  const lngs = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  return { minLat: Math.min(...lats), maxLat: Math.max(...lats), minLng: Math.min(...lngs), maxLng: Math.max(...lngs) };
}

/** The candidates within `radiusMeters`, with their distance, nearest first. */
export function withinRadius<T extends LatLng>(center: LatLng, candidates: readonly T[], radiusMeters: number): { item: T; distanceMeters: number }[] {
  return candidates
    .map((item) => ({ item, distanceMeters: distanceMeters(center, item) }))
    .filter((c) => c.distanceMeters <= radiusMeters)
    .sort((a, b) => a.distanceMeters - b.distanceMeters);
}

/** Whether a note's circle covers the point. */
export function noteCovers(note: LatLng & { radiusMeters: number }, point: LatLng): boolean {
  return distanceMeters(note, point) <= note.radiusMeters;
}

export interface WorklistCandidate extends LatLng {
  id: string;
  priority: string;
  status: string;
  category: string;
}

/** Whether a report belongs on a unit's worklist (the store has already left out reports with an open offer or a unit). */
export function onWorklist(report: WorklistCandidate, areas: readonly PolygonCoordinates[], handles: (category: string) => boolean): boolean {
  return (
    report.priority === 'low' &&
    (WORKLIST_STATUSES as readonly string[]).includes(report.status) &&
    handles(report.category) &&
    areas.some((polygon) => pointInPolygon(report, polygon))
  );
}

/**
 * A walking order: from `start`, always the nearest report not yet visited (greedy nearest neighbour).
 * Each step's distance is from the previous stop. Ties keep the input order (stable).
 */
export function walkingOrder<T extends LatLng>(start: LatLng | null, reports: readonly T[]): { item: T; legMeters: number }[] {
  const left = [...reports];
  const ordered: { item: T; legMeters: number }[] = [];
  let at: LatLng | null = start;
  while (left.length > 0) {
    let best = 0;
    let bestDistance = at ? distanceMeters(at, left[0]!) : 0;
    if (at) {
      for (let i = 1; i < left.length; i++) {
        const d = distanceMeters(at, left[i]!);
        if (d < bestDistance) {
          best = i;
          bestDistance = d;
        }
      }
    }
    const [item] = left.splice(best, 1);
    ordered.push({ item: item!, legMeters: Math.round(bestDistance) });
    at = item!;
  }
  return ordered;
}
