import { describe, expect, it } from 'vitest';
import { PLAIN_WORDS_NL } from '../../server/domain/plain-words';
import {
  dutchHyphenation,
  dutchSyllables,
  dutchVowelGroups,
  englishSyllables,
  levelOf,
  readability,
} from '../../server/domain/readability';

/** The rounding of the header comment (one decimal, half away from zero). */
const round1 = (n: number) => (Math.sign(n) * Math.round(Math.abs(n) * 10)) / 10;
const douma = (w: number, s: number, y: number) => round1(206.84 - 0.77 * ((100 * y) / w) - 0.93 * (w / s));
const flesch = (w: number, s: number, y: number) => round1(206.835 - 1.015 * (w / s) - 84.6 * (y / w));

describe('Dutch syllables (vowel groups checked against the hyphenation patterns)', () => {
  it('counts vowel groups with the Dutch digraphs and trigraphs as one', () => {
    expect(dutchVowelGroups('boomtak')).toBe(2); // oo, a
    expect(dutchVowelGroups('snoeiploeg')).toBe(2); // oei, oe
    expect(dutchVowelGroups('nieuw')).toBe(1); // ieu
    expect(dutchVowelGroups('leeuw')).toBe(1); // eeu
    expect(dutchVowelGroups('bijeen')).toBe(2); // ij, ee
    expect(dutchVowelGroups('uitvoeren')).toBe(3); // ui, oe, e
    expect(dutchVowelGroups('mooie')).toBe(2); // ooi, e
    expect(dutchVowelGroups('café')).toBe(2); // a, é read as e
    expect(dutchVowelGroups('één')).toBe(1); // éé read as ee
  });

  it('gives a letter with a trema a group of its own', () => {
    expect(dutchVowelGroups('ideeën')).toBe(3); // i, ee, ë
    expect(dutchVowelGroups('geïnformeerd')).toBe(4); // e, ï, o, ee
    expect(dutchVowelGroups('creëren')).toBe(3); // e, ë, e
  });

  it('uses the hyphenation pieces where they split more than the vowel groups', () => {
    expect(dutchHyphenation('onderhoudsronde')).toEqual(['on', 'der', 'houds', 'ron', 'de']);
    expect(dutchSyllables('onderhoudsronde')).toBe(5);
    // bios|coop: i, o | oo: the patterns keep "bios" whole, the vowel groups split it.
    expect(dutchHyphenation('bioscoop')).toEqual(['bios', 'coop']);
    expect(dutchSyllables('bioscoop')).toBe(3);
    expect(dutchSyllables('afvalcontainer')).toBe(5); // af|val|con|tai|ner, "ai" one group
    expect(dutchSyllables('boomtak')).toBe(2);
  });

  it('counts the letter runs of a word and at least one syllable', () => {
    expect(dutchSyllables("foto's")).toBe(2); // foto 2, s 0
    expect(dutchSyllables('e-mail')).toBe(2); // e 1, mail 1
    expect(dutchSyllables('hm')).toBe(1);
  });
});

describe('English syllables', () => {
  it('counts vowel groups with a silent final e', () => {
    expect(englishSyllables('nice')).toBe(1);
    expect(englishSyllables('table')).toBe(2); // consonant + le keeps its e
    expect(englishSyllables('free')).toBe(1);
    expect(englishSyllables('the')).toBe(1);
    expect(englishSyllables('report')).toBe(2);
    expect(englishSyllables('scheduled')).toBe(3); // e, u, e (no -ed rule)
  });
});

