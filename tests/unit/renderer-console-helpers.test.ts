import { describe, expect, it } from 'vitest';
import { findByNumber } from '../../renderer/console/intake/findByNumber';
import { formatDistance } from '../../renderer/console/intake/formatDistance';
import { categoryLabel, categoryName } from '../../renderer/console/ui/categoryName';
import { fixAgeMs, isStale, STALE_FIX_MS } from '../../renderer/console/ui/fixAge';
import { followUpDue } from '../../renderer/console/ui/followUp';
import { locationText } from '../../renderer/console/ui/locationText';
import { matchesStatusFilter } from '../../renderer/console/queue/statusFilters';
import { compareDueFirst, reportSla, slaRunning, slaState } from '../../renderer/console/ui/sla';
import { slaFigureOf } from '../../server/domain/overview';
import { aReport as report, PARKING as parking } from './renderer-fixtures';

describe('category names', () => {
  const categories = new Map([[parking.code, parking]]);
  it('in the console language, the code when unknown', () => {
    expect(categoryName(categories, 'parkeren', 'nl')).toBe('Fout geparkeerd');
    expect(categoryName(categories, 'parkeren', 'en')).toBe('Illegal parking');
    expect(categoryName(categories, 'onbekend', 'nl')).toBe('onbekend');
    expect(categoryLabel(parking, 'en')).toBe('Illegal parking');
  });
});

describe('locationText', () => {
  it('the address, else the coordinates', () => {
    expect(locationText(report({ address: 'Laan van Meerdervoort 80' }))).toBe('Laan van Meerdervoort 80');
    expect(locationText(report())).toBe('52.07990, 4.31130');
  });
});

describe('SLA', () => {
  const deadline = Date.parse('2026-03-12T09:00:00.000Z');
  it("on time, at risk from the hub's at-risk time, overdue after the deadline", () => {
    const atRisk = '2026-03-12T04:12:00.000Z';
    expect(slaState('2026-03-12T09:00:00.000Z', Date.parse(atRisk) - 1, atRisk)).toBe('on_time');
    expect(slaState('2026-03-12T09:00:00.000Z', Date.parse(atRisk), atRisk)).toBe('at_risk');
    expect(slaState('2026-03-12T09:00:00.000Z', deadline, atRisk)).toBe('at_risk');
    expect(slaState('2026-03-12T09:00:00.000Z', deadline + 1, atRisk)).toBe('overdue');
    // No at-risk time (a report from an older hub): on time until overdue, no 24-hour rule of its own.
    expect(slaState('2026-03-12T09:00:00.000Z', deadline - 1000)).toBe('on_time');
    expect(slaState(null, deadline)).toBeNull();
    expect(slaState('geen datum', deadline)).toBeNull();
  });

  it('only while the handling time runs (not for scheduled or closed reports)', () => {
    expect(slaRunning('in_progress')).toBe(true);
    expect(slaRunning('scheduled')).toBe(false);
    expect(reportSla(report({ status: 'triaged' }), deadline + 1)).toBe('overdue');
    expect(reportSla(report({ status: 'closed' }), deadline + 1)).toBeNull();
  });

  it('paused while the report waits for the reporter, in the badge, the queue filters and the overview alike', () => {
    const waiting = report({ status: 'triaged', awaitingReplySince: '2026-03-11T09:00:00.000Z' });
    expect(reportSla(waiting, deadline + 1)).toBeNull();
    expect(slaFigureOf(waiting, deadline + 1, 'Europe/Amsterdam')).toBeNull();
    expect(matchesStatusFilter(waiting, 'overdue', '2026-03-12', deadline + 1)).toBe(false);
    const running = report({ status: 'triaged', awaitingReplySince: null });
    expect(slaFigureOf(running, deadline + 1, 'Europe/Amsterdam')).toBe('overdue');
    expect(matchesStatusFilter(running, 'overdue', '2026-03-12', deadline + 1)).toBe(true);
  });

  it('due first: soonest running deadline first, then the rest newest first', () => {
    const a = report({ id: 'a', status: 'triaged', slaDeadline: '2026-03-13T09:00:00.000Z', createdAt: '2026-03-10T09:00:00.000Z' });
    const b = report({ id: 'b', status: 'new', slaDeadline: '2026-03-12T09:00:00.000Z', createdAt: '2026-03-11T09:00:00.000Z' });
    const c = report({ id: 'c', status: 'scheduled', slaDeadline: '2026-03-11T09:00:00.000Z', createdAt: '2026-03-09T09:00:00.000Z' });
    const d = report({ id: 'd', status: 'new', slaDeadline: null, createdAt: '2026-03-11T10:00:00.000Z' });
    expect([a, c, d, b].sort(compareDueFirst).map((r) => r.id)).toEqual(['b', 'a', 'd', 'c']);
  });
});

describe('followUpDue', () => {
  it('scheduled with a follow-up date today or before', () => {
    expect(followUpDue(report({ status: 'scheduled', followUpDate: '2026-03-10' }), '2026-03-10')).toBe(true);
    expect(followUpDue(report({ status: 'scheduled', followUpDate: '2026-03-09' }), '2026-03-10')).toBe(true);
    expect(followUpDue(report({ status: 'scheduled', followUpDate: '2026-03-11' }), '2026-03-10')).toBe(false);
    expect(followUpDue(report({ status: 'closed', followUpDate: '2026-03-01' }), '2026-03-10')).toBe(false);
    expect(followUpDue(report({ status: 'scheduled', followUpDate: null }), '2026-03-10')).toBe(false);
  });
});

describe('intake helpers', () => {
  it('findByNumber: exact, lower case, without prefix or leading zeros', () => {
    const reports = [report({ id: 'a', number: 'M-000123' }), report({ id: 'b', number: 'M-000045' })];
    expect(findByNumber(reports, 'M-000123')?.id).toBe('a');
    expect(findByNumber(reports, ' m-000045 ')?.id).toBe('b');
    expect(findByNumber(reports, '123')?.id).toBe('a');
    expect(findByNumber(reports, 'm-45')?.id).toBe('b');
    expect(findByNumber(reports, '999')).toBeUndefined();
    expect(findByNumber(reports, '')).toBeUndefined();
    expect(findByNumber(reports, 'M-')).toBeUndefined();
  });

  it('formatDistance: a decimal comma below 10 m, whole metres above', () => {
    expect(formatDistance(3.46)).toBe('3,5 m');
    expect(formatDistance(48.4)).toBe('48 m');
  });
});

describe('fix age', () => {
  const fix = { lat: 52, lng: 4, accuracy: 5, heading: null, at: '2026-03-10T10:00:00.000Z' };
  const at = Date.parse(fix.at);
  it('how old a fix is; stale after two minutes or without one', () => {
    expect(fixAgeMs(fix, at + 1500)).toBe(1500);
    expect(fixAgeMs(fix, at - 1000)).toBe(0);
    expect(fixAgeMs(null, at)).toBeNull();
    expect(fixAgeMs({ ...fix, at: 'gisteren' }, at)).toBeNull();
    expect(isStale(fix, at + STALE_FIX_MS)).toBe(false);
    expect(isStale(fix, at + STALE_FIX_MS + 1)).toBe(true);
    expect(isStale(null, at)).toBe(true);
  });
});
