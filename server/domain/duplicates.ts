import type { ReportStatus } from '../protocol/report';
import { distanceMeters, type LatLng } from './geo';

/**
 * "Dit is al gemeld": before a call-taker saves a report, open reports of the same
 * category nearby and recent enough are shown, so the caller can be linked to the
 * existing report instead of creating a second one (FixMyStreet's "follow this report").
 */

export const DEFAULT_DUPLICATE_RADIUS_METERS = 50;
/** Twelve weeks. */
export const DEFAULT_DUPLICATE_PERIOD_DAYS = 84;

const DAY_MS = 86_400_000;
/** Metres per degree of latitude (and of longitude at the equator), on the mean earth radius. */
const METERS_PER_DEGREE = 111_195;

export interface DuplicateCandidate extends LatLng {
  category: string;
  /** When the new report is taken: the period counts back from here. */
  at: Date | string;
}

export interface DuplicateSubject extends LatLng {
  category: string;
  status: ReportStatus;
  /** ISO timestamp. */
  createdAt: string;
}

export interface DuplicateOptions {
  radiusMeters?: number;
  periodDays?: number;
}

export interface NearbyMatch<R> {
  report: R;
  distanceMeters: number;
}

/**
 * Open reports (any status but closed; a reopen request counts as open) of the same
 * category, at most `radiusMeters` away (inclusive) and created at most `periodDays`
 * before the candidate (inclusive), nearest first; equally near: newest first.
 */
export function findNearbyDuplicates<R extends DuplicateSubject>(
  candidate: DuplicateCandidate,
  reports: readonly R[],
  { radiusMeters = DEFAULT_DUPLICATE_RADIUS_METERS, periodDays = DEFAULT_DUPLICATE_PERIOD_DAYS }: DuplicateOptions = {},
): NearbyMatch<R>[] {
  const since = new Date(candidate.at).getTime() - periodDays * DAY_MS;
  const matches: NearbyMatch<R>[] = [];
  for (const report of reports) {
    if (report.category !== candidate.category || report.status === 'closed') continue;
    if (Date.parse(report.createdAt) < since) continue;
    const distance = distanceMeters(candidate, report);
    if (distance <= radiusMeters) matches.push({ report, distanceMeters: distance });
  }
  return matches.sort((a, b) => a.distanceMeters - b.distanceMeters || b.report.createdAt.localeCompare(a.report.createdAt));
}

/**
 * A latitude/longitude box that certainly contains the circle (10% margin), for a cheap
 * indexed prefilter in SQL before the exact distance check above.
 */
export function boundingBox(center: LatLng, radiusMeters: number): { minLat: number; maxLat: number; minLng: number; maxLng: number } {
  const dLat = (radiusMeters * 1.1) / METERS_PER_DEGREE;
  const cos = Math.max(Math.cos((Math.min(Math.abs(center.lat) + dLat, 89.9) * Math.PI) / 180), 1e-6);
  const dLng = Math.min((radiusMeters * 1.1) / (METERS_PER_DEGREE * cos), 180);
  return { minLat: center.lat - dLat, maxLat: center.lat + dLat, minLng: center.lng - dLng, maxLng: center.lng + dLng };
}

/** The earliest createdAt (ISO) still inside the period. */
export function periodStart(at: Date | string, periodDays: number): string {
  return new Date(new Date(at).getTime() - periodDays * DAY_MS).toISOString();
}