describe('readability score (hand-computed)', () => {
  it('scores a short Dutch text by Flesch-Douma', () => {
    // De(1) tak(1) hangt(1) laag(1). | We(1) komen(ko|men 2) snoeien(snoei|en 2).
    const r = readability('De tak hangt laag. We komen snoeien.', { locale: 'nl' });
    expect({ words: r.words, sentences: r.sentences, syllables: r.syllables }).toEqual({ words: 7, sentences: 2, syllables: 9 });
    expect(r.score).toBe(douma(7, 2, 9));
    expect(r.score).toBe(104.6);
    expect(r.level).toBe('easy');
    expect(r.hints).toEqual([]);
  });

  it('scores the field officer\'s fragment and a harder officialese sentence apart', () => {
    // Beste(2) melder(2) | Wij(1) hebben(2) uw(1) melding(2) in(1) behandeling(be|han|de|ling 4) genomen(3).
    const text = 'Beste melder,\nWij hebben uw melding in behandeling genomen.';
    const r = readability(text, { locale: 'nl' });
    expect({ words: r.words, sentences: r.sentences, syllables: r.syllables }).toEqual({ words: 9, sentences: 2, syllables: 18 });
    expect(r.score).toBe(douma(9, 2, 18));
    const plain = r.hints.find((h) => h.kind === 'plain_word');
    expect(plain).toMatchObject({ text: 'in behandeling genomen', replacement: 'bekijken' });
    expect(text.slice(plain!.start, plain!.end)).toBe('in behandeling genomen');
  });

  it('leaves URLs, report numbers, codes and dates out of the count', () => {
    // Counted: Kijk(1) op(1) voor(1) melding(2) met(1) code(2) | Wij(1) komen(2) op(1) | Of(1) op(1): 11 words, 14 syllables
    const text = 'Kijk op https://meldkamer.example/status/abc voor melding M-000123 met code EY7WVY.\n' +
      'Wij komen op dinsdag 1 december 2026.\nOf op 2026-12-01 tak_laag www.denhaag.nl info@denhaag.nl ABCDEF.';
    const r = readability(text, { locale: 'nl', skip: ['ABCDEF'] });
    expect({ words: r.words, sentences: r.sentences, syllables: r.syllables }).toEqual({ words: 11, sentences: 3, syllables: 14 });
    expect(r.score).toBe(douma(11, 3, 14));
    // The snake_case code is jargon; the report's own short code (skip) is not.
    expect(r.hints.filter((h) => h.kind === 'jargon').map((h) => h.text)).toEqual(['tak_laag']);
  });

  it('scores English by the Flesch reading ease', () => {
    // The cat sat on the mat (6 × 1). | It was a nice(1) day(1) (5 × 1).
    const r = readability('The cat sat on the mat. It was a nice day.', { locale: 'en' });
    expect({ words: r.words, sentences: r.sentences, syllables: r.syllables }).toEqual({ words: 11, sentences: 2, syllables: 11 });
    expect(r.score).toBe(flesch(11, 2, 11));
    expect(r.score).toBe(116.7); // 206.835 − 1.015 × 5.5 − 84.6 × 1
  });

  it('scores a hard English sentence low and hints the plain word', () => {
    // In(1) order(2) to(1) facilitate(fa,ci,li,ta,te -1 = 4) the(1) administration(a,i,i,a,io = 5) of(1) your(1)
    // notification(no,i,i,ca,io = 5) we(1) subsequently(su,e,ue,y = 4... ) counted by the rule
    const text = 'In order to facilitate the administration of your notification we subsequently reorganised.';
    const r = readability(text, { locale: 'en' });
    const y = ['In', 'order', 'to', 'facilitate', 'the', 'administration', 'of', 'your', 'notification', 'we', 'subsequently', 'reorganised']
      .map(englishSyllables)
      .reduce((a, b) => a + b, 0);
    expect(r.words).toBe(12);
    expect(r.syllables).toBe(y);
    expect(r.score).toBe(flesch(12, 1, y));
    expect(r.level).toBe('hard');
    expect(r.hints.filter((h) => h.kind === 'plain_word').map((h) => h.text)).toEqual(['In order to', 'facilitate', 'subsequently']);
  });

  it('has no score for a text without words', () => {
    const r = readability('  M-000123 https://x.example 2026-12-01 ', { locale: 'nl' });
    expect(r.score).toBeNull();
    expect(r.level).toBe('empty');
  });
});

