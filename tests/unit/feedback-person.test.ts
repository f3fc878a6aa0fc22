import { describe, expect, it } from 'vitest';
import { addressTo, reopenGreeting } from '../../server/commands/feedback';
import { ConfigError, loadConfig } from '../../server/config';
import { checkSpecific, composeFeedback, defaultTemplates, type FeedbackContext, fillTemplate } from '../../server/domain/feedback';
import { asSentence, categoryInSentence, DEFAULT_MUNICIPALITY, greetingName } from '../../server/domain/feedback-values';
import { LEVEL_FLOORS, readability } from '../../server/domain/readability';
import { questionMessage } from '../../server/domain/reporter-question';
import { municipalityOf } from '../../server/hub/municipality-config';
import type { Outcome } from '../../server/protocol/report';
import type { Resolution } from '../../server/protocol/resolution';

// Messages that read as from a person at the municipality (issue 15, point 3).

/** Every seeded template (the follow-up visit's live in their own file, with the same greeting and signature). */
const OWN_TRIGGERS: readonly string[] = ['receipt', 'scheduled', 'closed', 'reopen_accepted', 'reopen_rejected', 'follow_up_visit'];
const templates = defaultTemplates.filter((t) => OWN_TRIGGERS.includes(t.trigger));

const report = { number: 'M-000123', category: 'groen', address: 'Laan van Meerdervoort 12, Den Haag' };
const links = { status: 'https://meldkamer.example/status/Xk29fQp8' };
const utrecht = { name: 'Gemeente Utrecht', phone: '14 030', website: 'https://www.utrecht.nl' };

/** The branch case as the officer typed it: fragments, lower case, no full stop. */
const branchScheduled: Resolution = {
  kind: 'schedule',
  found: { code: 'tak_laag', text: 'tak hangt laag over de stoep' },
  action: { code: 'onderhoudsronde', text: 'gemarkeerd voor de snoeiploeg' },
  followUp: { date: '2027-06-14', what: 'tak snoeien in de onderhoudsronde', who: 'Stadsbeheer, team Groen' },
};

function closing(outcome: Outcome): Resolution {
  return {
    kind: 'close',
    outcome,
    found: branchScheduled.found,
    action: { code: 'tak_verwijderd', text: 'tak afgezaagd' },
    ...(outcome === 'referred' ? { referredTo: 'Waternet' } : {}),
  } as Resolution;
}

describe('the officer’s fragments as sentences', () => {
  it.each([
    ['tak hangt laag', 'Tak hangt laag.'],
    ['  tak   hangt laag  ', 'Tak hangt laag.'],
    ['Tak hangt laag.', 'Tak hangt laag.'],
    ['is het gevaarlijk?', 'Is het gevaarlijk?'],
    ['gemarkeerd voor snoeiploeg:', 'Gemarkeerd voor snoeiploeg.'],
    ['ijzeren paal scheef', 'IJzeren paal scheef.'],
    ['Ijzeren paal scheef', 'IJzeren paal scheef.'],
    ['"Tak weg."', '"Tak weg."'],
    ['', ''],
  ])('%j → %j', (fragment, sentence) => {
    expect(asSentence(fragment)).toBe(sentence);
  });

  it('the message carries them as sentences inside the prose, no label lines', () => {
    const result = composeFeedback({ trigger: 'scheduled', locale: 'nl', report, links, resolution: branchScheduled });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.text).toContain('Tak hangt laag over de stoep. Gemarkeerd voor de snoeiploeg.');
    expect(result.text).toContain('Tak snoeien in de onderhoudsronde. Dat gebeurt op maandag 14 juni 2027.');
    expect(result.text).not.toMatch(/Wat we (aantroffen|deden)|Wat er nog gebeurt|Wanneer:/);
  });

  it('a template that puts its own full stop after a sentence gets one stop, not two', () => {
    expect(fillTemplate('{bevinding}. {actie}.', { bevinding: 'Tak hangt laag.', actie: 'Gezaagd!' })).toEqual({
      ok: true,
      text: 'Tak hangt laag. Gezaagd!',
    });
    expect(fillTemplate('{bevinding}... en meer', { bevinding: 'Tak.' })).toEqual({ ok: true, text: 'Tak.... en meer' });
  });

  it('the specifics check accepts the fragment as typed and as the sentence the message makes of it', () => {
    const typed: Resolution = { ...closing('resolved'), found: { code: 'x', text: 'tak hangt laag,' }, action: { code: 'y', text: 'gezaagd:' } } as Resolution;
    expect(checkSpecific('Tak hangt laag. Gezaagd.', typed, 'nl')).toEqual({ ok: true });
    expect(checkSpecific('tak hangt laag, gezaagd:', typed, 'nl')).toEqual({ ok: true });
    expect(checkSpecific('Tak hangt laag.', typed, 'nl')).toMatchObject({ ok: false, missing: ['actie'] });
  });
});

