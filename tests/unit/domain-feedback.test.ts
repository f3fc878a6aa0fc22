import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../server/protocol/report';
import type { FeedbackTemplate, Resolution } from '../../server/protocol/resolution';
import {
  checkSpecific,
  composeFeedback,
  defaultTemplates,
  escapeHtml,
  fillTemplate,
  formatLongDate,
  PLACEHOLDERS,
  renderHtml,
  selectTemplate,
  type TemplateValidation,
  validateTemplate,
} from '../../server/domain/feedback';

const OUTCOMES: Outcome[] = ['resolved', 'referred', 'no_action', 'not_found', 'duplicate', 'cancelled'];
const TRIGGERS = ['receipt', 'scheduled', 'closed', 'reopen_accepted', 'reopen_rejected'] as const;
const CATEGORIES = ['afval', 'parkeren', 'zwerffiets', 'overlast', 'groen', 'verlichting', 'graffiti'];

const report = { number: 'M-000123', category: 'groen', address: 'Laan van Meerdervoort 12, Den Haag' };
const links = { status: 'https://meldkamer.example/status/Xk29fQp8' };

const branchScheduled: Resolution = {
  kind: 'schedule',
  found: { code: 'tak_laag', text: 'Tak hangt laag over de stoep, geen direct gevaar' },
  action: { code: 'onderhoudsronde', text: 'Beoordeeld: niet urgent, doorgezet naar groenbeheer' },
  followUp: { date: '2027-06-14', what: 'Tak snoeien in de onderhoudsronde', who: 'Stadsbeheer, team groen' },
};

const branchResolved: Resolution = {
  kind: 'close',
  outcome: 'resolved',
  found: { code: 'tak_laag', text: 'Tak hing op 1,80 m over de stoep' },
  action: { code: 'tak_verwijderd', text: 'Tak afgezaagd in de onderhoudsronde' },
};

function closing(outcome: Outcome): Resolution {
  return {
    ...branchResolved,
    outcome,
    ...(outcome === 'referred' ? { referredTo: 'Waternet' } : {}),
  } as Resolution;
}

describe('fillTemplate', () => {
  it('fills every placeholder', () => {
    expect(fillTemplate('Melding {meldingnummer} op {adres}.', { meldingnummer: 'M-1', adres: 'Plein 1' })).toEqual({
      ok: true,
      text: 'Melding M-1 op Plein 1.',
    });
  });

  it('refuses missing required placeholders, each listed once', () => {
    expect(fillTemplate('{bevinding} / {actie} / {bevinding} / {meldingnummer}', { meldingnummer: 'M-1' })).toEqual({
      ok: false,
      missing: ['bevinding', 'actie'],
      unknown: [],
    });
  });

  it('counts a blank value as missing', () => {
    expect(fillTemplate('{bevinding}', { bevinding: '   ' })).toEqual({ ok: false, missing: ['bevinding'], unknown: [] });
  });

  it('refuses unknown placeholders, also optional or oddly cased ones', () => {
    expect(fillTemplate('{voornaam} {?foo} {Meldingnummer} {}', { meldingnummer: 'M-1' })).toEqual({
      ok: false,
      missing: [],
      unknown: ['voornaam', 'foo', 'Meldingnummer', ''],
    });
  });

  it('reports missing and unknown together', () => {
    expect(fillTemplate('{actie} {onzin}', {})).toEqual({ ok: false, missing: ['actie'], unknown: ['onzin'] });
  });

  it('drops the line of an absent optional placeholder, unless the line also holds a required one', () => {
    const text = 'Boven\n\n{?aandachtsgebied_uitleg}\n\nOnder {?code}';
    expect(fillTemplate(text, {})).toEqual({ ok: true, text: 'Boven' });
    expect(fillTemplate('Boven\nUw code is {?code}, voor als u uw melding opzoekt.\nOnder', {})).toEqual({ ok: true, text: 'Boven\nOnder' });
    expect(fillTemplate('Melding {meldingnummer} {?code}', { meldingnummer: 'M-1' })).toEqual({ ok: true, text: 'Melding M-1' });
    expect(fillTemplate(text, { aandachtsgebied_uitleg: 'Hier houden we extra toezicht.', code: 'K7' })).toEqual({
      ok: true,
      text: 'Boven\n\nHier houden we extra toezicht.\n\nOnder K7',
    });
  });

  it('does not scan values for placeholders', () => {
    expect(fillTemplate('{bevinding}', { bevinding: 'Tekst met {actie} erin' })).toEqual({
      ok: true,
      text: 'Tekst met {actie} erin',
    });
  });

  it('tolerates spaces inside the braces', () => {
    expect(fillTemplate('{ meldingnummer } {? code }', { meldingnummer: 'M-1' })).toEqual({ ok: true, text: 'M-1' });
  });
});