describe('hints', () => {
  it('marks a sentence of more than 15 words and not one of 15', () => {
    const fifteen = 'een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien.';
    const sixteen = 'een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien zestien.';
    expect(readability(fifteen, { locale: 'nl' }).hints.filter((h) => h.kind === 'long_sentence')).toEqual([]);
    const text = `Kort. ${sixteen} Ook kort.`;
    const long = readability(text, { locale: 'nl' }).hints.filter((h) => h.kind === 'long_sentence');
    expect(long).toEqual([{ kind: 'long_sentence', start: 6, end: 6 + sixteen.length, text: sixteen, words: 16 }]);
  });

  it('does not end a sentence at a known abbreviation, but at a line break', () => {
    expect(readability('Wij komen bijv. morgen langs', { locale: 'nl' }).sentences).toBe(1);
    expect(readability('Wij komen\nmorgen langs', { locale: 'nl' }).sentences).toBe(2);
  });

  it('hints officialese words with their plain replacement, longest form first', () => {
    const r = readability('Indien u reeds gemarkeerd bent, dient te wachten.', { locale: 'nl' });
    expect(r.hints.map((h) => (h.kind === 'plain_word' ? [h.text, h.replacement] : h.kind))).toEqual([
      ['Indien', 'als'],
      ['reeds', 'al'],
      ['gemarkeerd', 'aangewezen'],
      ['dient te', 'moet'],
    ]);
  });

  it('hints all-caps abbreviations outside the allow-list and very long words', () => {
    const r = readability('De BOA stuurt een SMS over de verantwoordelijkheidsverdeling.', { locale: 'nl' });
    expect(r.hints.filter((h) => h.kind === 'jargon').map((h) => h.text)).toEqual(['BOA']);
    expect(r.hints.filter((h) => h.kind === 'long_word').map((h) => h.text)).toEqual(['verantwoordelijkheidsverdeling']);
  });

  it('gives no jargon hint for the letters of a Dutch postcode ("2514 EE"), but does for the same letters elsewhere', () => {
    const r = readability('Het gaat om Lange Voorhout 34, 2514 EE Den Haag. De EE staat los.', { locale: 'nl' });
    expect(r.hints.filter((h) => h.kind === 'jargon').map((h) => [h.text, h.start])).toEqual([['EE', 52]]);
  });

  it('keeps a real list of plain words', () => {
    expect(PLAIN_WORDS_NL.length).toBeGreaterThanOrEqual(40);
    for (const entry of PLAIN_WORDS_NL) {
      for (const form of entry.forms) expect(form).toBe(form.toLowerCase());
      expect(entry.replacement.length).toBeGreaterThan(0);
    }
  });
});

