import { describe, expect, it } from 'vitest';
import { citizenView } from '../../server/domain/citizen-view';
import { categoryInSentence, DEFAULT_MUNICIPALITY } from '../../server/domain/feedback-values';
import { citizenSubjectLine, renderStatusPage } from '../../server/http/citizen-page';
import type { Outcome } from '../../server/protocol/report';
import type { Resolution } from '../../server/protocol/resolution';
import { transitionStep } from '../support/timeline-steps';
import categories from '../../resources/categories.json' with { type: 'json' };
import { aReport } from './renderer-fixtures';

/**
 * The status page as a citizen reads it (the issue 15 walkthrough): the category in the citizen's words, a closed
 * report's header and last step in words that say what happened, the same words in both; the satisfaction question
 * asks Ja/Nee first and then shows only that answer's reasons, one group with its own name and one "Anders".
 */

const step = transitionStep;

const found = { code: 'tak_laag', text: 'We zagen dat de tak laag over de stoep hangt.' };
const closing = (outcome: Outcome, referredTo?: string): Resolution =>
  ({ kind: 'close', outcome, found, action: { code: 'tak_verwijderd', text: 'We hebben de tak weggehaald.' }, ...(referredTo ? { referredTo } : {}) }) as Resolution;
const closedView = (outcome: Outcome, referredTo?: string) =>
  citizenView(aReport({ status: 'closed', outcome, category: 'groen' }), 'een boomtak of ander groen', [step('new', 'triaged'), step('in_progress', 'closed', closing(outcome, referredTo))], false);