describe('selectTemplate precedence', () => {
  const t = (id: string, category: string, outcome?: Outcome, locale: 'nl' | 'en' = 'nl'): FeedbackTemplate => ({
    id,
    category,
    trigger: 'closed',
    ...(outcome ? { outcome } : {}),
    locale,
    subject: id,
    body: id,
  });
  const all = [t('star', '*'), t('star+outcome', '*', 'resolved'), t('cat', 'groen'), t('cat+outcome', 'groen', 'resolved')];
  const query = { category: 'groen', trigger: 'closed', outcome: 'resolved', locale: 'nl' } as const;

  it('category+outcome > category > *+outcome > *', () => {
    let pool = [...all];
    for (const expected of ['cat+outcome', 'cat', 'star+outcome', 'star']) {
      expect(selectTemplate(pool, query)?.id).toBe(expected);
      pool = pool.filter((x) => x.id !== expected);
    }
    expect(selectTemplate(pool, query)).toBeUndefined();
  });

  it('order in the list does not matter', () => {
    expect(selectTemplate([...all].reverse(), query)?.id).toBe('cat+outcome');
  });

  it('never uses a template of another outcome, category or trigger', () => {
    const others = [t('other-outcome', 'groen', 'referred'), t('other-cat', 'afval', 'resolved'), t('other-cat2', 'afval')];
    expect(selectTemplate(others, query)).toBeUndefined();
    expect(selectTemplate(all, { ...query, trigger: 'scheduled', outcome: undefined })).toBeUndefined();
  });

  it('a category template without outcome serves a query without outcome', () => {
    expect(selectTemplate(all, { ...query, outcome: undefined })?.id).toBe('cat');
  });

  it('uses the requested locale, falling back to Dutch', () => {
    const pool = [...all, t('en-star', '*', undefined, 'en')];
    expect(selectTemplate(pool, { ...query, locale: 'en' })?.id).toBe('en-star');
    expect(selectTemplate(all, { ...query, locale: 'en' })?.id).toBe('cat+outcome');
  });

  it('picks the category-specific default for groen/scheduled', () => {
    expect(
      selectTemplate(defaultTemplates, { category: 'groen', trigger: 'scheduled', locale: 'nl' })?.id,
    ).toBe('scheduled.groen.-.nl');
    expect(selectTemplate(defaultTemplates, { category: 'afval', trigger: 'scheduled', locale: 'nl' })?.id).toBe(
      'scheduled.*.-.nl',
    );
  });
});

describe('default templates', () => {
  it('are all valid and uniquely named', () => {
    for (const template of defaultTemplates) expect(validateTemplate(template), template.id).toEqual({ ok: true, value: template });
    expect(new Set(defaultTemplates.map((t) => t.id)).size).toBe(defaultTemplates.length);
  });

  it('cover every trigger, every outcome, both languages', () => {
    for (const locale of ['nl', 'en'] as const) {
      for (const trigger of TRIGGERS) {
        if (trigger === 'closed') {
          for (const outcome of OUTCOMES) {
            expect(defaultTemplates.some((t) => t.trigger === trigger && t.category === '*' && t.outcome === outcome && t.locale === locale)).toBe(true);
          }
        } else {
          expect(defaultTemplates.some((t) => t.trigger === trigger && t.category === '*' && t.locale === locale)).toBe(true);
        }
      }
    }
  });

  it('never send a bare "afgehandeld"', () => {
    for (const t of defaultTemplates) expect(t.body.toLowerCase()).not.toMatch(/\bis afgehandeld\b/);
  });
});

