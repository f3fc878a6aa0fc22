import { describe, expect, it } from 'vitest';
import { makeTranslate } from '../../renderer/console/i18n';
import { MESSAGES } from '../../renderer/console/i18n/messages';
import { interpolate } from '../../renderer/shared/i18n/core';

/** Count messages say "1 melding", "2 meldingen" (not "1 meldingen" or "melder(s)"), in Dutch and English. */
describe('plural forms in the console texts', () => {
  it('interpolate picks the form by the language’s plural rules, # being the number', () => {
    const template = '{n, plural, one {# melding} other {# meldingen}} vandaag';
    expect(interpolate(template, { n: 1 }, 'nl')).toBe('1 melding vandaag');
    expect(interpolate(template, { n: 0 }, 'nl')).toBe('0 meldingen vandaag');
    expect(interpolate(template, { n: 12 }, 'nl')).toBe('12 meldingen vandaag');
    expect(interpolate('{n, plural, =0 {geen} one {één} other {#}}', { n: 0 }, 'nl')).toBe('geen');
    // A count already written out for the language reads by its value.
    expect(interpolate(template, { n: '1.234' }, 'nl')).toBe('1.234 meldingen vandaag');
    expect(interpolate(template, { n: '1' }, 'nl')).toBe('1 melding vandaag');
    // Without the count the template stays as it is; plain placeholders work as before.
    expect(interpolate(template, {}, 'nl')).toBe(template);
    expect(interpolate('{a} en {b}', { a: 1, b: 'x' })).toBe('1 en x');
  });

  const cases: { key: Parameters<ReturnType<typeof makeTranslate>>[0]; params: Record<string, number | string>; nl: string; en: string }[] = [
    { key: 'context.reporterHistory', params: { reports: 1, open: 0, satisfied: 1, unsatisfied: 0 }, nl: '1 melding,', en: '1 report,' },
    { key: 'external.photos', params: { count: 1 }, nl: '1 foto bij', en: '1 photo with' },
    { key: 'intake.reporters', params: { n: 1 }, nl: '1 melder', en: '1 reporter' },
    { key: 'intake.linkedCount', params: { n: 1 }, nl: 'heeft nu 1 melder met', en: 'now has 1 reporter with' },
    { key: 'merge.done', params: { number: 'M-2', original: 'M-1', n: 1 }, nl: '1 melder volgt nu', en: '1 reporter now follows' },
    { key: 'signals.fileInfo', params: { name: 'a.csv', n: 1, delimiter: ';' }, nl: '1 kolom,', en: '1 column,' },
    { key: 'signals.more', params: { n: 1 }, nl: 'en nog 1 rij', en: 'and 1 more row' },
    { key: 'signals.moreRejected', params: { n: 1 }, nl: 'en nog 1 rij met fouten', en: 'and 1 more row with errors' },
    { key: 'signals.import', params: { n: 1 }, nl: '1 rij importeren', en: 'Import 1 row' },
    { key: 'signals.summary', params: { valid: 1, rejected: 2 }, nl: '1 rij goed', en: '1 row fine' },
    { key: 'signals.result', params: { imported: 1, rejected: 1 }, nl: '1 signaal geïmporteerd, 1 rij afgewezen', en: '1 signal imported, 1 row rejected' },
    { key: 'res.previewRecipients', params: { n: 1 }, nl: 'Gaat naar 1 melder.', en: 'Goes to 1 reporter.' },
    { key: 'tasking.drawing', params: { n: 1 }, nl: '1 punt', en: '1 point' },
    { key: 'units.officers', params: { n: 1 }, nl: '1 pers.', en: '1 officer' },
    { key: 'hotspots.totals', params: { count: 1, cells: 1, from: '1 dec', previous: 0 }, nl: '1 melding of signaal in 1 cel ', en: '1 report or signal in 1 cell ' },
    { key: 'parts.done', params: { count: 1, numbers: 'M-1' }, nl: '1 deel aangemaakt', en: '1 part created' },
    { key: 'privacy.found', params: { reports: 1, reporters: 1, messages: 1, responses: 1 }, nl: '1 melding, 1 melder-regel, 1 bericht, 1 reactie', en: '1 report, 1 reporter entry, 1 message, 1 response' },
  ];

  it('each count message reads right for 1 and for several, nl and en', () => {
    for (const locale of ['nl', 'en'] as const) {
      const t = makeTranslate(locale);
      for (const c of cases) {
        const one = t(c.key, c.params);
        expect(one, `${c.key} ${locale}`).toContain(c[locale]);
        expect(one, `${c.key} ${locale}`).not.toMatch(/\(s\)|\(en\)|\/signalen|[{}#]/);
        const many = t(c.key, Object.fromEntries(Object.entries(c.params).map(([k, v]) => [k, typeof v === 'number' ? 3 : v])));
        expect(many, `${c.key} ${locale}`).not.toContain(c[locale]);
        expect(many, `${c.key} ${locale}`).toMatch(/3 /);
        expect(many, `${c.key} ${locale}`).not.toMatch(/[{}#]/);
      }
    }
  });

  it('no console text hedges a plural with (s), (en) or a slash any more', () => {
    for (const locale of ['nl', 'en'] as const) {
      const hedged = Object.entries(MESSAGES[locale]).filter(([, text]) => /\{\w+\}[^{}]*?\w\((s|en)\)|signaal\/signalen/.test(text));
      expect(hedged.map(([key]) => key), locale).toEqual([]);
    }
  });
});
