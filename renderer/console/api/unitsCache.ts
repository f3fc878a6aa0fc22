/**
 * Pure cache updates for the units snapshot (`GET /api/units`): no React, no DOM.
 *
 * - A unit snapshot from an event replaces the cached one unless its `version` is lower (stale).
 * - Positions come from two places: the event's snapshot (the hub's stored, thinned trail) and the volatile
 *   `units:positions` batches (the latest fix). Whichever fix was taken later (`at`) wins, so an event never
 *   moves a unit back to an older spot.
 * - Assignments are upserted by id; answered ones are kept (the report panel shows declined and expired
 *   offers) until they are older than `KEEP_CLOSED_MS`.
 */
import type { Assignment, PositionFix, Unit } from '../../../server/protocol/dispatch';
import type { HubEvent } from '../../../server/protocol/events';
import type { UnitFix } from '../../../server/protocol/socket';
import type { UnitsSnapshot } from './dispatch';

/** Answered, expired or withdrawn assignments stay this long in the cache. */
export const KEEP_CLOSED_MS = 4 * 60 * 60 * 1000;

export function isActiveAssignment(a: Assignment): boolean {
  return a.state === 'offered' || a.state === 'accepted';
}

function fixTime(fix: PositionFix | null): number {
  if (!fix) return Number.NEGATIVE_INFINITY;
  const at = Date.parse(fix.at);
  return Number.isNaN(at) ? Number.NEGATIVE_INFINITY : at;
}

/** The later of two fixes (the first on a tie). */
export function newerFix(a: PositionFix | null, b: PositionFix | null): PositionFix | null {
  if (!a) return b;
  if (!b) return a;
  return fixTime(b) > fixTime(a) ? b : a;
}

/** Upserts a unit snapshot; returns the same array when nothing changed. */
export function upsertUnit(units: Unit[], unit: Unit): Unit[] {
  const index = units.findIndex((u) => u.id === unit.id);
  if (index < 0) return [...units, unit];
  const cached = units[index]!;
  if (cached.version > unit.version) {
    // Stale snapshot, but its fix may still be newer than ours.
    const position = newerFix(cached.position, unit.position);
    if (position === cached.position) return units;
    const next = units.slice();
    next[index] = { ...cached, position };
    return next;
  }
  const position = newerFix(unit.position, cached.position);
  const merged = position === unit.position ? unit : { ...unit, position };
  const next = units.slice();
  next[index] = merged;
  return next;
}

export function upsertAssignment(assignments: Assignment[], assignment: Assignment, now = Date.now()): Assignment[] {
  const kept = assignments.filter(
    (a) => a.id !== assignment.id && (isActiveAssignment(a) || now - closedAt(a) < KEEP_CLOSED_MS),
  );
  kept.push(assignment);
  return kept;
}

function closedAt(a: Assignment): number {
  const at = Date.parse(a.respondedAt ?? a.expiresAt);
  return Number.isNaN(at) ? 0 : at;
}

/** Applies one hub event to the units snapshot (unit and assignment events; others leave it as is). */
export function applyEventToUnits(snapshot: UnitsSnapshot | undefined, event: HubEvent): UnitsSnapshot | undefined {
  if (!snapshot) return snapshot;
  if (event.type === 'unit.updated') {
    const units = upsertUnit(snapshot.units, event.unit);
    return units === snapshot.units ? snapshot : { ...snapshot, units };
  }
  if (event.type === 'assignment.updated') {
    return {
      units: upsertUnit(snapshot.units, event.unit),
      assignments: upsertAssignment(snapshot.assignments, event.assignment),
    };
  }
  return snapshot;
}

/** Applies a batch of live fixes; units whose fix did not change keep their object (cheap diffs downstream). */
export function applyFixes(snapshot: UnitsSnapshot | undefined, fixes: readonly UnitFix[]): UnitsSnapshot | undefined {
  if (!snapshot || fixes.length === 0) return snapshot;
  const byUnit = new Map<string, PositionFix>();
  for (const { unitId, ...fix } of fixes) byUnit.set(unitId, newerFix(byUnit.get(unitId) ?? null, fix) ?? fix);
  let changed = false;
  const units = snapshot.units.map((unit) => {
    const fix = byUnit.get(unit.id);
    if (!fix) return unit;
    const position = newerFix(unit.position, fix);
    if (position === unit.position) return unit;
    changed = true;
    return { ...unit, position };
  });
  return changed ? { ...snapshot, units } : snapshot;
}

const STATE_RANK: Record<Assignment['state'], number> = {
  offered: 0,
  accepted: 1,
  declined: 2,
  expired: 2,
  withdrawn: 2,
  completed: 2,
};

/**
 * Merges a freshly loaded snapshot into the cached one: the load may have been read before events that
 * were applied meanwhile, so a cached unit with a higher version and an assignment further along stay.
 * Assignments only the cache knows (answered ones, or offers made after the read) are kept.
 */
export function mergeUnitsSnapshot(cached: UnitsSnapshot | undefined, fresh: UnitsSnapshot): UnitsSnapshot {
  if (!cached) return fresh;
  const cachedUnits = new Map(cached.units.map((u) => [u.id, u]));
  const units = fresh.units.map((unit) => {
    const old = cachedUnits.get(unit.id);
    return old ? (upsertUnit([old], unit)[0] ?? unit) : unit;
  });
  const freshAssignments = new Map(fresh.assignments.map((a) => [a.id, a]));
  const assignments = fresh.assignments.map((a) => {
    const old = cached.assignments.find((c) => c.id === a.id);
    return old && STATE_RANK[old.state] > STATE_RANK[a.state] ? old : a;
  });
  for (const old of cached.assignments) if (!freshAssignments.has(old.id)) assignments.push(old);
  return { units, assignments };
}