describe('composeFeedback: closing', () => {
  it('contains what was found and what was done', () => {
    const result = composeFeedback({ trigger: 'closed', locale: 'nl', report, links, resolution: branchResolved });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.templateId).toBe('closed.*.resolved.nl');
    expect(result.subject).toBe('Uw melding M-000123 is opgelost');
    expect(result.text).toContain('Tak hing op 1,80 m over de stoep. Tak afgezaagd in de onderhoudsronde.');
    expect(result.text).not.toMatch(/Wat we (aantroffen|deden):/);
    expect(result.text).toContain('Bedankt voor uw melding.');
    expect(result.text).toContain('over boomtak of groen is opgelost. Het ging om Laan van Meerdervoort 12, Den Haag.');
    expect(result.text).toContain(links.status);
    expect(result.text).not.toMatch(/[{}]/);
  });

  it('names the party for referred, in subject and text', () => {
    const result = composeFeedback({ trigger: 'closed', locale: 'nl', report, links, resolution: closing('referred') });
    expect(result).toMatchObject({ ok: true, subject: 'Uw melding M-000123 is doorgestuurd naar Waternet' });
    if (result.ok) expect(result.text).toContain('De verdere aanpak ligt bij Waternet');
  });

  const matrix = CATEGORIES.flatMap((category) =>
    OUTCOMES.flatMap((outcome) => (['nl', 'en'] as const).map((locale) => [category, outcome, locale] as const)),
  );
  it.each(matrix)('%s / %s / %s composes with found and action', (category, outcome, locale) => {
    const resolution = closing(outcome);
    const result = composeFeedback({ trigger: 'closed', locale, report: { ...report, category }, links, resolution });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.text).toContain(resolution.found.text);
    expect(result.text).toContain(resolution.action.text);
    if (outcome === 'referred') expect(result.text).toContain('Waternet');
    expect(result.text).not.toMatch(/[{}]/);
    expect(result.subject).toContain('M-000123');
  });

  it('uses category wording where it exists', () => {
    const result = composeFeedback({
      trigger: 'closed',
      locale: 'nl',
      report: { ...report, category: 'parkeren' },
      links,
      resolution: closing('not_found'),
    });
    expect(result).toMatchObject({ ok: true, templateId: 'closed.parkeren.not_found.nl' });
  });

  it('an edited message that keeps the facts is sent as edited', () => {
    const result = composeFeedback({
      trigger: 'closed',
      locale: 'nl',
      report,
      links,
      resolution: branchResolved,
      edited: { subject: 'Uw melding {meldingnummer}', text: 'Beste mevrouw Jansen,\n\n{bevinding}. {actie}.\n\n{statuslink}' },
    });
    expect(result).toMatchObject({
      ok: true,
      subject: 'Uw melding M-000123',
      text: `Beste mevrouw Jansen,\n\nTak hing op 1,80 m over de stoep. Tak afgezaagd in de onderhoudsronde.\n\n${links.status}`,
    });
  });

  it.each([
    'Uw melding is afgehandeld.',
    'Beste melder, uw melding M-000123 is opgelost. Met vriendelijke groet.',
    'Wat we aantroffen: Tak hing op 1,80 m over de stoep\nWat we deden: opgelost',
  ])('refuses an edited message without the specifics: %j', (text) => {
    const result = composeFeedback({ trigger: 'closed', locale: 'nl', report, links, resolution: branchResolved, edited: { text } });
    expect(result).toMatchObject({ ok: false, code: 'not_specific' });
    if (result.ok) return;
    expect(result.missing).toContain('actie');
    expect(result.message).toMatch(/^Het bericht moet letterlijk vermelden: .*wat er is gedaan/);
  });

  it('refuses a referral message that drops the party', () => {
    const result = composeFeedback({
      trigger: 'closed',
      locale: 'nl',
      report,
      links,
      resolution: closing('referred'),
      edited: { text: '{bevinding} {actie}' },
    });
    expect(result).toMatchObject({ ok: false, code: 'not_specific', missing: ['doorverwezen_naar'] });
  });

  it('refuses an edited message with an unknown placeholder', () => {
    const result = composeFeedback({
      trigger: 'closed',
      locale: 'nl',
      report,
      links,
      resolution: branchResolved,
      edited: { text: '{bevinding} {actie} {naam_centralist}' },
    });
    expect(result).toMatchObject({ ok: false, code: 'placeholders', missing: [], unknown: ['naam_centralist'] });
    if (!result.ok) expect(result.message).toBe('Het bericht kan niet worden verstuurd, plaatshouders onbekend: {naam_centralist}.');
  });

  it('refuses a closed message without a closing resolution', () => {
    expect(composeFeedback({ trigger: 'closed', locale: 'nl', report, links })).toMatchObject({
      ok: false,
      code: 'resolution_required',
    });
    expect(composeFeedback({ trigger: 'closed', locale: 'nl', report, links, resolution: branchScheduled })).toMatchObject({
      ok: false,
      code: 'resolution_required',
    });
  });

  it('refuses when there is no template', () => {
    expect(
      composeFeedback({ trigger: 'closed', locale: 'nl', report, links, resolution: branchResolved, templates: [] }),
    ).toMatchObject({ ok: false, code: 'no_template' });
  });

  it('refuses a template with a placeholder it cannot fill', () => {
    const template: FeedbackTemplate = {
      id: 'x',
      category: '*',
      trigger: 'closed',
      outcome: 'resolved',
      locale: 'nl',
      subject: '{meldingnummer}',
      body: '{bevinding} {actie} {vervolgdatum} {statuslink}',
    };
    const result = composeFeedback({ trigger: 'closed', locale: 'nl', report, links, resolution: branchResolved, template });
    expect(result).toMatchObject({ ok: false, code: 'placeholders', missing: ['vervolgdatum'], unknown: [] });
    if (!result.ok) expect(result.message).toBe('Het bericht kan niet worden verstuurd, plaatshouders niet ingevuld: {vervolgdatum}.');
  });
});

