import { describe, expect, it } from 'vitest';
import type { PositionFix, Unit } from '../../server/protocol/dispatch';
import {
  classifyUnits,
  type FlushState,
  flushDelay,
  IDLE_INTERVAL_MS,
  MOVE_QUIET_MS,
  MOVING_INTERVAL_MS,
  worse,
} from '../../renderer/console/map/unitCoalescer';
import { diffUnits, type ShownUnit } from '../../renderer/console/map/unitLayers';

const NOW = Date.parse('2026-03-10T10:00:10.000Z');
const AT = '2026-03-10T10:00:05.000Z';
const fix = (lat: number, lng: number, heading: number | null = 90, at = AT): PositionFix => ({ lat, lng, accuracy: 5, heading, at });

function unit(id: string, position: PositionFix | null, overrides: Partial<Unit> = {}): Unit {
  return {
    id,
    callsign: `HH-${id}`,
    kind: 'boa_domein_1',
    officerCount: 2,
    status: 'beschikbaar',
    statusSince: AT,
    currentReportId: null,
    position,
    version: 1,
    ...overrides,
  };
}

/** What the map shows after drawing `units` (no view limit). */
function shownAfter(units: Unit[]): Map<string, ShownUnit> {
  const shown = new Map<string, ShownUnit>();
  diffUnits(shown, units, NOW);
  return shown;
}

const NOBODY = new Set<string>();
const state = (overrides: Partial<FlushState> = {}): FlushState => ({
  pending: 'position',
  lastFlushAt: NOW - 500,
  lastMoveAt: Number.NEGATIVE_INFINITY,
  ...overrides,
});

describe('classifyUnits: what a change of the units cache means for the map', () => {
  const a = unit('a', fix(52.08, 4.31));
  const b = unit('b', fix(52.09, 4.32));
  const shown = shownAfter([a, b]);

  it('nothing when the map shows every unit as it is', () => {
    expect(classifyUnits(shown, [a, b], NOW, NOBODY)).toBe('none');
  });

  it('a position when a unit only moved or turned', () => {
    expect(classifyUnits(shown, [unit('a', fix(52.081, 4.31)), b], NOW, NOBODY)).toBe('position');
    expect(classifyUnits(shown, [unit('a', fix(52.08, 4.31, 180)), b], NOW, NOBODY)).toBe('position');
  });

  it('urgent when the selected or an emergency unit moved', () => {
    expect(classifyUnits(shown, [unit('a', fix(52.081, 4.31)), b], NOW, new Set(['a']))).toBe('urgent');
  });

  it('urgent when a status changes, a unit appears or goes, or a fix turns stale', () => {
    expect(classifyUnits(shown, [unit('a', fix(52.08, 4.31), { status: 'onderweg' }), b], NOW, NOBODY)).toBe('urgent');
    expect(classifyUnits(shown, [a, b, unit('c', fix(52.1, 4.3))], NOW, NOBODY)).toBe('urgent');
    expect(classifyUnits(shown, [a], NOW, NOBODY)).toBe('urgent');
    expect(classifyUnits(shown, [a, unit('b', null)], NOW, NOBODY)).toBe('urgent');
    expect(classifyUnits(shown, [a, b], NOW + 10 * 60_000, NOBODY)).toBe('urgent');
  });

  it('urgent when the heading becomes unknown (the arrow goes)', () => {
    expect(classifyUnits(shown, [unit('a', fix(52.08, 4.31, null)), b], NOW, NOBODY)).toBe('urgent');
  });
});

describe('flushDelay: when the map draws what is pending', () => {
  it('never when nothing is pending; at the next frame when it is urgent', () => {
    expect(flushDelay(state({ pending: 'none' }), NOW)).toBeNull();
    expect(flushDelay(state({ pending: 'urgent' }), NOW)).toBe(0);
  });

  it('positions every IDLE_INTERVAL_MS while the camera rests', () => {
    expect(flushDelay(state({ lastFlushAt: NOW - 500 }), NOW)).toBe(IDLE_INTERVAL_MS - 500);
    expect(flushDelay(state({ lastFlushAt: NOW - IDLE_INTERVAL_MS - 1 }), NOW)).toBe(0);
    expect(flushDelay(state({ lastFlushAt: Number.NEGATIVE_INFINITY }), NOW)).toBe(0);
  });

  it('positions every MOVING_INTERVAL_MS while the camera moves, until MOVE_QUIET_MS after its last move', () => {
    expect(flushDelay(state({ lastMoveAt: NOW - 10 }), NOW)).toBe(MOVING_INTERVAL_MS - 500);
    expect(flushDelay(state({ lastMoveAt: NOW - MOVE_QUIET_MS }), NOW)).toBe(IDLE_INTERVAL_MS - 500);
  });

  it('the more pressing change wins', () => {
    expect(worse('none', 'position')).toBe('position');
    expect(worse('urgent', 'position')).toBe('urgent');
    expect(worse('position', 'none')).toBe('position');
  });
});

describe('diffUnits with a view: units that move outside it wait', () => {
  const inView = (lng: number, lat: number) => lng < 4.35 && lat < 52.1;

  it('skips a unit that only moved outside the view and keeps it as shown, until the view reaches it', () => {
    const far = unit('far', fix(52.11, 4.38));
    const near = unit('near', fix(52.08, 4.31));
    const shown = shownAfter([far, near]);
    const moved = [unit('far', fix(52.111, 4.381)), unit('near', fix(52.081, 4.311))];
    const diff = diffUnits(shown, moved, NOW, inView);
    expect(diff?.update?.map((u) => u.id)).toEqual(['near']);
    expect(shown.get('far')).toMatchObject({ lat: 52.11, lng: 4.38 });
    expect(classifyUnits(shown, moved, NOW, NOBODY)).toBe('position');
    const all = diffUnits(shown, moved, NOW, () => true);
    expect(all?.update).toEqual([{ id: 'far', newGeometry: { type: 'Point', coordinates: [4.381, 52.111] } }]);
  });

  it('draws a unit moving into the view, and a status change anywhere', () => {
    const shown = shownAfter([unit('far', fix(52.11, 4.38))]);
    expect(diffUnits(shown, [unit('far', fix(52.09, 4.34))], NOW, inView)?.update?.[0]?.id).toBe('far');
    const status = diffUnits(shown, [unit('far', fix(52.11, 4.38), { status: 'bezet' })], NOW, inView);
    expect(status?.update?.[0]?.addOrUpdateProperties).toContainEqual({ key: 'status', value: 'bezet' });
  });
});
