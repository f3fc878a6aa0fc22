import { describe, expect, it } from 'vitest';
import type { OverviewState } from '../../server/domain/overview';
import type { OverviewAlert, OverviewReport, OverviewUnit } from '../../server/protocol/overview';
import { wallboardAlertLine } from '../../renderer/wallboard/alertLine';

/** The wall names the report an alert is about (its number and category), never anything of the citizen. */
const report = { id: 'r1', number: 'M-000123', category: 'afval' } as OverviewReport;
const unit = { id: 'u1', callsign: 'HH-12' } as OverviewUnit;
const state: OverviewState = {
  reports: new Map([[report.id, report]]),
  units: new Map([[unit.id, unit]]),
  emergencies: new Map(),
  alerts: new Map(),
};
const alert = (over: Partial<OverviewAlert>): OverviewAlert => ({
  id: 'a1',
  kind: 'high_priority',
  unitId: null,
  reportId: null,
  createdAt: '2026-11-30T20:24:00.000Z',
  escalation: null,
  ...over,
});
const words = {
  kind: (kind: string) => (kind === 'high_priority' ? 'Hoge prioriteit' : kind),
  category: (code: string) => (code === 'afval' ? 'Afval naast container' : code),
};

describe('wallboard alert line', () => {
  it('names the report by number and category phrase', () => {
    expect(wallboardAlertLine(alert({ reportId: 'r1' }), state, words)).toBe('Hoge prioriteit · M-000123 Afval naast container');
  });
  it('with the unit it concerns', () => {
    expect(wallboardAlertLine(alert({ kind: 'check_in_missed', unitId: 'u1', reportId: 'r1' }), state, words)).toBe(
      'check_in_missed HH-12 · M-000123 Afval naast container',
    );
  });
  it('without a report (or one no longer on the wall): kind only', () => {
    expect(wallboardAlertLine(alert({}), state, words)).toBe('Hoge prioriteit');
    expect(wallboardAlertLine(alert({ reportId: 'gone' }), state, words)).toBe('Hoge prioriteit');
  });
});