describe('composeFeedback: scheduled (the branch case)', () => {
  it('says what was found, what will happen and the date in Dutch', () => {
    const result = composeFeedback({ trigger: 'scheduled', locale: 'nl', report, links, resolution: branchScheduled });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.templateId).toBe('scheduled.groen.-.nl');
    expect(result.subject).toBe('Uw melding M-000123: werk ingepland voor maandag 14 juni 2027');
    expect(result.text).toContain('Tak hangt laag over de stoep, geen direct gevaar');
    expect(result.text).toContain('Tak hangt laag over de stoep, geen direct gevaar. Beoordeeld: niet urgent, doorgezet naar groenbeheer.');
    expect(result.text).toContain('Tak snoeien in de onderhoudsronde. Dat gebeurt op maandag 14 juni 2027. Het werk doet Stadsbeheer, team groen.');
    expect(result.text).toContain('nog niet klaar');
    // Open, so a second report would be a duplicate: call instead (the hub receives no e-mail).
    expect(result.text).toContain('Bel ons dan meteen op 14 070.');
    expect(result.text).not.toContain('Meld het dan opnieuw');
    expect(result.html).toContain('maandag 14 juni 2027');
  });

  it('uses the English date in English', () => {
    const result = composeFeedback({ trigger: 'scheduled', locale: 'en', report, links, resolution: branchScheduled });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.text).toMatch(/Monday,? 14 June 2027/);
  });

  it('the generic scheduled template also carries the date', () => {
    const result = composeFeedback({
      trigger: 'scheduled',
      locale: 'nl',
      report: { ...report, category: 'afval' },
      links,
      resolution: { ...branchScheduled, found: { code: 'container_vol', text: 'Container vol, zakken ernaast' } },
    });
    expect(result).toMatchObject({ ok: true, templateId: 'scheduled.*.-.nl' });
    if (result.ok) expect(result.text).toContain('Dat gebeurt op maandag 14 juni 2027.');
  });

  it('refuses an edited scheduled message without the date', () => {
    const result = composeFeedback({
      trigger: 'scheduled',
      locale: 'nl',
      report,
      links,
      resolution: branchScheduled,
      edited: { text: '{bevinding}. {vervolgactie} binnenkort.' },
    });
    expect(result).toMatchObject({ ok: false, code: 'not_specific', missing: ['vervolgdatum'] });
  });
});

