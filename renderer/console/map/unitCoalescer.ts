/**
 * When the live units reach the map's `units` source. Pure TypeScript (no DOM, no map): the hook in
 * useUnitLayer.ts asks it what a change of the units cache means and how long to wait before drawing it.
 *
 * Every `updateData` on the units source makes the map's workers rebuild its tiles and redraws the whole
 * map (5,000 reports, every layer); at 500 units sending a fix every 5 s the hub's batches arrive once a
 * second. So the map draws positions less often than they arrive, and news at once.
 *
 * Rules:
 * - `urgent` (drawn at the next animation frame): a unit appears or goes, or its status, heading-known or
 *   stale state changes (anything other than where it is and where it points), or the selected unit or a
 *   unit with an emergency moves;
 * - `position` (other units moved): drawn `IDLE_INTERVAL_MS` after the last draw while the camera is at
 *   rest, `MOVING_INTERVAL_MS` after it while the camera moves (the map redraws every frame then anyway,
 *   and the dispatcher is looking); the camera counts as moving until `MOVE_QUIET_MS` after its last move;
 * - a moved camera is a `position` change too (units that moved outside the view were not drawn, see
 *   `diffUnits`' `inView`);
 * - never more than one draw per animation frame: the caller draws in `requestAnimationFrame`, and the
 *   draw takes every change pending by then (the latest position of every unit, one diff).
 */
import type { Unit } from '../../../server/protocol/dispatch';
import { type ShownUnit, unitFeature } from './unitLayers';

export type UnitChange = 'none' | 'position' | 'urgent';

/**
 * Positions only, camera at rest: every 5 s, a unit's fix interval (each fix drawn at most 5 s late, the selected
 * and emergency units at once). At 3 s the console measured 1.21× the main-thread time of 500 DOM markers in the
 * map bench (docs/BENCHMARKS.md).
 */
export const IDLE_INTERVAL_MS = 5_000;
/** Positions only, camera moving. */
export const MOVING_INTERVAL_MS = 1_000;
/** The camera is "moving" until this long after its last `move` event. */
export const MOVE_QUIET_MS = 400;

const RANK: Record<UnitChange, number> = { none: 0, position: 1, urgent: 2 };

/** The more pressing of two changes. */
export function worse(a: UnitChange, b: UnitChange): UnitChange {
  return RANK[b] > RANK[a] ? b : a;
}

/** What drawing `units` at `now` would change against what the source shows; `watched`: selected and emergency units. */
export function classifyUnits(
  shown: ReadonlyMap<string, ShownUnit>,
  units: readonly Unit[],
  now: number,
  watched: ReadonlySet<string>,
): UnitChange {
  let change: UnitChange = 'none';
  let count = 0;
  for (const unit of units) {
    const feature = unitFeature(unit, now);
    if (!feature) continue;
    count++;
    const before = shown.get(unit.id);
    if (!before) return 'urgent';
    const p = feature.properties;
    const b = before.props;
    if (p.status !== b.status || p.stale !== b.stale || p.moving !== b.moving || p.callsign !== b.callsign) return 'urgent';
    const [lng, lat] = feature.geometry.coordinates as [number, number];
    if (lng !== before.lng || lat !== before.lat || p.heading !== b.heading) {
      if (watched.has(unit.id)) return 'urgent';
      change = 'position';
    }
  }
  return count !== shown.size ? 'urgent' : change;
}

export interface FlushState {
  pending: UnitChange;
  /** When the source was last updated (ms, same clock as `now`); -Infinity before the first draw. */
  lastFlushAt: number;
  /** The last camera `move` (ms); -Infinity when it never moved. */
  lastMoveAt: number;
}

export function cameraMoving(state: FlushState, now: number): boolean {
  return now - state.lastMoveAt < MOVE_QUIET_MS;
}

/** How long to wait before the next draw (0: the next animation frame), or null when nothing is pending. */
export function flushDelay(state: FlushState, now: number): number | null {
  if (state.pending === 'none') return null;
  if (state.pending === 'urgent') return 0;
  const interval = cameraMoving(state, now) ? MOVING_INTERVAL_MS : IDLE_INTERVAL_MS;
  return Math.max(0, state.lastFlushAt + interval - now);
}
