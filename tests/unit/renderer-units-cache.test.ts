import { describe, expect, it } from 'vitest';
import type { Assignment, PositionFix, Unit } from '../../server/protocol/dispatch';
import type { HubEvent } from '../../server/protocol/events';
import type { UnitsSnapshot } from '../../renderer/console/api/dispatch';
import {
  applyEventToUnits,
  applyFixes,
  KEEP_CLOSED_MS,
  mergeUnitsSnapshot,
  newerFix,
  upsertAssignment,
  upsertUnit,
} from '../../renderer/console/api/unitsCache';
import { aReport } from './renderer-fixtures';

const fix = (at: string, lat = 52.08): PositionFix => ({ lat, lng: 4.31, accuracy: 10, heading: null, at });
const EARLY = '2026-03-10T10:00:00.000Z';
const LATE = '2026-03-10T10:00:05.000Z';

function unit(overrides: Partial<Unit> = {}): Unit {
  return {
    id: 'u1',
    callsign: 'HH-11',
    kind: 'boa_domein_1',
    officerCount: 2,
    status: 'beschikbaar',
    statusSince: EARLY,
    currentReportId: null,
    position: null,
    version: 1,
    ...overrides,
  };
}

function assignment(overrides: Partial<Assignment> = {}): Assignment {
  return {
    id: 'a1',
    reportId: 'r1',
    unitId: 'u1',
    state: 'offered',
    offeredAt: EARLY,
    expiresAt: '2026-03-10T10:01:00.000Z',
    respondedAt: null,
    offeredBy: null,
    ...overrides,
  };
}

const snapshot = (units: Unit[], assignments: Assignment[] = []): UnitsSnapshot => ({ units, assignments });

describe('newerFix', () => {
  it('the later fix; the first on a tie; either when the other is missing', () => {
    const a = fix(EARLY);
    const b = fix(LATE, 52.09);
    expect(newerFix(a, b)).toBe(b);
    expect(newerFix(b, a)).toBe(b);
    expect(newerFix(a, fix(EARLY, 1))).toBe(a);
    expect(newerFix(null, a)).toBe(a);
    expect(newerFix(a, null)).toBe(a);
    expect(newerFix(null, null)).toBeNull();
  });
});

describe('upsertUnit', () => {
  it('adds an unknown unit and replaces a known one with a newer version', () => {
    const units = upsertUnit([], unit());
    expect(units).toHaveLength(1);
    expect(upsertUnit(units, unit({ version: 2, status: 'onderweg' }))[0]?.status).toBe('onderweg');
  });

  it('keeps the later fix whichever snapshot brings it', () => {
    const cached = [unit({ position: fix(LATE, 52.09) })];
    const next = upsertUnit(cached, unit({ version: 2, status: 'bezet', position: fix(EARLY) }));
    expect(next[0]).toMatchObject({ status: 'bezet', position: { at: LATE, lat: 52.09 } });
  });

  it('ignores a stale snapshot, except for a newer fix it carries', () => {
    const cached = [unit({ version: 5, status: 'bezet', position: fix(EARLY) })];
    expect(upsertUnit(cached, unit({ version: 4, position: fix(EARLY) }))).toBe(cached);
    const moved = upsertUnit(cached, unit({ version: 4, position: fix(LATE, 52.1) }));
    expect(moved[0]).toMatchObject({ version: 5, status: 'bezet', position: { lat: 52.1 } });
  });
});

describe('upsertAssignment', () => {
  it('replaces by id and forgets answered assignments after KEEP_CLOSED_MS', () => {
    const now = Date.parse(EARLY) + KEEP_CLOSED_MS + 1;
    const old = assignment({ id: 'old', state: 'declined', respondedAt: EARLY });
    const recent = assignment({ id: 'recent', state: 'expired', expiresAt: new Date(now - 1000).toISOString() });
    const open = assignment({ id: 'open', offeredAt: EARLY });
    const next = upsertAssignment([old, recent, open, assignment()], assignment({ state: 'accepted' }), now);
    expect(next.map((a) => [a.id, a.state])).toEqual([
      ['recent', 'expired'],
      ['open', 'offered'],
      ['a1', 'accepted'],
    ]);
  });
});

describe('applyEventToUnits', () => {
  const base = { seq: 7, at: LATE, actorId: null };
  it('unit and assignment events change the snapshot; others and a missing snapshot do not', () => {
    const start = snapshot([unit()]);
    const updated = applyEventToUnits(start, { ...base, type: 'unit.updated', unit: unit({ version: 2, status: 'pauze' }) } as HubEvent);
    expect(updated?.units[0]?.status).toBe('pauze');
    const offered = applyEventToUnits(start, {
      ...base,
      type: 'assignment.updated',
      assignment: assignment(),
      unit: unit({ version: 2, status: 'aangeboden' }),
      report: aReport(),
    } as HubEvent);
    expect(offered).toMatchObject({ units: [{ status: 'aangeboden' }], assignments: [{ id: 'a1' }] });
    expect(applyEventToUnits(start, { ...base, type: 'report.created', report: aReport() } as HubEvent)).toBe(start);
    expect(applyEventToUnits(undefined, { ...base, type: 'unit.updated', unit: unit() } as HubEvent)).toBeUndefined();
  });

  it('a stale unit event leaves the snapshot object as it was', () => {
    const start = snapshot([unit({ version: 3 })]);
    expect(applyEventToUnits(start, { ...base, type: 'unit.updated', unit: unit({ version: 2 }) } as HubEvent)).toBe(start);
  });
});

describe('applyFixes', () => {
  it('moves units to their latest fix; untouched units keep their object', () => {
    const other = unit({ id: 'u2', callsign: 'PK-21' });
    const start = snapshot([unit({ position: fix(EARLY) }), other]);
    const next = applyFixes(start, [
      { unitId: 'u1', ...fix(LATE, 52.1) },
      { unitId: 'u1', ...fix(EARLY, 52.0) },
      { unitId: 'ghost', ...fix(LATE) },
    ]);
    expect(next?.units[0]?.position).toMatchObject({ at: LATE, lat: 52.1 });
    expect(next?.units[1]).toBe(other);
  });

  it('old or no fixes: the same snapshot', () => {
    const start = snapshot([unit({ position: fix(LATE) })]);
    expect(applyFixes(start, [{ unitId: 'u1', ...fix(EARLY) }])).toBe(start);
    expect(applyFixes(start, [])).toBe(start);
    expect(applyFixes(undefined, [{ unitId: 'u1', ...fix(LATE) }])).toBeUndefined();
  });
});

describe('mergeUnitsSnapshot', () => {
  it('a fresh load keeps newer cached units, assignments further along, and ones only the cache knows', () => {
    const cached = snapshot(
      [unit({ version: 4, status: 'onderweg' }), unit({ id: 'u2', version: 1 })],
      [assignment({ state: 'accepted' }), assignment({ id: 'a-new' })],
    );
    const fresh = snapshot([unit({ version: 3 }), unit({ id: 'u2', version: 2, status: 'pauze' })], [assignment()]);
    const merged = mergeUnitsSnapshot(cached, fresh);
    expect(merged.units.map((u) => [u.id, u.status])).toEqual([
      ['u1', 'onderweg'],
      ['u2', 'pauze'],
    ]);
    expect(merged.assignments.map((a) => [a.id, a.state])).toEqual([
      ['a1', 'accepted'],
      ['a-new', 'offered'],
    ]);
    expect(mergeUnitsSnapshot(undefined, fresh)).toBe(fresh);
  });
});