describe('status page words', () => {
  it('a closed report: header and last step say what happened, in the same words', () => {
    const resolved = closedView('resolved');
    expect(resolved.headline).toBe('Opgelost');
    expect(resolved.steps.at(-1)?.title).toBe('Opgelost');
    const referred = closedView('referred', 'Stadsbeheer');
    expect(referred.headline).toBe('Doorgestuurd naar Stadsbeheer');
    expect(referred.steps.at(-1)?.title).toBe('Doorgestuurd naar Stadsbeheer');
    // Said once, by the title: no "We hebben uw melding doorgestuurd naar Stadsbeheer." under it.
    expect(referred.steps.at(-1)?.lines.join(' ')).not.toContain('Stadsbeheer');
    for (const outcome of ['no_action', 'not_found', 'duplicate', 'cancelled'] as const) {
      const view = closedView(outcome);
      expect(view.headline, outcome).not.toMatch(/^Afgesloten|Afgehandeld/);
      expect(view.steps.at(-1)?.title, outcome).toBe(view.headline);
    }
    const html = renderStatusPage(resolved, 'tok', DEFAULT_MUNICIPALITY);
    expect(html).not.toContain('Afgehandeld');
    expect(html).not.toContain('Afgesloten: opgelost');
  });

  it('a scheduled report: the step says "Ingepland voor <date>" as the header does', () => {
    const schedule: Resolution = { kind: 'schedule', found, action: { code: 'onderhoudsronde', text: 'Gemarkeerd.' }, followUp: { date: '2026-12-26', what: 'snoeien', who: 'Team Groen' } };
    const view = citizenView(aReport({ status: 'scheduled', followUpDate: '2026-12-26' }), 'een boomtak', [step('awaiting_review', 'scheduled', schedule)], false);
    expect(view.headline).toBe('Ingepland voor zaterdag 26 december 2026');
    expect(view.steps.at(-1)?.title).toBe(view.headline);
  });

  it('the header names the category as a citizen says it, not its internal label', () => {
    const html = renderStatusPage(closedView('resolved'), 'tok', DEFAULT_MUNICIPALITY);
    expect(html).toMatch(/data-testid="citizen-subject">Wat u meldde: een boomtak of ander groen</);
  });

  it('the subject line reads naturally for every seeded category, nl and en (not "Over overlast")', () => {
    for (const category of categories) {
      for (const locale of ['nl', 'en'] as const) {
        const phrase = categoryInSentence({
          categoryPhrase: locale === 'nl' ? category.phraseNl : category.phraseEn,
          categoryName: locale === 'nl' ? category.nameNl : category.nameEn,
          report: aReport({ category: category.code }),
          locale,
        });
        const line = citizenSubjectLine(phrase, 'Dorpsstraat 1', locale);
        expect(line, `${category.code} ${locale}`).toBe(`${locale === 'nl' ? 'Wat u meldde' : 'What you reported'}: ${phrase} · Dorpsstraat 1`);
        expect(line, `${category.code} ${locale}`).not.toMatch(/^(over|about) /i);
      }
    }
    const nuisance = citizenView(aReport({ status: 'triaged', category: 'overlast', address: null }), 'overlast', [step('new', 'triaged')], false);
    const html = renderStatusPage(nuisance, 'tok', DEFAULT_MUNICIPALITY);
    expect(html).toContain('data-testid="citizen-subject">Wat u meldde: overlast</p>');
  });

  it('Dutch text quotes with typographic quotes, not straight ones', () => {
    const html = renderStatusPage(closedView('resolved'), 'tok', DEFAULT_MUNICIPALITY, undefined, undefined, { answer: 'nee' });
    const text = html.replace(/<[^>]*>/g, ' ');
    expect(text).toContain('‘Het probleem is niet opgelost’');
    expect(text).not.toMatch(/"/);
  });
});

describe('satisfaction question: only where it fits', () => {
  it('a referred report is not asked whether it was solved to satisfaction (someone else solves it)', () => {
    const referred = closedView('referred', 'Stadsbeheer');
    expect(referred.askSatisfaction).toBe(false);
    const html = renderStatusPage(referred, 'tok', DEFAULT_MUNICIPALITY);
    expect(html).not.toContain('data-testid="satisfaction-form"');
    expect(html).not.toContain('tevredenheid');
    // A refused answer (a page from before the referral) still shows why.
    const refused = renderStatusPage(referred, 'tok', DEFAULT_MUNICIPALITY, 'Weigering', 'satisfaction');
    expect(refused).toContain('data-testid="citizen-error">Weigering</p>');
  });

  it('other closings are asked', () => {
    for (const outcome of ['resolved', 'no_action', 'not_found'] as const) expect(closedView(outcome).askSatisfaction, outcome).toBe(true);
  });
});

describe('satisfaction question: Ja/Nee first, then that answer\'s reasons', () => {
  const view = closedView('resolved');
  const radios = (html: string) => [...html.matchAll(/<input type="radio" name="([^"]+)" value="([^"]+)"/g)].map((m) => [m[1], m[2]]);

  it('first only Ja and Nee (no reasons yet)', () => {
    const html = renderStatusPage(view, 'tok', DEFAULT_MUNICIPALITY);
    expect(html).toContain('Is uw melding naar tevredenheid opgelost?');
    expect(radios(html)).toEqual([]);
    expect(html).toMatch(/<button[^>]*name="tevreden" value="ja"/);
    expect(html).toMatch(/<button[^>]*name="tevreden" value="nee"/);
  });

  it('each step opens at the form, not at the top of the page (at 320 px the reasons are far below it)', () => {
    const first = renderStatusPage(view, 'tok', DEFAULT_MUNICIPALITY);
    expect(first).toContain('<form method="get" action="/status/tok#tevredenheid" id="tevredenheid"');
    // A refused answer comes back as the page with the error in the form: it opens there too.
    const reasons = renderStatusPage(view, 'tok', DEFAULT_MUNICIPALITY, undefined, undefined, { answer: 'nee' });
    expect(reasons).toContain('<form method="post" action="/status/tok/antwoord#tevredenheid" id="tevredenheid"');
  });

  it('after Nee: only the "nee" reasons, in a group of their own with one "Anders"', () => {
    const html = renderStatusPage(view, 'tok', DEFAULT_MUNICIPALITY, undefined, undefined, { answer: 'nee' });
    const nee = radios(html);
    expect(nee.map(([name]) => name)).toEqual(Array(nee.length).fill('reden_nee'));
    expect(nee.map(([, code]) => code)).toContain('niet_opgelost');
    expect(nee.map(([, code]) => code)).not.toContain('snel');
    expect(html.match(/<span>Anders<\/span>/g)).toHaveLength(1);
    expect(html).toContain('<input type="hidden" name="tevreden" value="nee">');
  });

  it('after Ja: only the "ja" reasons, with their own name', () => {
    const html = renderStatusPage(view, 'tok', DEFAULT_MUNICIPALITY, undefined, undefined, { answer: 'ja' });
    const ja = radios(html);
    expect(new Set(ja.map(([name]) => name))).toEqual(new Set(['reden_ja']));
    expect(ja.map(([, code]) => code)).toEqual(['snel', 'op_de_hoogte', 'goed_opgelost', 'vriendelijk', 'anders_positief']);
    expect(html.match(/<span>Anders<\/span>/g)).toHaveLength(1);
  });
});