describe('the greeting', () => {
  it('salutation as given, else the name, else "melder"; never a gender guessed from a name', () => {
    expect(greetingName({ name: 'Jan Jansen', salutation: 'mevrouw Jansen' }, 'nl')).toBe('mevrouw Jansen');
    expect(greetingName({ name: 'Jan Jansen' }, 'nl')).toBe('Jan Jansen');
    expect(greetingName({ name: ' Anna   de Vries ', salutation: '  ' }, 'nl')).toBe('Anna de Vries');
    expect(greetingName({ salutation: 'familie Bakker' }, 'nl')).toBe('familie Bakker');
    expect(greetingName({ name: null, salutation: null }, 'nl')).toBe('melder');
    expect(greetingName(undefined, 'en')).toBe('reporter');
  });

  it.each([
    [{ name: 'Jan Jansen' }, 'Beste Jan Jansen,'],
    [{ name: 'Jan Jansen', salutation: 'mevrouw Jansen' }, 'Beste mevrouw Jansen,'],
    [undefined, 'Beste melder,'],
  ])('every Dutch template opens with the greeting: %j', (recipient, greeting) => {
    for (const template of templates.filter((t) => t.locale === 'nl')) {
      const resolution = resolutionFor(template);
      const result = composeFeedback({ ...filled(template.trigger as Trigger), template, resolution, recipient });
      expect(result.ok && result.text.split('\n')[0], template.id).toBe(greeting);
    }
  });

  it('English: "Dear …,"', () => {
    const result = composeFeedback({ ...filled('receipt'), locale: 'en', recipient: { name: 'Jan Jansen' } });
    expect(result.ok && result.text.split('\n')[0]).toBe('Dear Jan Jansen,');
  });

  it('a message composed with the name open is addressed to each recipient, the HTML escaped', () => {
    const open = { subject: 'Melding', text: 'Beste \uE000naam\uE000,\n\nTekst', html: '<p>Beste \uE000naam\uE000,</p>' };
    expect(addressTo(open, { name: 'Jan <b>Jansen</b>' }, 'nl')).toEqual({
      subject: 'Melding',
      text: 'Beste Jan <b>Jansen</b>,\n\nTekst',
      html: '<p>Beste Jan &lt;b&gt;Jansen&lt;/b&gt;,</p>',
    });
    expect(addressTo(open, { salutation: 'mevrouw Jansen', name: 'Jan Jansen' }, 'nl').text).toBe('Beste mevrouw Jansen,\n\nTekst');
    expect(addressTo(open, {}, 'en').text).toBe('Beste reporter,\n\nTekst');
  });

  it('the preview’s greeting name goes back to {naam} in an edited text, only in the greeting line', () => {
    expect(reopenGreeting('Beste Jan Jansen,\n\nJan Jansen belde ons.', 'Jan Jansen')).toBe('Beste {naam},\n\nJan Jansen belde ons.');
    expect(reopenGreeting('\nBeste melder,\n\nTekst', 'melder')).toBe('\nBeste {naam},\n\nTekst');
    // Rewritten by the dispatcher to another form of address: kept as typed.
    expect(reopenGreeting('Geachte heer Jansen,\n\nTekst', 'Jan Jansen')).toBe('Geachte heer Jansen,\n\nTekst');
    expect(reopenGreeting('Beste {naam},\n\nTekst', 'Jan Jansen')).toBe('Beste {naam},\n\nTekst');
  });
});

describe('category names written for sentences', () => {
  it('its own phrase, else the built-in one, else its name in lower case', () => {
    const ctx = { report, locale: 'nl' as const };
    expect(categoryInSentence({ ...ctx, categoryPhrase: 'een boomtak of ander groen', categoryName: 'Boomtak / groen' })).toBe('een boomtak of ander groen');
    expect(categoryInSentence({ ...ctx, categoryName: 'Boomtak / groen' })).toBe('boomtak of groen');
    expect(categoryInSentence({ ...ctx, report: { ...report, category: 'graffiti' }, categoryName: 'Graffiti op gevel' })).toBe('graffiti op gevel');
    expect(categoryInSentence({ ...ctx, report: { ...report, category: 'graffiti' } })).toBe('graffiti');
  });

  it('"uw melding over een boomtak" in the message, never "over Boomtak / groen"', () => {
    const result = composeFeedback({ ...filled('receipt'), categoryName: 'Boomtak / groen', categoryPhrase: 'een boomtak' });
    expect(result.ok && result.text).toContain('uw melding over een boomtak.');
    expect(result.ok && result.text).not.toContain('Boomtak / groen');
  });
});

