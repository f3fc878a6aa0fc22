import { describe, expect, it } from 'vitest';
import {
  type ReplayEvent,
  type ReplayFix,
  type ReplayReport,
  type ReplayUnit,
  applyEvent,
  emptyState,
  foldUntil,
  fixesFromColumns,
  fixesToColumns,
  fromSnapshot,
  playTo,
  toReplayEvent,
  toSnapshot,
} from '../../server/domain/replay';
import type { HubEvent } from '../../server/protocol/events';
import type { Report } from '../../server/protocol/report';

const T0 = '2026-11-30T08:00:00.000Z';
const min = (m: number) => new Date(Date.parse(T0) + m * 60_000).toISOString();

function report(id: string, status: ReplayReport['status']): ReplayReport {
  return { id, number: `M-${id}`, category: 'afval', lat: 52.37, lng: 4.9, address: null, priority: 'normal', status, slaDeadline: null, createdAt: T0 };
}
function unit(id: string, status: ReplayUnit['status'], currentReportId: string | null = null): ReplayUnit {
  return { id, callsign: id.toUpperCase(), kind: 'boa_domein_1', status, statusSince: T0, currentReportId };
}

// A hand-built shift: r1 comes in, u1 is offered, accepts, arrives; r1 is closed; an alert is raised and acknowledged.
const events: ReplayEvent[] = [
  { seq: 11, at: min(1), type: 'report.created', report: report('r1', 'new') },
  { seq: 12, at: min(2), type: 'assignment.updated', report: report('r1', 'dispatched'), unit: unit('u1', 'aangeboden', 'r1') },
  { seq: 13, at: min(3), type: 'assignment.updated', report: report('r1', 'dispatched'), unit: unit('u1', 'onderweg', 'r1') },
  {
    seq: 14,
    at: min(4),
    type: 'alert.raised',
    alert: { id: 'a1', kind: 'high_priority', reportId: 'r1', unitId: null, message: 'Hoge prioriteit', createdAt: min(4), position: null },
  },
  { seq: 15, at: min(6), type: 'unit.updated', unit: unit('u1', 'ter_plaatse', 'r1') },
  {
    seq: 16,
    at: min(7),
    type: 'alert.acked',
    alert: { id: 'a1', kind: 'high_priority', reportId: 'r1', unitId: null, message: 'Hoge prioriteit', createdAt: min(4), position: null },
    alertGone: true,
  },
  { seq: 17, at: min(9), type: 'report.transitioned', report: report('r1', 'closed') },
  { seq: 18, at: min(9), type: 'unit.updated', unit: unit('u1', 'beschikbaar') },
];

function base() {
  const state = emptyState(T0, 10);
  state.reports.set('r0', report('r0', 'scheduled'));
  state.units.set('u1', unit('u1', 'beschikbaar'));
  return state;
}

