import { describe, expect, it } from 'vitest';
import { composeFeedback, defaultTemplates } from '../../server/domain/feedback';
import { DEFAULT_READABILITY_FLOOR, readability } from '../../server/domain/readability';
import { tidyText } from '../../server/domain/resolution-frames';
import type { Resolution } from '../../server/protocol/resolution';

/**
 * Every seeded template, filled with the branch case (the tak over the stoep of the source article, the officer's
 * words as typed in the field), reaches the readability floor. The short code and report number are codes, not words
 * (as in the hub's preview).
 */

const report = { number: 'M-000123', category: 'groen', address: 'Laan van Meerdervoort 12, Den Haag' };
const links = { status: 'https://meldkamer.example/status/Xk29fQp8' };
const accessCode = 'EY7WVY';

const branchScheduled: Resolution = {
  kind: 'schedule',
  found: { code: 'tak_laag', text: 'tak hangt laag' },
  action: { code: 'onderhoudsronde', text: 'gemarkeerd voor snoeiploeg' },
  followUp: { date: '2027-06-14', what: 'De tak wordt gesnoeid in de onderhoudsronde', who: 'Team Groen' },
};

function branchClosed(outcome: string): Resolution {
  return {
    kind: 'close',
    outcome,
    found: { code: 'tak_laag', text: 'tak hing laag over de stoep' },
    action: { code: 'tak_verwijderd', text: 'tak gesnoeid door de snoeiploeg' },
    ...(outcome === 'referred' ? { referredTo: 'Stadsbeheer' } : {}),
  } as Resolution;
}

describe('seeded templates reach the readability floor with the branch case', () => {
  it.each(defaultTemplates.map((t) => [t.id, t] as const))('%s', (_id, template) => {
    const resolution =
      template.trigger === 'scheduled' || (template.trigger as string) === 'follow_up_visit'
        ? branchScheduled
        : template.trigger === 'receipt' ? undefined : branchClosed(template.outcome ?? 'resolved');
    const composed = composeFeedback({
      trigger: template.trigger,
      template,
      locale: template.locale,
      report: { ...report, category: template.category === '*' ? 'groen' : template.category },
      links,
      accessCode,
      recipient: { name: 'Jan Jansen' },
      sla: { workingDays: 5 },
      ...(resolution ? { resolution } : {}),
      ...(template.trigger.startsWith('reopen') ? { reply: 'We kijken nog een keer naar de tak.' } : {}),
    } as Parameters<typeof composeFeedback>[0]);
    expect(composed.ok, JSON.stringify(composed)).toBe(true);
    if (!composed.ok) return;
    const r = readability(composed.text, { locale: template.locale, skip: [accessCode, report.number] });
    expect(r.score, `${template.id}:\n${composed.text}`).not.toBeNull();
    expect(r.score!, `${template.id}:\n${composed.text}`).toBeGreaterThanOrEqual(DEFAULT_READABILITY_FLOOR);
  });
});

describe('the branch case reads as whole sentences once tidied, and not before', () => {
  const compose = (resolution: Resolution) => {
    const template = defaultTemplates.find((t) => t.id === 'scheduled.*.-.nl')!;
    const composed = composeFeedback({ trigger: 'scheduled', template, locale: 'nl', report, links, accessCode, resolution } as Parameters<
      typeof composeFeedback
    >[0]);
    if (!composed.ok) throw new Error(JSON.stringify(composed));
    return readability(composed.text, { locale: 'nl', skip: [accessCode, report.number] }).hints.filter((h) => h.kind === 'fragment');
  };

  it('flags the untidied field fragments in the scheduled message', () => {
    expect(compose(branchScheduled).map((h) => h.text)).toEqual(['Tak hangt laag.', 'Gemarkeerd voor snoeiploeg.']);
  });

  it('has no fragment tip for the tidied texts, nor anywhere in the seeded templates', () => {
    const tidied: Resolution = {
      ...branchScheduled,
      found: { code: 'tak_laag', text: tidyText('found', 'tak_laag', branchScheduled.found.text, 'nl') },
      action: { code: 'onderhoudsronde', text: tidyText('action', 'onderhoudsronde', branchScheduled.action.text, 'nl') },
    };
    expect(compose(tidied)).toEqual([]);
    for (const template of defaultTemplates) {
      const r = readability(template.body.replace(/\{\??[a-z_]+\}/g, 'X-1'), { locale: template.locale });
      expect(r.hints.filter((h) => h.kind === 'fragment').map((h) => h.text), template.id).toEqual([]);
    }
  });
});