describe('fragments: "Schrijf hele zinnen"', () => {
  const fragments = (text: string, locale: 'nl' | 'en' = 'nl') =>
    readability(text, { locale }).hints.filter((h) => h.kind === 'fragment').map((h) => h.text);

  it('marks the field\'s bare fragments as they reach the message untidied (the walkthrough\'s preview)', () => {
    // No article or pronoun ("telegram style"), and no finite verb at all.
    expect(fragments('Tak hangt laag. Gemarkeerd voor snoeiploeg.')).toEqual(['Tak hangt laag.', 'Gemarkeerd voor snoeiploeg.']);
    expect(fragments('Tak weggezaagd, stoep vrij.')).toEqual(['Tak weggezaagd, stoep vrij.']);
    expect(fragments('Branch at head height. Marked for pruning crew.', 'en')).toEqual(['Branch at head height.', 'Marked for pruning crew.']);
    const r = readability('Beste melder,\n\nTak hangt laag. Gemarkeerd voor snoeiploeg.', { locale: 'nl' });
    const hint = r.hints.find((h) => h.kind === 'fragment');
    expect(hint).toMatchObject({ kind: 'fragment', start: 15, end: 30 });
  });

  it('leaves whole sentences, the tidied frames, greetings, signatures and link lines alone', () => {
    expect(fragments('De tak hangt laag. We komen snoeien.')).toEqual([]);
    expect(fragments('We zagen dat de tak laag over de stoep hangt. We hebben de tak weggehaald: stoep vrij.')).toEqual([]);
    expect(fragments('Bedankt voor uw melding. Kost het meer tijd? Bel ons dan op 14 070.')).toEqual([]);
    expect(fragments('Beste Jan Jansen,\n\nMet vriendelijke groet,\nTeam Handhaving\nGemeente Den Haag\nTelefoon: 14 070')).toEqual([]);
    expect(fragments('Volg uw melding op https://meldkamer.example/status/abc')).toEqual([]);
    expect(fragments('De bewoners snoeiden de heg.')).toEqual([]);
    expect(fragments('Tot ziens. Fijn weekend!')).toEqual([]);
    expect(fragments('The branch hangs low. We will prune it. Thank you for your report.', 'en')).toEqual([]);
  });

  it('takes a verb with "ge" inside for a verb, and only a participle\'s "ge" for a participle', () => {
    // "regelt", "begint": not "geregeld"; "geldt" is a verb of its own. "afgezet" and "opgehangen" stay participles.
    expect(fragments('De gemeente regelt dat. Het werk begint maandag. Dit geldt ook voor de stoep.')).toEqual([]);
    expect(fragments('Hek afgezet met lint. Briefje opgehangen.')).toEqual(['Hek afgezet met lint.', 'Briefje opgehangen.']);
  });

  it('reads a team or a day as part of a whole sentence, not as a telegram', () => {
    // What the desk writes about who comes when: no article is missing here.
    expect(fragments('Team Groen komt morgen. Stadsbeheer komt maandag langs. Stadsbeheer snoeit volgende week.')).toEqual([]);
    expect(fragments('Parks Department comes tomorrow.', 'en')).toEqual([]);
  });

  it('marks a field note that opens with a thing without its article, prepositions or not ("Tak hangt laag boven fietspad")', () => {
    // The walkthrough's untidied notes read "Geen tips": each has a verb and a preposition, but "Tak" lacks its "De".
    expect(fragments('Tak hangt laag boven fietspad bij speeltuin. Tak afgezaagd, nog niet afgevoerd, ligt op de stoep.')).toEqual([
      'Tak hangt laag boven fietspad bij speeltuin.',
      'Tak afgezaagd, nog niet afgevoerd, ligt op de stoep.',
    ]);
    expect(fragments('Tak hing over fietspad, ong 1.70 hoog, fietsers moesten bukken.')).toEqual(['Tak hing over fietspad, ong 1.70 hoog, fietsers moesten bukken.']);
    expect(fragments('Eigenaar is aangesproken op zijn gedrag.')).toEqual(['Eigenaar is aangesproken op zijn gedrag.']);
    expect(fragments('Branch hangs low over the cycle path.', 'en')).toEqual(['Branch hangs low over the cycle path.']);
    // With its article, in a frame, after a colon, or as a plural the same words are whole.
    expect(fragments('De tak hangt laag boven het fietspad. We zagen dat de tak te laag hangt: tak boven fietspad.')).toEqual([]);
    expect(fragments('Fietsen mogen hier niet staan.')).toEqual([]);
  });

  it('marks a field note whose only word in -t is no verb ("kapot", "vast")', () => {
    expect(fragments('Container kapot. Fiets vast aan hek.')).toEqual(['Container kapot.', 'Fiets vast aan hek.']);
  });

  it('marks a sentence that has no end mark before its line break', () => {
    expect(fragments('Wij komen morgen langs\nDan snoeien we de tak.')).toEqual(['Wij komen morgen langs']);
  });
});

describe('levels', () => {
  it('maps scores to levels at 80, 60 and 45', () => {
    expect([levelOf(null), levelOf(80), levelOf(79.9), levelOf(60), levelOf(59.9), levelOf(45), levelOf(44.9)]).toEqual([
      'empty',
      'easy',
      'plain',
      'plain',
      'fair',
      'fair',
      'hard',
    ]);
  });
});