describe('replay fold', () => {
  it('shows the state at each instant of the hand-built shift', () => {
    const at0 = foldUntil(base(), events, min(0));
    expect([...at0.reports.keys()]).toEqual(['r0']);
    expect(at0.units.get('u1')?.status).toBe('beschikbaar');
    expect(at0.seq).toBe(10);

    const at3 = foldUntil(base(), events, min(3));
    expect(at3.reports.get('r1')?.status).toBe('dispatched');
    expect(at3.units.get('u1')).toMatchObject({ status: 'onderweg', currentReportId: 'r1' });
    expect(at3.alerts.size).toBe(0);
    expect(at3.seq).toBe(13);

    const at5 = foldUntil(base(), events, min(5));
    expect([...at5.alerts.keys()]).toEqual(['a1']);

    const at7 = foldUntil(base(), events, min(7));
    expect(at7.alerts.size).toBe(0);
    expect(at7.units.get('u1')?.status).toBe('ter_plaatse');

    // Closed at minute 9: r1 leaves the queue, u1 is free again; r0 (scheduled) stays.
    const at9 = foldUntil(base(), events, min(9));
    expect([...at9.reports.keys()]).toEqual(['r0']);
    expect(at9.units.get('u1')).toMatchObject({ status: 'beschikbaar', currentReportId: null });
    expect(at9.seq).toBe(18);
    expect(at9.at).toBe(min(9));
  });

  it('ignores an event the state already has (a window overlapping the snapshot)', () => {
    const state = foldUntil(base(), events, min(3));
    expect(applyEvent(state, events[1] as ReplayEvent)).toBe(false);
    expect(state.units.get('u1')?.status).toBe('onderweg');
    expect(state.seq).toBe(13);
  });

  it('plays forward step by step with a cursor and gives the same state as folding at once', () => {
    const fixes: ReplayFix[] = [
      { unitId: 'u1', at: min(2), lat: 52.1, lng: 4.1 },
      { unitId: 'u1', at: min(4), lat: 52.2, lng: 4.2 },
      { unitId: 'u1', at: min(8), lat: 52.3, lng: 4.3 },
    ];
    const stepped = base();
    let cursor = playTo(stepped, events, fixes, min(3));
    expect(cursor).toEqual({ event: 3, fix: 1 });
    expect(stepped.positions.get('u1')).toMatchObject({ lat: 52.1 });
    cursor = playTo(stepped, events, fixes, min(5), cursor);
    expect(stepped.positions.get('u1')).toMatchObject({ lat: 52.2 });
    expect(stepped.alerts.size).toBe(1);
    cursor = playTo(stepped, events, fixes, min(10), cursor);
    expect(cursor).toEqual({ event: 8, fix: 3 });
    expect(stepped.positions.get('u1')).toMatchObject({ lat: 52.3 });

    const once = foldUntil(base(), events, min(10));
    expect(toSnapshot(stepped).reports).toEqual(toSnapshot(once).reports);
    expect(toSnapshot(stepped).units).toEqual(toSnapshot(once).units);
  });

  it('an older fix never replaces a newer one', () => {
    const state = emptyState(T0);
    playTo(state, [], [{ unitId: 'u1', at: min(5), lat: 1, lng: 1 }], min(5));
    playTo(state, [], [{ unitId: 'u1', at: min(4), lat: 2, lng: 2 }], min(6));
    expect(state.positions.get('u1')?.lat).toBe(1);
  });

  it('a snapshot goes through arrays and back unchanged', () => {
    const state = foldUntil(base(), events, min(5));
    const again = fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(state))));
    expect(toSnapshot(again)).toEqual(toSnapshot(state));
  });
});

describe('fix columns', () => {
  it('go to columns and back unchanged, each unit named once', () => {
    const fixes: ReplayFix[] = [
      { unitId: 'u1', at: min(1), lat: 52.1, lng: 4.1 },
      { unitId: 'u2', at: min(2), lat: 52.2, lng: 4.2 },
      { unitId: 'u1', at: min(3), lat: 52.3, lng: 4.3 },
    ];
    const columns = fixesToColumns(fixes, T0);
    expect(columns).toEqual({ units: ['u1', 'u2'], unit: [0, 1, 0], t: [60_000, 120_000, 180_000], lat: [52.1, 52.2, 52.3], lng: [4.1, 4.2, 4.3] });
    expect(fixesFromColumns(columns, T0)).toEqual(fixes);
  });
});

describe('toReplayEvent', () => {
  const full: Report = {
    id: 'r9',
    number: 'M-000009',
    category: 'overlast',
    lat: 52,
    lng: 4,
    address: 'Dam 1',
    description: 'Jan Jansen (06 12345678) belt over geluid',
    source: 'phone',
    priority: 'high',
    status: 'new',
    outcome: null,
    hasReporter: true,
    reporterCount: 1,
    followUpDate: null,
    slaDeadline: null,
    delivery: 'none',
    createdAt: T0,
    updatedAt: T0,
    version: 3,
  };

  it('keeps no description or reporter fields of a report', () => {
    const e = toReplayEvent({ seq: 3, at: T0, actorId: 'x', type: 'report.created', report: full } as HubEvent, 'shift_lead');
    expect(e?.report).toEqual({
      id: 'r9',
      number: 'M-000009',
      category: 'overlast',
      lat: 52,
      lng: 4,
      address: 'Dam 1',
      priority: 'high',
      status: 'new',
      slaDeadline: null,
      createdAt: T0,
    });
    expect(JSON.stringify(e)).not.toContain('Jansen');
  });

  it("leaves out an alert the role does not see and an event that changes nothing replay shows", () => {
    const alert = { id: 'a', kind: 'auto_dispatched', reportId: null, unitId: null, message: 'x', createdAt: T0, ackedAt: null, ackedBy: null, position: null };
    const raised = { seq: 4, at: T0, actorId: null, type: 'alert.raised', alert } as HubEvent;
    expect(toReplayEvent(raised, 'shift_lead')?.alert?.id).toBe('a');
    expect(toReplayEvent(raised, 'police_coordinator')).toBeNull();
    expect(toReplayEvent({ seq: 5, at: T0, actorId: null, type: 'signals.changed', count: 3 } as HubEvent, 'shift_lead')).toBeNull();
  });
});