describe('the municipality', () => {
  it('signs every default template with its name, phone number and web address (settings)', () => {
    for (const template of templates) {
      const resolution = resolutionFor(template);
      const result = composeFeedback({ ...filled(template.trigger as Trigger), locale: template.locale, template, resolution, municipality: utrecht });
      expect(result.ok, template.id).toBe(true);
      if (!result.ok) continue;
      const signature = result.text.split('\n\n').at(-1) ?? '';
      expect(signature, template.id).toContain('Gemeente Utrecht');
      expect(signature, template.id).toContain('14 030');
      expect(signature, template.id).toContain('https://www.utrecht.nl');
      expect(result.text, template.id).not.toContain('Den Haag\n');
    }
  });

  it('signs with the team the settings name: no team written into the templates or the question e-mail', () => {
    const config = loadConfig({ MELDKAMER_MUNICIPALITY_TEAM: 'Team Toezicht en Veiligheid', MELDKAMER_MUNICIPALITY_TEAM_EN: 'Safety team' });
    const leiden = { ...municipalityOf(config), name: 'Gemeente Leiden' };
    expect(leiden.team).toEqual({ nl: 'Team Toezicht en Veiligheid', en: 'Safety team' });
    for (const template of defaultTemplates) {
      expect(template.body, template.id).not.toMatch(/Team Handhaving|Enforcement team/);
      const resolution = resolutionFor(template);
      const result = composeFeedback({ ...filled(template.trigger as Trigger), locale: template.locale, template, resolution, municipality: leiden });
      expect(result.ok, template.id).toBe(true);
      if (!result.ok) continue;
      const signature = result.text.split('\n\n').at(-1) ?? '';
      expect(signature, template.id).toContain(template.locale === 'nl' ? 'Team Toezicht en Veiligheid\nGemeente Leiden' : 'Safety team\nGemeente Leiden');
    }
    for (const locale of ['nl', 'en'] as const) {
      const mail = questionMessage({ locale, number: 'M-000123', question: 'Waar staat de fiets?', link: links.status, dueDate: 'vrijdag 4 december', channel: 'email', greeting: 'Jan Jansen', municipality: leiden });
      expect(mail.text).toContain(locale === 'nl' ? 'Team Toezicht en Veiligheid\nGemeente Leiden' : 'Safety team\nGemeente Leiden');
      expect(mail.text).not.toMatch(/Team Handhaving|Enforcement team/);
    }
    // Unset: the team's default name in each language.
    const plain = composeFeedback(filled('receipt'));
    expect(plain.ok && plain.text).toContain('Met vriendelijke groet,\nTeam Handhaving\nGemeente Den Haag');
    expect(() => loadConfig({ MELDKAMER_MUNICIPALITY_TEAM: ' ' })).toThrow(/MELDKAMER_MUNICIPALITY_TEAM/);
  });

  it('defaults to Den Haag', () => {
    const result = composeFeedback(filled('receipt'));
    expect(result.ok && result.text).toContain('Gemeente Den Haag\nTelefoon: 14 070\nhttps://www.denhaag.nl');
    expect(DEFAULT_MUNICIPALITY).toEqual({ name: 'Gemeente Den Haag', phone: '14 070', website: 'https://www.denhaag.nl' });
  });

  it('settings from the environment, refused when malformed', () => {
    const config = loadConfig({
      MELDKAMER_MUNICIPALITY_NAME: 'Gemeente Utrecht',
      MELDKAMER_MUNICIPALITY_PHONE: '14 030',
      MELDKAMER_MUNICIPALITY_WEBSITE: 'https://www.utrecht.nl',
    });
    expect(municipalityOf(config)).toEqual(utrecht);
    expect(municipalityOf(loadConfig({}))).toEqual(DEFAULT_MUNICIPALITY);
    expect(() => loadConfig({ MELDKAMER_MUNICIPALITY_PHONE: 'bel ons' })).toThrow(ConfigError);
    expect(() => loadConfig({ MELDKAMER_MUNICIPALITY_PHONE: 'bel ons' })).toThrow(/MELDKAMER_MUNICIPALITY_PHONE/);
    expect(() => loadConfig({ MELDKAMER_MUNICIPALITY_WEBSITE: 'javascript:alert(1)' })).toThrow(/MELDKAMER_MUNICIPALITY_WEBSITE/);
  });
});

