import { describe, expect, it } from 'vitest';
import type { CheckIn, PriorityTraffic } from '../../server/protocol/safety';
import type { FieldState } from '../../server/protocol/socket';
import { type FieldSnapshot, SnapshotStore } from '../../renderer/field/fieldSnapshot';
import { applySafetyEvent, NO_SAFETY, safetyFromState } from '../../renderer/field/safety';

const checkIn = (over: Partial<CheckIn> = {}): CheckIn => ({
  id: 'c1',
  unitId: 'u1',
  requestedAt: '2026-01-15T09:20:00.000Z',
  answeredAt: null,
  cancelledAt: null,
  level: 0,
  ...over,
});
const traffic = (id: string): PriorityTraffic => ({
  id,
  areaId: 'a1',
  areaName: 'Centrum',
  polygon: [],
  text: 'Agressieve persoon',
  declaredAt: '2026-01-15T09:00:00.000Z',
  declaredBy: 'x',
  liftedAt: null,
  liftedBy: null,
});

function store(): SnapshotStore {
  return new SnapshotStore({ ...NO_SAFETY } as FieldSnapshot);
}

describe('field client: "Alles in orde?" and spoedmeldingen', () => {
  it('a request shows, rises in level, and goes when answered or ended', () => {
    const s = store();
    expect(applySafetyEvent(s, { type: 'check_in', checkIn: checkIn() })).toBe(true);
    expect(s.get().checkIn?.id).toBe('c1');
    applySafetyEvent(s, { type: 'check_in', checkIn: checkIn({ level: 2 }) });
    expect(s.get().checkIn?.level).toBe(2);
    applySafetyEvent(s, { type: 'check_in', checkIn: checkIn({ answeredAt: '2026-01-15T09:21:00.000Z' }) });
    expect(s.get().checkIn).toBeNull();
    applySafetyEvent(s, { type: 'check_in', checkIn: checkIn({ id: 'c2' }) });
    // The end of another (older) request leaves the open one alone.
    applySafetyEvent(s, { type: 'check_in', checkIn: checkIn({ cancelledAt: '2026-01-15T09:22:00.000Z' }) });
    expect(s.get().checkIn?.id).toBe('c2');
    applySafetyEvent(s, { type: 'check_in', checkIn: checkIn({ id: 'c2', cancelledAt: '2026-01-15T09:22:00.000Z' }) });
    expect(s.get().checkIn).toBeNull();
  });

  it('a spoedmelding is shown once however often it arrives, and goes when lifted', () => {
    const s = store();
    applySafetyEvent(s, { type: 'priority_traffic', traffic: traffic('p1') });
    applySafetyEvent(s, { type: 'priority_traffic', traffic: traffic('p1') });
    applySafetyEvent(s, { type: 'priority_traffic', traffic: traffic('p2') });
    expect(s.get().priorityTraffic.map((p) => p.id)).toEqual(['p1', 'p2']);
    applySafetyEvent(s, { type: 'priority_traffic_lifted', id: 'p1' });
    expect(s.get().priorityTraffic.map((p) => p.id)).toEqual(['p2']);
    expect(applySafetyEvent(s, { type: 'tasking' })).toBe(false);
  });

  it('the state on (re)connect: only an open request counts', () => {
    const base = { unit: null, assignments: [], tasking: [], serverTime: '' } as unknown as FieldState;
    expect(safetyFromState(base)).toEqual({ checkIn: null, priorityTraffic: [] });
    expect(safetyFromState({ ...base, checkIn: checkIn(), priorityTraffic: [traffic('p1')] }).checkIn?.id).toBe('c1');
    expect(safetyFromState({ ...base, checkIn: checkIn({ answeredAt: '2026-01-15T09:21:00.000Z' }) }).checkIn).toBeNull();
  });
});
