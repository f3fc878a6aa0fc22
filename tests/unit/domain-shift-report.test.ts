import { describe, expect, it } from 'vitest';
import { currentAndPreviousShift, handoverRank, type LoggedEvent, notableEvents, notableFigures, shiftWindow } from '../../server/domain/shift-report';
import { DEFAULT_SHIFTS } from '../../server/domain/shifts';
import { isRising, signalsBoard, weekWindows } from '../../server/domain/signal-trends';

describe('shift windows (Europe/Amsterdam, default shift times)', () => {
  it('a day shift, and a night shift that ends the next morning', () => {
    expect(shiftWindow('2026-12-07', 'vroeg', DEFAULT_SHIFTS)).toMatchObject({ startsAt: '2026-12-07T06:00:00.000Z', endsAt: '2026-12-07T14:00:00.000Z' });
    expect(shiftWindow('2026-12-07', 'nacht', DEFAULT_SHIFTS)).toMatchObject({ startsAt: '2026-12-07T22:00:00.000Z', endsAt: '2026-12-08T06:00:00.000Z' });
  });

  it('the night the clocks go forward lasts seven hours, the night they go back nine', () => {
    expect(shiftWindow('2027-03-27', 'nacht', DEFAULT_SHIFTS)).toMatchObject({ startsAt: '2027-03-27T22:00:00.000Z', endsAt: '2027-03-28T05:00:00.000Z' });
    expect(shiftWindow('2027-10-30', 'nacht', DEFAULT_SHIFTS)).toMatchObject({ startsAt: '2027-10-30T21:00:00.000Z', endsAt: '2027-10-31T06:00:00.000Z' });
  });

  it('the shift on now and the one before, across midnight', () => {
    const [current, previous] = currentAndPreviousShift(new Date('2026-12-08T01:30:00.000Z'), DEFAULT_SHIFTS);
    expect(current).toMatchObject({ date: '2026-12-07', shift: 'nacht' });
    expect(previous).toMatchObject({ date: '2026-12-07', shift: 'laat' });
  });
});

describe('notable events from the event log', () => {
  const alert = (seq: number, type: string, kind: string, extra: object = {}): LoggedEvent => ({
    seq,
    type,
    at: `2026-12-07T0${seq}:00:00.000Z`,
    payload: { alert: { id: `a${kind}`, kind, message: `${kind} melding`, reportId: 'r1', ...extra } },
  });

  it('keeps escalations (check-in missed, its red or sound level once per alert, auto-dispatched, reopen requested); leaves routine alerts out', () => {
    const rows: LoggedEvent[] = [
      alert(1, 'alert.raised', 'high_priority'),
      alert(2, 'alert.raised', 'check_in_missed'),
      alert(3, 'alert.escalated', 'check_in_missed', { escalation: 'amber' }),
      alert(4, 'alert.escalated', 'check_in_missed', { escalation: 'red' }),
      alert(5, 'alert.escalated', 'check_in_missed', { escalation: 'sound' }),
      alert(6, 'alert.raised', 'auto_dispatched'),
      alert(7, 'alert.raised', 'reopen_requested'),
      alert(8, 'alert.acked', 'check_in_missed'),
      { seq: 9, type: 'emergency.updated', at: '2026-12-07T09:00:00.000Z', payload: { change: 'acked', emergency: { callsign: 'HH-1' } } },
    ];
    const events = notableEvents(rows, new Map([['r1', 'M-000001']]));
    expect(events.map((e) => [e.kind, e.detail])).toEqual([
      ['check_in_missed', null],
      ['check_in_escalated', 'sound'],
      ['auto_dispatched', null],
      ['reopen_requested', null],
    ]);
    expect(events[0]?.reportNumber).toBe('M-000001');
    expect(notableFigures(events)).toEqual({ emergencies: 0, priorityTraffic: 0, escalations: 4 });
  });

  it('ranks open reports for the handover: past the deadline, urgent or reopen requested, high, the rest', () => {
    const at = '2026-12-07T12:00:00.000Z';
    expect(handoverRank({ priority: 'low', status: 'new', slaDeadline: '2026-12-07T11:00:00.000Z' }, at)).toBe(0);
    expect(handoverRank({ priority: 'normal', status: 'reopen_requested', slaDeadline: null }, at)).toBe(1);
    expect(handoverRank({ priority: 'high', status: 'new', slaDeadline: '2026-12-08T11:00:00.000Z' }, at)).toBe(2);
    expect(handoverRank({ priority: 'normal', status: 'new', slaDeadline: null }, at)).toBe(3);
  });
});

describe('signals dashboard rules', () => {
  it('rising: this week at least 5 and more than 1.5 times the mean of the four weeks before', () => {
    expect(isRising([9, 2, 2, 2, 2, 5])).toBe(true);
    expect(isRising([0, 4, 4, 4, 4, 6])).toBe(false); // 6 = 1.5 × 4: not more
    expect(isRising([0, 4, 4, 4, 4, 7])).toBe(true);
    expect(isRising([0, 0, 0, 0, 0, 4])).toBe(false); // under the minimum
    expect(isRising([0, 0, 0, 0, 0, 5])).toBe(true);
  });

  it('counts points into 7-day weeks ending now, per neighbourhood and kind; a focus area answers the neighbourhood its centre lies in', () => {
    const now = new Date('2026-12-07T12:00:00.000Z');
    const weeks = weekWindows(now, 5);
    expect(weeks.at(-1)).toEqual({ from: '2026-11-30T12:00:00.000Z', until: '2026-12-07T12:00:00.000Z' });
    const square = { id: 'W1', name: 'Wijk 1', polygons: [[[[4.0, 52.0], [4.1, 52.0], [4.1, 52.1], [4.0, 52.1], [4.0, 52.0]]]] as [number, number][][][] };
    const inside = { lat: 52.05, lng: 4.05 };
    const points = [
      { ...inside, at: '2026-12-07T12:00:00.000Z', kind: 'report' as const }, // the last instant of the latest week
      { ...inside, at: '2026-11-30T12:00:00.000Z', kind: 'report' as const }, // the last instant of the week before
      { ...inside, at: '2026-12-01T08:00:00.000Z', kind: 'survey' as const },
      { ...inside, at: '2026-12-02T08:00:00.000Z', kind: 'social' as const },
      { lat: 51, lng: 4, at: '2026-12-02T08:00:00.000Z', kind: 'social' as const },
      { ...inside, at: '2026-10-01T08:00:00.000Z', kind: 'report' as const }, // before the first week
    ];
    const area = { id: 'f1', name: 'Plein', polygon: [[[4.04, 52.04], [4.06, 52.04], [4.06, 52.06], [4.04, 52.06], [4.04, 52.04]]] as [number, number][][], instructions: '', publicText: 'Extra toezicht', startsAt: '2026-12-01T00:00:00.000Z', endsAt: '2026-12-20T00:00:00.000Z' };
    const ended = { ...area, id: 'f0', endsAt: '2026-11-20T00:00:00.000Z' };
    const board = signalsBoard(points, [square], [area, ended], now, 5);
    expect(board.rows[0]).toMatchObject({ id: 'W1', reports: [0, 0, 0, 1, 1], survey: [0, 0, 0, 0, 1], social: [0, 0, 0, 0, 1], rising: false });
    expect(board.rows[0]?.focusAreas.map((a) => a.id)).toEqual(['f1']);
    expect(board.outside.social).toEqual([0, 0, 0, 0, 1]);
  });
});