describe('receipt, closing, duplicate policy', () => {
  it('the receipt gives the short code for looking the report up', () => {
    const result = composeFeedback(filled('receipt'));
    expect(result.ok && result.text).toContain('Uw code is EY7WVY, voor als u uw melding opzoekt.');
    const en = composeFeedback({ ...filled('receipt'), locale: 'en' });
    expect(en.ok && en.text).toContain('Your code is EY7WVY, for when you look up your report.');
  });

  it('without a code the code line goes, the rest stays', () => {
    const { accessCode: _code, ...withoutCode } = filled('receipt');
    const result = composeFeedback(withoutCode);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.text).not.toContain('Uw code is');
    expect(result.text).toContain(`ziet u op ${links.status}`);
  });

  it('every closing message thanks the reporter', () => {
    for (const template of defaultTemplates.filter((t) => t.trigger === 'closed')) {
      const result = composeFeedback({ ...filled('closed'), locale: template.locale, template, resolution: closing(template.outcome ?? 'resolved') });
      expect(result.ok && result.text, template.id).toMatch(template.locale === 'nl' ? /Bedankt/ : /Thank you/);
    }
  });

  it('the resolved closing links the approved photo of the fix when it is sent, and has no photo line without it', () => {
    const photo = 'https://meldkamer.example/status/Xk29fQp8/foto';
    const withPhoto = composeFeedback({ ...filled('closed'), resolution: closing('resolved'), links: { ...links, fixPhoto: photo } });
    expect(withPhoto.ok && withPhoto.text).toContain(`Zo ziet het er nu uit: ${photo}`);
    const without = composeFeedback({ ...filled('closed'), resolution: closing('resolved') });
    expect(without.ok && without.text).not.toContain('Zo ziet het er nu uit');
    for (const template of templates.filter((t) => t.trigger === 'closed' && t.outcome === 'resolved')) {
      expect(template.body, template.id).toContain('{?fotolink}');
    }
  });

  it('no template tells a citizen to report the same open problem again; the open ones say to call', () => {
    for (const template of templates) {
      expect(template.body, template.id).not.toMatch(/Meld het dan opnieuw|please report it again/i);
    }
    for (const template of defaultTemplates.filter((t) => t.trigger === 'scheduled')) expect(template.body, template.id).toContain('{telefoon}');
  });
});

describe('plain language', () => {
  it(`every seeded template, filled with the branch case, reaches the floor (${LEVEL_FLOORS.plain}) with no sentence over 15 words`, () => {
    for (const template of templates) {
      const resolution = resolutionFor(template);
      const result = composeFeedback({
        ...filled(template.trigger as Trigger),
        locale: template.locale,
        template,
        resolution,
        categoryPhrase: template.locale === 'nl' ? 'een boomtak of ander groen' : 'a tree branch or other greenery',
        recipient: { salutation: 'mevrouw Jansen' },
      });
      expect(result.ok, template.id).toBe(true);
      if (!result.ok) continue;
      const score = readability(result.text, { locale: template.locale, skip: ['EY7WVY', report.number] });
      expect(score.score, template.id).toBeGreaterThanOrEqual(LEVEL_FLOORS.plain);
      expect(score.hints.filter((h) => h.kind === 'long_sentence').map((h) => h.text), template.id).toEqual([]);
    }
  });
});

type Trigger = 'receipt' | 'scheduled' | 'closed' | 'reopen_accepted' | 'reopen_rejected' | 'follow_up_visit';

/** The branch case's resolution a template speaks of: scheduled (also on the follow-up date's visit) or closed. */
function resolutionFor(template: { trigger: string; outcome?: Outcome }): Resolution | undefined {
  if (template.trigger === 'scheduled' || template.trigger === 'follow_up_visit') return branchScheduled;
  return template.trigger === 'closed' ? closing(template.outcome ?? 'resolved') : undefined;
}

function filled(trigger: Trigger): FeedbackContext & { trigger: Trigger } {
  return {
    trigger,
    locale: 'nl',
    report,
    links,
    accessCode: 'EY7WVY',
    sla: { workingDays: 5 },
    reply: 'De tak is nog niet weg. We sturen deze week een ploeg.',
  };
}
