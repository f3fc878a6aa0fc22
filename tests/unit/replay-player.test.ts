import { describe, expect, it } from 'vitest';
import { fixesToColumns } from '../../server/domain/replay';
import type { ReplayEvent, ReplayReport, ReplaySnapshot, ReplayWindow } from '../../server/protocol/replay';
import { ReplayPlayer, loadedWindow } from '../../renderer/console/history/replayPlayer';

const T0 = Date.parse('2026-11-30T08:00:00.000Z');
const iso = (m: number) => new Date(T0 + m * 60_000).toISOString();
const report = (id: string, status: ReplayReport['status']): ReplayReport => ({
  id,
  number: `M-${id}`,
  category: 'afval',
  lat: 52,
  lng: 4,
  address: null,
  priority: 'normal',
  status,
  slaDeadline: null,
  createdAt: iso(0),
});
const base: ReplaySnapshot = { at: iso(0), seq: 1, reports: [], units: [], alerts: [], positions: [] };
const window = (from: number, until: number, events: ReplayEvent[], fixAt: number[]): ReplayWindow => ({
  from: iso(from),
  until: iso(until),
  events,
  fixes: fixesToColumns(
    fixAt.map((m) => ({ unitId: 'u1', at: iso(m), lat: 52 + m / 1000, lng: 4 })),
    iso(from),
  ),
});

describe('the console replay player', () => {
  const first = window(0, 5, [{ seq: 2, at: iso(2), type: 'report.created', report: report('r1', 'new') }], [1, 4]);
  const second = window(5, 10, [{ seq: 3, at: iso(7), type: 'report.transitioned', report: report('r1', 'closed') }], [6, 9]);

  it('seeks forward and back inside the loaded window without a load', () => {
    const p = new ReplayPlayer();
    p.load(loadedWindow(base, first), T0 + 60_000);
    expect(p.played?.reports.size).toBe(0);
    expect(p.played?.positions.get('u1')?.at).toBe(iso(1));
    expect(p.seek(T0 + 3 * 60_000)).toBe(true);
    expect(p.played?.reports.get('r1')?.status).toBe('new');
    // Back before the report: replayed from the window's snapshot.
    expect(p.seek(T0 + 60_000)).toBe(true);
    expect(p.played?.reports.size).toBe(0);
    expect(p.played?.positions.get('u1')?.at).toBe(iso(1));
  });

  it('past the window it needs the next one; offered ahead, it plays on into it', () => {
    const p = new ReplayPlayer();
    p.load(loadedWindow(base, first), T0);
    expect(p.seek(T0 + 8 * 60_000)).toBe(false);
    expect(p.needsLoad(T0 + 8 * 60_000)).toBe(true);
    p.offerNext(window(6, 11, [], [])); // not the window after this one: ignored
    expect(p.hasNext).toBe(false);
    p.offerNext(second);
    expect(p.seek(T0 + 8 * 60_000)).toBe(true);
    expect(p.current?.from).toBe(iso(5));
    expect(p.played?.reports.size).toBe(0);
    expect(p.played?.positions.get('u1')?.at).toBe(iso(6));
    // The new window's snapshot is the state at the old one's end: back to minute 6 shows r1 still open.
    expect(p.seek(T0 + 6 * 60_000)).toBe(true);
    expect(p.played?.reports.get('r1')?.status).toBe('new');
    // Before the new window's start a load is needed.
    expect(p.seek(T0 + 4 * 60_000)).toBe(false);
  });
});
