import { describe, expect, it } from 'vitest';
import { makeTranslate } from '../../renderer/console/i18n';
import { formatKpi } from '../../renderer/console/kpi/kpiRows';
import { duration } from '../../renderer/console/shift-report/ShiftReportSheet';
import { formatFigureDuration } from '../../renderer/console/ui/figureDuration';
import { figureDurationDutch } from '../../server/domain/figure-duration';

/**
 * Durations in the shift lead's figures (overview and wallboard, KPIs, shift report) are written alike: under a minute
 * "< 1 min" (never "0 min"), then whole minutes, hours and minutes, days and hours.
 */
describe('figure durations', () => {
  const nl = makeTranslate('nl');
  const en = makeTranslate('en');

  it('under a minute is "< 1 min" in Dutch and English, never "0 min"', () => {
    for (const ms of [0, 1, 20_000, 59_999]) {
      expect(formatFigureDuration(nl, ms)).toBe('< 1 min');
      expect(formatFigureDuration(en, ms)).toBe('< 1 min');
      expect(formatKpi(nl, 'nl', 'duration', ms)).toBe('< 1 min');
      expect(formatKpi(en, 'en', 'duration', ms)).toBe('< 1 min');
      expect(duration(nl, ms)).toBe('< 1 min');
    }
  });

  it('whole minutes, then hours and minutes, then days and hours; the same in the KPIs and the shift report', () => {
    const cases: [number, string, string][] = [
      [60_000, '1 min', '1 min'],
      [119_000, '1 min', '1 min'],
      [59 * 60_000, '59 min', '59 min'],
      [65 * 60_000, '1 u 5 min', '1 h 5 min'],
      [(26 * 60 + 30) * 60_000, '1 d 2 u', '1 d 2 h'],
    ];
    for (const [ms, dutch, english] of cases) {
      expect(formatFigureDuration(nl, ms)).toBe(dutch);
      expect(formatFigureDuration(en, ms)).toBe(english);
      expect(formatKpi(nl, 'nl', 'duration', ms)).toBe(dutch);
      expect(duration(nl, ms)).toBe(dutch);
      expect(duration(en, ms)).toBe(english);
    }
    expect(duration(nl, null)).toBe('–');
  });

  it('the shift report PDF writes them as the Dutch screens do (it wrote "1560 min" for 1 d 2 u)', () => {
    for (const ms of [0, 59_999, 60_000, 59 * 60_000, 60 * 60_000, 65 * 60_000, 26 * 3_600_000, (26 * 60 + 30) * 60_000, 9 * 86_400_000]) {
      expect(figureDurationDutch(ms), `${ms} ms`).toBe(formatFigureDuration(nl, ms));
    }
  });
});
