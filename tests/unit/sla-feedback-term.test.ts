import { describe, expect, it } from 'vitest';
import { composeFeedback } from '../../server/domain/feedback';
import { placeholderValues } from '../../server/domain/feedback-values';

const report = { number: 'M-000123', category: 'overlast', address: 'Spui 70' };
const links = { status: 'https://meldkamer.example/status/Xk29fQp8' };
/** Saturday 5 December 2026, 03:00 in Amsterdam. */
const deadline = new Date('2026-12-05T02:00:00.000Z');

describe('the receipt follows the real term', () => {
  it('an urgent report due in hours: "binnen 4 uur", not working days', () => {
    const nl = composeFeedback({ trigger: 'receipt', locale: 'nl', report, links, sla: { workingDays: 1, hours: 4, deadline } });
    const en = composeFeedback({ trigger: 'receipt', locale: 'en', report, links, sla: { workingDays: 1, hours: 1, deadline } });
    expect(nl.ok && nl.text).toContain('Binnen 4 uur');
    expect(nl.ok && nl.text).not.toContain('werkdag');
    expect(en.ok && en.text).toContain('Within 1 hour');
    expect(en.ok && en.text).not.toContain('working day');
  });

  it('the target date of an hours term carries its local time; a working-day term only the date', () => {
    expect(placeholderValues({ report, locale: 'nl', links, sla: { workingDays: 1, hours: 4, deadline } }).streefdatum).toBe(
      'zaterdag 5 december 2026 om 03:00',
    );
    expect(placeholderValues({ report, locale: 'en', links, sla: { workingDays: 1, hours: 4, deadline } }).streefdatum).toBe(
      'Saturday, 5 December 2026 at 03:00',
    );
    expect(placeholderValues({ report, locale: 'nl', links, sla: { workingDays: 1, deadline } })).toMatchObject({
      afhandeltermijn: '1 werkdag',
      streefdatum: 'zaterdag 5 december 2026',
    });
  });
});