describe('composeFeedback: receipt and reopen', () => {
  it('receipt carries the number, handling time and status link', () => {
    const result = composeFeedback({ trigger: 'receipt', locale: 'nl', report, links, sla: { workingDays: 3 } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.subject).toBe('Uw melding M-000123 is ontvangen');
    expect(result.text).toContain('Binnen 3 werkdagen');
    expect(result.text).toContain(links.status);
    expect(result.text).not.toMatch(/\n{3}/);
  });

  it('singular working day, English plural', () => {
    const nl = composeFeedback({ trigger: 'receipt', locale: 'nl', report, links, sla: { workingDays: 1 } });
    const en = composeFeedback({ trigger: 'receipt', locale: 'en', report, links, sla: { workingDays: 5 } });
    expect(nl.ok && nl.text).toContain('Binnen 1 werkdag ');
    expect(en.ok && en.text).toContain('Within 5 working days');
  });

  it('receipt without a handling time is refused', () => {
    expect(composeFeedback({ trigger: 'receipt', locale: 'nl', report, links })).toMatchObject({
      ok: false,
      code: 'placeholders',
      missing: ['afhandeltermijn'],
    });
  });

  it('receipt includes a focus-area explanation only when given', () => {
    const explanation = 'Rond dit plein houden we deze maand extra toezicht vanwege veel meldingen.';
    const withIt = composeFeedback({
      trigger: 'receipt',
      locale: 'nl',
      report,
      links,
      sla: { workingDays: 3 },
      focusAreaExplanation: explanation,
    });
    expect(withIt.ok && withIt.text).toContain(explanation);
  });

  it('a report without address gets a neutral location', () => {
    const result = composeFeedback({
      trigger: 'receipt',
      locale: 'nl',
      report: { ...report, address: null },
      links,
      sla: { workingDays: 3 },
    });
    expect(result.ok && result.text).toContain('Het gaat om de gemelde locatie.');
  });

  it.each(['reopen_accepted', 'reopen_rejected'] as const)('%s needs the reply and includes it', (trigger) => {
    expect(composeFeedback({ trigger, locale: 'nl', report, links })).toMatchObject({
      ok: false,
      missing: ['toelichting'],
    });
    const reply = 'De tak is inderdaad nog niet weg; we sturen deze week een ploeg.';
    const result = composeFeedback({ trigger, locale: 'nl', report, links, reply });
    expect(result.ok && result.text).toContain(reply);
  });
});

describe('html', () => {
  it('escapes user text and links only the status link', () => {
    const resolution: Resolution = {
      ...branchResolved,
      found: { code: 'tak_laag', text: '<script>alert("x")</script> & "tak"' },
    } as Resolution;
    const result = composeFeedback({ trigger: 'closed', locale: 'nl', report: { ...report, address: '<b>Straat</b> 1' }, links, resolution });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.html).not.toContain('<script>');
    expect(result.html).not.toContain('<b>');
    expect(result.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;tak&quot;');
    expect(result.html).toContain('&lt;b&gt;Straat&lt;/b&gt; 1');
    expect(result.html).toContain(`<a href="${links.status}">${links.status}</a>`);
    expect(result.text).toContain('<script>'); // the plain-text part is plain text
  });

  it('paragraphs and line breaks', () => {
    expect(renderHtml('a\nb\n\nc')).toBe('<p>a<br>\nb</p>\n<p>c</p>');
  });

  it('never turns a non-http link into an anchor', () => {
    expect(renderHtml('javascript:alert(1)', ['javascript:alert(1)'])).toBe('<p>javascript:alert(1)</p>');
  });

  it('escapeHtml', () => {
    expect(escapeHtml(`<a href='x'>&"`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&quot;');
  });
});

describe('checkSpecific', () => {
  it('ignores case and whitespace differences', () => {
    expect(
      checkSpecific('TAK HING OP 1,80 M\nover de stoep;  tak afgezaagd in de   onderhoudsronde', branchResolved, 'nl'),
    ).toEqual({ ok: true });
  });

  it('lists what is missing', () => {
    expect(checkSpecific('afgehandeld', branchResolved, 'nl')).toMatchObject({ ok: false, missing: ['bevinding', 'actie'] });
    expect(checkSpecific('afgehandeld', branchScheduled, 'nl')).toMatchObject({
      ok: false,
      missing: ['bevinding', 'vervolgactie', 'vervolgdatum'],
    });
  });
});

describe('formatLongDate', () => {
  it('uses Intl with the weekday', () => {
    expect(formatLongDate('2027-01-12', 'nl')).toBe('dinsdag 12 januari 2027');
    expect(formatLongDate('2027-04-27', 'nl')).toBe('dinsdag 27 april 2027');
    expect(formatLongDate('2027-01-12', 'en')).toMatch(/^Tuesday,? 12 January 2027$/);
  });
});

/** A template refusal's Dutch fields, after checking its coded texts say the same (same keys, same Dutch). */
function dutchOf(result: TemplateValidation): TemplateValidation | { ok: false; fields: Record<string, string> } {
  if (result.ok) return result;
  const { fieldTexts, ...dutch } = result;
  expect(Object.fromEntries(Object.entries(fieldTexts).map(([key, text]) => [key, text.message]))).toEqual(dutch.fields);
  return dutch;
}

describe('validateTemplate', () => {
  const base: FeedbackTemplate = {
    id: 'custom',
    category: 'afval',
    trigger: 'closed',
    outcome: 'resolved',
    locale: 'nl',
    subject: 'Melding {meldingnummer}',
    body: 'Aangetroffen: {bevinding}. Gedaan: {actie}. {statuslink} {meldingnummer}',
  };

  it('accepts a complete template', () => {
    expect(dutchOf(validateTemplate(base))).toEqual({ ok: true, value: base });
  });

  it('closed templates must contain {bevinding} and {actie}', () => {
    expect(dutchOf(validateTemplate({ ...base, body: 'Uw melding {meldingnummer} is afgehandeld. {statuslink}' }))).toEqual({
      ok: false,
      fields: { body: 'Verplichte plaatshouders ontbreken: {bevinding}, {actie}' },
    });
  });

  it('required placeholders may not be optional', () => {
    expect(dutchOf(validateTemplate({ ...base, body: '{?bevinding} {actie} {statuslink} {meldingnummer}' }))).toEqual({
      ok: false,
      fields: { body: 'Verplichte plaatshouders ontbreken: {bevinding} ({bevinding} mag niet optioneel zijn)' },
    });
  });

  it('a referral template must name the party', () => {
    expect(dutchOf(validateTemplate({ ...base, outcome: 'referred' }))).toEqual({
      ok: false,
      fields: { body: 'Verplichte plaatshouders ontbreken: {doorverwezen_naar}' },
    });
  });

  it('scheduled templates must contain the date and what will happen', () => {
    expect(
      dutchOf(validateTemplate({ ...base, trigger: 'scheduled', outcome: undefined, body: '{bevinding} {statuslink} {meldingnummer}' })),
    ).toEqual({ ok: false, fields: { body: 'Verplichte plaatshouders ontbreken: {vervolgactie}, {vervolgdatum}' } });
  });

  it('receipt and reopen templates have their own required placeholders', () => {
    expect(
      dutchOf(validateTemplate({ ...base, trigger: 'receipt', outcome: undefined, body: '{meldingnummer} {statuslink}' })),
    ).toMatchObject({ ok: false, fields: { body: 'Verplichte plaatshouders ontbreken: {afhandeltermijn}' } });
    expect(
      dutchOf(validateTemplate({ ...base, trigger: 'reopen_rejected', outcome: undefined, body: '{meldingnummer} {statuslink}' })),
    ).toMatchObject({ ok: false, fields: { body: 'Verplichte plaatshouders ontbreken: {toelichting}' } });
  });

  it('unknown placeholders in subject or body', () => {
    expect(dutchOf(validateTemplate({ ...base, subject: 'Hallo {voornaam}', body: `${base.body} {fax}` }))).toEqual({
      ok: false,
      fields: { subject: 'Onbekende plaatshouder: {voornaam}', body: 'Onbekende plaatshouder: {fax}' },
    });
  });

  it('outcome only, and always, on closed templates', () => {
    expect(dutchOf(validateTemplate({ ...base, outcome: undefined }))).toMatchObject({
      ok: false,
      fields: { outcome: 'Kies voor welke uitkomst dit afsluitbericht is' },
    });
    expect(
      dutchOf(validateTemplate({ ...base, trigger: 'receipt', body: '{meldingnummer} {statuslink} {afhandeltermijn}' })),
    ).toMatchObject({ ok: false, fields: { outcome: 'Alleen afsluitberichten hebben een uitkomst' } });
  });

  it('subject one line, not empty; body not empty', () => {
    expect(dutchOf(validateTemplate({ ...base, subject: 'a\nb' }))).toMatchObject({
      ok: false,
      fields: { subject: 'Het onderwerp moet op één regel staan' },
    });
    expect(dutchOf(validateTemplate({ ...base, subject: ' ', body: '' }))).toMatchObject({
      ok: false,
      fields: { subject: 'Onderwerp is verplicht', body: 'Tekst is verplicht' },
    });
  });

  it('bad shape gives field errors', () => {
    expect(dutchOf(validateTemplate({ ...base, trigger: 'sent', id: undefined }))).toEqual({
      ok: false,
      fields: { id: 'Ongeldige of ontbrekende waarde', trigger: 'Ongeldige of ontbrekende waarde' },
    });
  });

  it('knows all placeholders the defaults use', () => {
    const used = new Set(defaultTemplates.flatMap((t) => [...`${t.subject} ${t.body}`.matchAll(/\{\??([a-z_]+)\}/g)].map((m) => m[1])));
    for (const name of used) expect(PLACEHOLDERS).toContain(name);
  });
});
