import { describe, expect, it } from 'vitest';
import { boundingBox, DEFAULT_DUPLICATE_PERIOD_DAYS, DEFAULT_DUPLICATE_RADIUS_METERS, findNearbyDuplicates, type DuplicateSubject } from '../../server/domain/duplicates';
import { distanceMeters } from '../../server/domain/geo';
import type { ReportStatus } from '../../server/protocol/report';

const EARTH_RADIUS_M = 6_371_008.8;
const HERE = { lat: 52.0799, lng: 4.3113 };
const NOW = new Date('2026-05-20T10:00:00Z');
const DAY = 86_400_000;

/** A point `meters` due north of HERE (along a meridian the haversine distance is exactly R·Δφ). */
function north(meters: number) {
  return { lat: HERE.lat + (meters / EARTH_RADIUS_M) * (180 / Math.PI), lng: HERE.lng };
}

function report(overrides: Partial<DuplicateSubject & { id: string }> & { meters?: number; daysAgo?: number } = {}) {
  const { meters = 10, daysAgo = 1, ...rest } = overrides;
  return {
    id: 'r',
    category: 'groen',
    status: 'scheduled' as ReportStatus,
    createdAt: new Date(NOW.getTime() - daysAgo * DAY).toISOString(),
    ...north(meters),
    ...rest,
  };
}

const candidate = { category: 'groen', ...HERE, at: NOW };

describe('duplicate search: radius and period', () => {
  it('defaults to 50 m and 12 weeks', () => {
    expect(DEFAULT_DUPLICATE_RADIUS_METERS).toBe(50);
    expect(DEFAULT_DUPLICATE_PERIOD_DAYS).toBe(84);
  });

  it('finds a report 49 m away and not one 51 m away', () => {
    expect(distanceMeters(HERE, north(49))).toBeCloseTo(49, 6);
    const found = findNearbyDuplicates(candidate, [report({ id: 'in', meters: 49 }), report({ id: 'out', meters: 51 })]);
    expect(found.map((m) => m.report.id)).toEqual(['in']);
    expect(found[0]?.distanceMeters).toBeCloseTo(49, 3);
  });

  it('finds a report made 83 days ago and not one made 85 days ago', () => {
    const found = findNearbyDuplicates(candidate, [report({ id: 'in', daysAgo: 83 }), report({ id: 'out', daysAgo: 85 })]);
    expect(found.map((m) => m.report.id)).toEqual(['in']);
  });

  it('ignores other categories and closed reports, keeps every open status (also a reopen request)', () => {
    const statuses: ReportStatus[] = ['new', 'triaged', 'dispatched', 'in_progress', 'awaiting_review', 'scheduled', 'reopen_requested'];
    const found = findNearbyDuplicates(candidate, [
      report({ id: 'other-category', category: 'afval' }),
      report({ id: 'closed', status: 'closed' }),
      ...statuses.map((status) => report({ id: status, status })),
    ]);
    expect(found.map((m) => m.report.id).sort()).toEqual([...statuses].sort());
  });

  it('sorts nearest first, equally near newest first', () => {
    const found = findNearbyDuplicates(candidate, [
      report({ id: 'far', meters: 40 }),
      report({ id: 'near-old', meters: 5, daysAgo: 10 }),
      report({ id: 'near-new', meters: 5, daysAgo: 2 }),
    ]);
    expect(found.map((m) => m.report.id)).toEqual(['near-new', 'near-old', 'far']);
  });

  it('takes a configured radius and period', () => {
    const reports = [report({ id: 'a', meters: 120, daysAgo: 20 }), report({ id: 'b', meters: 10, daysAgo: 30 })];
    expect(findNearbyDuplicates(candidate, reports, { radiusMeters: 150, periodDays: 21 }).map((m) => m.report.id)).toEqual(['a']);
  });

  it('the SQL prefilter box contains the whole circle', () => {
    const box = boundingBox(HERE, 50);
    for (const bearing of [0, 45, 90, 135, 180, 225, 270, 315]) {
      const rad = (bearing * Math.PI) / 180;
      const dLat = ((50 * Math.cos(rad)) / EARTH_RADIUS_M) * (180 / Math.PI);
      const dLng = ((50 * Math.sin(rad)) / (EARTH_RADIUS_M * Math.cos((HERE.lat * Math.PI) / 180))) * (180 / Math.PI);
      const p = { lat: HERE.lat + dLat, lng: HERE.lng + dLng };
      expect(p.lat).toBeGreaterThanOrEqual(box.minLat);
      expect(p.lat).toBeLessThanOrEqual(box.maxLat);
      expect(p.lng).toBeGreaterThanOrEqual(box.minLng);
      expect(p.lng).toBeLessThanOrEqual(box.maxLng);
    }
  });
});
