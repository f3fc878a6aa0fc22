import { describe, expect, it } from 'vitest';
import { type EmergencyTrail, trailFeatures, unchangedTrails } from '../../renderer/console/map/emergencyTrailLayers';

const fix = (at: string, lat = 52.08, lng = 4.31) => ({ at, lat, lng, heading: null, accuracy: 5 });
const trail = (unitId: string, ...ats: string[]): EmergencyTrail => ({ unitId, fixes: ats.map((at) => fix(at)) });

describe('the map sets its emergency trail source only when a trail changed', () => {
  it('keeps the earlier list (the same object) while no emergency is open, however often the units cache changes', () => {
    const before: EmergencyTrail[] = [];
    expect(unchangedTrails(before, [])).toBe(before);
  });

  it('keeps the earlier list for the same units with the same fixes, rebuilt as new objects', () => {
    const before = [trail('u1', '2026-12-01T10:00:00Z', '2026-12-01T10:00:05Z'), trail('u2', '2026-12-01T10:00:01Z')];
    const again = [trail('u1', '2026-12-01T10:00:00Z', '2026-12-01T10:00:05Z'), trail('u2', '2026-12-01T10:00:01Z')];
    expect(unchangedTrails(before, again)).toBe(before);
  });

  it('takes the new list on a new fix, a moved fix, an emergency opened or ended, or another order', () => {
    const before = [trail('u1', '2026-12-01T10:00:00Z')];
    const newer = [trail('u1', '2026-12-01T10:00:00Z', '2026-12-01T10:00:05Z')];
    expect(unchangedTrails(before, newer)).toBe(newer);
    const moved = [{ unitId: 'u1', fixes: [fix('2026-12-01T10:00:00Z', 52.09)] }];
    expect(unchangedTrails(before, moved)).toBe(moved);
    const opened = [...before, trail('u2', '2026-12-01T10:00:01Z')];
    expect(unchangedTrails(before, opened)).toBe(opened);
    const ended: EmergencyTrail[] = [];
    expect(unchangedTrails(before, ended)).toBe(ended);
    const two = [trail('u1', '2026-12-01T10:00:00Z'), trail('u2', '2026-12-01T10:00:00Z')];
    const swapped = [two[1] as EmergencyTrail, two[0] as EmergencyTrail];
    expect(unchangedTrails(two, swapped)).toBe(swapped);
    expect(trailFeatures(unchangedTrails(before, newer)).features).toHaveLength(3);
  });
});
