import { describe, expect, it } from 'vitest';
import { readability } from '../../server/domain/readability';
import { CATEGORY_CODES, GENERIC_CODES } from '../../server/domain/resolution-codes';
import { ACTION_FRAMES, asSentenceText, FOUND_FRAMES, isFramedWhat, isTidy, repeatsFrame, tidyText } from '../../server/domain/resolution-frames';

const allCodes = (part: 'found' | 'action') => [...GENERIC_CODES[part], ...Object.values(CATEGORY_CODES).flatMap((c) => c[part])].map((c) => c.code);

describe('resolution frames', () => {
  it('has a Dutch and an English frame with {tekst} for every found and action code', () => {
    for (const [part, frames] of [['found', FOUND_FRAMES], ['action', ACTION_FRAMES]] as const) {
      for (const code of allCodes(part)) {
        expect(frames[code], `${part} ${code}`).toBeDefined();
        for (const locale of ['nl', 'en'] as const) expect(frames[code]![locale]).toMatch(/^[A-Z].*: \{tekst\}\.$/);
      }
    }
  });

  it('frames are plain language: each frame itself reaches the floor (60)', () => {
    for (const frames of [FOUND_FRAMES, ACTION_FRAMES]) {
      for (const [code, frame] of Object.entries(frames)) {
        const r = readability(frame.nl.replace('{tekst}', 'zie foto'), { locale: 'nl' });
        expect(r.score, code).toBeGreaterThanOrEqual(60);
      }
    }
  });

  it('completes the tak_laag frame with the officer\'s words (the branch case)', () => {
    expect(tidyText('found', 'tak_laag', 'tak op hoofdhoogte', 'nl')).toBe('We zagen dat de tak te laag hangt: tak op hoofdhoogte.');
    expect(tidyText('found', 'tak_laag', '  Tak op  hoofdhoogte.. ', 'nl')).toBe('We zagen dat de tak te laag hangt: tak op hoofdhoogte.');
    expect(tidyText('action', 'onderhoudsronde', 'gemarkeerd voor snoeiploeg', 'nl')).toBe(
      'We hebben het werk aangemeld voor de vaste ronde: gemarkeerd voor snoeiploeg.',
    );
    expect(tidyText('found', 'tak_laag', 'branch at head height', 'en')).toBe('We saw that the branch hangs too low: branch at head height.');
  });

  it('frames in plain Dutch: young people "lastig waren" (not "voor last zorgden", which is no Dutch)', () => {
    expect(tidyText('found', 'jeugdoverlast', 'groep van 6 bij het bankje', 'nl')).toBe('We zagen jongeren die lastig waren: groep van 6 bij het bankje.');
  });

  it('uses the frame alone when the officer\'s words only repeat it (rule 2a), nl and en', () => {
    // Every content word (tak, hangt, laag) is in the frame: "…: tak hangt laag." would say it twice.
    expect(tidyText('found', 'tak_laag', 'tak hangt laag', 'nl')).toBe('We zagen dat de tak te laag hangt.');
    expect(tidyText('found', 'tak_laag', 'De tak hangt te laag.', 'nl')).toBe('We zagen dat de tak te laag hangt.');
    expect(tidyText('found', 'container_defect', 'container kapot', 'nl')).toBe('We zagen dat de container kapot is.');
    expect(tidyText('found', 'tak_laag', 'branch hangs low', 'en')).toBe('We saw that the branch hangs too low.');
    expect(tidyText('action', 'lamp_vervangen', 'lamp vervangen', 'nl')).toBe('We hebben de lamp vervangen.');
    // One new fact keeps the words: a number, a word not in the frame, a near miss of 3 letters.
    expect(tidyText('found', 'tak_laag', '2 takken hangen laag', 'nl')).toBe('We zagen dat de tak te laag hangt: 2 takken hangen laag.');
    // The frame says no place the branch may not hang over: the officer's "fietspad" is where (not "over de stoep").
    expect(tidyText('found', 'tak_laag', 'tak hangt laag boven fietspad', 'nl')).toBe(
      'We zagen dat de tak te laag hangt: tak hangt laag boven fietspad.',
    );
    expect(tidyText('found', 'tak_laag', 'takken laag', 'nl')).toBe('We zagen dat de tak te laag hangt: takken laag.');
    expect(tidyText('found', 'op_stoep', 'auto op stoep', 'nl')).toBe('We zagen dat het voertuig op de stoep stond: auto op stoep.');
    // The frame alone is tidy: a second click changes nothing.
    const alone = tidyText('found', 'tak_laag', 'tak hangt laag', 'nl');
    expect(isTidy('found', 'tak_laag', alone, 'nl')).toBe(true);
    expect(repeatsFrame('tak hangt laag', FOUND_FRAMES.tak_laag!.nl)).toBe(true);
    expect(repeatsFrame('stop', 'We zagen dat de auto op de stoep stond: {tekst}.')).toBe(false);
  });

  it('drops a part of the officer\'s words that says what the frame says in other words (synonyms per code, rule 2b)', () => {
    // The walkthrough's case: "weggezaagd" is the frame's "weggehaald"; the citizen read it twice.
    expect(tidyText('action', 'tak_verwijderd', 'tak weggezaagd, stoep vrij', 'nl')).toBe('We hebben de tak weggehaald: stoep vrij.');
    expect(tidyText('action', 'tak_verwijderd', 'Tak weggezaagd en afgevoerd.', 'nl')).toBe('We hebben de tak weggehaald.');
    expect(tidyText('action', 'tak_verwijderd', 'tak eraf gezaagd; fietspad weer vrij', 'nl')).toBe('We hebben de tak weggehaald: fietspad weer vrij.');
    expect(tidyText('action', 'fiets_verwijderd', 'fiets meegenomen, slot geknipt', 'nl')).toBe('We hebben de fiets weggehaald: slot geknipt.');
    expect(tidyText('action', 'bekeuring', 'bon gegeven', 'nl')).toBe('We gaven een bekeuring.');
    expect(tidyText('action', 'waarschuwing', 'eigenaar gewaarschuwd', 'nl')).toBe('We gaven een waarschuwing: eigenaar gewaarschuwd.');
    expect(tidyText('action', 'personen_aangesproken', 'groep aangesproken, vertrokken', 'nl')).toBe('We hebben met de mensen gepraat: vertrokken.');
    expect(tidyText('action', 'plek_afgezet', 'afgezet met lint', 'nl')).toBe('We hebben de plek afgezet.');
    expect(tidyText('action', 'lamp_vervangen', 'nieuwe lamp geplaatst', 'nl')).toBe('We hebben de lamp vervangen.');
    expect(tidyText('found', 'lamp_defect', 'lamp brandt niet', 'nl')).toBe('We zagen dat de lamp het niet doet.');
    expect(tidyText('found', 'container_defect', 'klep stuk', 'nl')).toBe('We zagen dat de container kapot is: klep stuk.');
    expect(tidyText('found', 'geen_overlast', 'rustig ter plaatse', 'nl')).toBe('Toen we er waren, zagen en hoorden we geen overlast.');
    expect(tidyText('action', 'tak_verwijderd', 'branch sawn off, pavement clear', 'en')).toBe('We removed the branch: pavement clear.');
    // A fact stays, however the parts are joined; a synonym of another code does not count here.
    expect(tidyText('action', 'tak_verwijderd', 'tak weggezaagd, 2 takken blijven', 'nl')).toBe('We hebben de tak weggehaald: 2 takken blijven.');
    expect(tidyText('action', 'plek_afgezet', 'tak weggezaagd', 'nl')).toBe('We hebben de plek afgezet: tak weggezaagd.');
    // A part that says "not" says something else than the frame: kept ("niet afgevoerd": the branch still lies there),
    // unless the frame says "not" itself ("lamp brandt niet" is the lamp_defect frame).
    expect(tidyText('action', 'tak_verwijderd', 'tak afgezaagd, nog niet afgevoerd', 'nl')).toBe('We hebben de tak weggehaald: nog niet afgevoerd.');
    expect(tidyText('action', 'tak_verwijderd', 'tak niet weggezaagd', 'nl')).toBe('We hebben de tak weggehaald: tak niet weggezaagd.');
    expect(tidyText('action', 'fiets_verwijderd', 'bike not removed', 'en')).toBe('We took the bicycle away: bike not removed.');
    expect(tidyText('found', 'geen_overlast', 'rustig, niets geconstateerd', 'nl')).toBe('Toen we er waren, zagen en hoorden we geen overlast.');
    // The result is one sentence that is tidy already.
    const once = tidyText('action', 'tak_verwijderd', 'tak weggezaagd, stoep vrij', 'nl');
    expect(isTidy('action', 'tak_verwijderd', once, 'nl')).toBe(true);
    expect(readability(once, { locale: 'nl' }).sentences).toBe(1);
  });

  it('tidies the follow-up\'s "wat" with its own frame and "wie" as a name in a sentence (rules 4, 5)', () => {
    expect(tidyText('what', '', 'snoeien', 'nl')).toBe('Wat we nog doen: snoeien.');
    expect(tidyText('what', 'onderhoudsronde', 'Tak snoeien in de onderhoudsronde.', 'nl')).toBe('Wat we nog doen: tak snoeien in de onderhoudsronde.');
    expect(tidyText('what', '', 'prune the branch', 'en')).toBe('What we will do next: prune the branch.');
    const once = tidyText('what', '', 'snoeien', 'nl');
    expect(tidyText('what', '', once, 'nl')).toBe(once);
    expect(isFramedWhat(once)).toBe(true);
    expect(isFramedWhat('snoeien')).toBe(false);
    expect(tidyText('who', '', 'Team Groen.', 'nl')).toBe('Team Groen');
    expect(tidyText('who', '', '  De  snoeiploeg ', 'nl')).toBe('de snoeiploeg');
    expect(tidyText('who', '', 'door team Groen', 'nl')).toBe('team Groen');
    expect(isTidy('who', '', 'Team Groen', 'nl')).toBe(true);
    expect(isTidy('who', '', 'Team Groen.', 'nl')).toBe(false);
  });

  it('capitalises the Dutch digraph "ij" as one letter and keeps it when continuing a frame', () => {
    expect(asSentenceText('ijzeren paal scheef')).toBe('IJzeren paal scheef.');
    expect(asSentenceText('Ijzeren paal scheef')).toBe('IJzeren paal scheef.');
    expect(tidyText('found', 'onbekend', 'ijs op de stoep', 'nl')).toBe('IJs op de stoep.');
    expect(tidyText('found', 'zoals_gemeld', 'IJsselmeerweg afgesloten', 'nl')).toBe('We zagen wat u meldde: IJsselmeerweg afgesloten.');
    expect(tidyText('found', 'zoals_gemeld', 'Ijzeren paal scheef', 'nl')).toBe('We zagen wat u meldde: ijzeren paal scheef.');
  });

  it('keeps names and abbreviations, leaves a framed text as it is and drops the colon without words', () => {
    expect(tidyText('action', 'aangesproken', 'BOA sprak eigenaar aan', 'nl')).toBe('We hebben met de persoon gepraat: BOA sprak eigenaar aan.');
    const once = tidyText('found', 'tak_laag', 'tak op hoofdhoogte', 'nl');
    expect(tidyText('found', 'tak_laag', once, 'nl')).toBe(once);
    expect(isTidy('found', 'tak_laag', once, 'nl')).toBe(true);
    expect(isTidy('found', 'tak_laag', 'tak op hoofdhoogte', 'nl')).toBe(false);
    expect(tidyText('found', 'tak_laag', ' . ', 'nl')).toBe('We zagen dat de tak te laag hangt.');
  });

  it('without a frame: a capital letter and a full stop', () => {
    expect(tidyText('found', 'onbekend', 'tak hangt laag', 'nl')).toBe('Tak hangt laag.');
    expect(asSentenceText('is de tak weg?')).toBe('Is de tak weg?');
    expect(asSentenceText('')).toBe('');
  });
});
