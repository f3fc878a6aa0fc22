/**
 * Officer text made fit to send (README "Tekst uit het veld netjes maken"): a resolution's found and action texts and
 * its follow-up's "wat" and "wie" are written in the field as fragments ("tak hangt laag", "gemarkeerd voor
 * snoeiploeg", "snoeien", "Team Groen."). The desk's one-click tidy-up turns each into what the citizen can read,
 * with a sentence frame per resolution code that the officer's words complete. Pure data and string rules, no
 * language model; the result stays editable.
 *
 * Rules of `tidyText(part, code, text, locale)`:
 * 1. The officer's words: white space collapsed, trimmed, trailing . ! ? ; : , removed.
 * 2. A code with a frame: the frame with {tekst} replaced by the words, their first letter lower-cased unless the
 *    first word is all capitals or contains a capital later on (a name or abbreviation: "BOA", "McDonald").
 *    No words: the frame without its ": {tekst}" part. Words that already are the framed sentence (a second
 *    click) are left as they are.
 * 2a. Words that only repeat the frame: when every content word of the officer's words (a word that is not in the
 *    short list of function words below: "de", "het", "is", "the", …) is in the frame, the frame alone
 *    ("tak hangt laag" for `tak_laag`: "We zagen dat de tak te laag hangt."). A word is in the frame when
 *    it is a word of the frame, or both share a beginning of at least 4 letters that leaves at most 2 letters of the
 *    shorter word ("hangt"/"hangen", "kapot"/"kapotte"; "tak"/"takken" does not count: keeping words the citizen
 *    reads twice is the safe side, losing a fact is not). Digits always count as content. Words with a "not"
 *    ("niet", "geen", "not", …) repeat only a frame that says "not" too ("lamp brandt niet" for `lamp_defect`):
 *    "tak afgezaagd, nog niet afgevoerd" keeps "nog niet afgevoerd" (the branch still lies there).
 * 2b. Parts that say the frame in other words: the officer's words are cut into parts at "," ";" and " en " /
 *    " and "; a part all of whose content words are in the frame or in the code's synonyms
 *    (resolution-frame-synonyms.ts: "weggezaagd" for the "weggehaald" of `tak_verwijderd`) is left out, the others
 *    complete the frame joined by ", " ("tak weggezaagd, stoep vrij" → "We hebben de tak weggehaald: stoep vrij.").
 *    No part left: the frame alone. Nothing left out: the words as typed. Rule 2a is this rule with one part and no
 *    synonyms.
 * 3. A code without a frame (or none chosen): the words with a capital first letter ("ij" → "IJ") and a full stop at
 *    the end (kept when the text ended in ! or ?).
 * 4. The follow-up's "wat" (part `what`, no code): one frame for every code, "Wat we nog doen: {tekst}.", with
 *    rules 1, 2 and 2a; the status page shows it as it is (citizen-view.ts).
 * 5. The follow-up's "wie" (part `who`, no code): a name inside the message's sentence ("Het werk doet
 *    {vervolg_door}."), so rule 1, without a leading "door" / "by", and a leading article lower-cased
 *    ("De snoeiploeg" → "de snoeiploeg"); a team's own name stays as typed ("Team Groen"). The follow-up job
 *    compares names without case or article (follow-up.ts normalTeamName), so the tidy-up changes no routing.
 * Every found and action code of resolution-codes.ts has a frame in Dutch and English (test).
 */

import type { CodeLocale } from './resolution-codes';
import { synonymsFor } from './resolution-frame-synonyms';
import { capitalizeFirst, lowerFirstWord } from './sentence-case';

export type FramePart = 'found' | 'action' | 'what' | 'who';

type Frames = Readonly<Record<string, Readonly<Record<CodeLocale, string>>>>;

export const FOUND_FRAMES: Frames = {
  // generic
  zoals_gemeld: { nl: 'We zagen wat u meldde: {tekst}.', en: 'We saw what you reported: {tekst}.' },
  anders_dan_gemeld: { nl: 'We zagen iets anders dan u meldde: {tekst}.', en: 'We found something else than you reported: {tekst}.' },
  niet_aangetroffen: { nl: 'Toen we er waren, zagen we niets: {tekst}.', en: 'When we got there, we found nothing: {tekst}.' },
  al_gemeld: { nl: 'Dit was al eerder gemeld: {tekst}.', en: 'This had already been reported: {tekst}.' },
  niet_gemeentelijk: { nl: 'Dit is geen taak van de gemeente: {tekst}.', en: 'This is not a task of the municipality: {tekst}.' },
  niet_bezocht: { nl: 'We zijn er niet gaan kijken: {tekst}.', en: 'We did not go and look: {tekst}.' },
  // afval
  afval_naast_container: { nl: 'We zagen afval naast de container: {tekst}.', en: 'We saw waste next to the container: {tekst}.' },
  grofvuil: { nl: 'We zagen grofvuil op straat: {tekst}.', en: 'We saw bulky waste on the street: {tekst}.' },
  container_vol: { nl: 'We zagen dat de container vol was: {tekst}.', en: 'We saw that the container was full: {tekst}.' },
  container_defect: { nl: 'We zagen dat de container kapot is: {tekst}.', en: 'We saw that the container is broken: {tekst}.' },
  bedrijfsafval: { nl: 'We zagen afval dat daar is gedumpt: {tekst}.', en: 'We saw waste that was dumped there: {tekst}.' },
  // parkeren
  fout_geparkeerd: { nl: 'We zagen dat het voertuig fout geparkeerd stond: {tekst}.', en: 'We saw that the vehicle was parked wrongly: {tekst}.' },
  uitrit_geblokkeerd: { nl: 'We zagen dat het voertuig een uitrit blokkeerde: {tekst}.', en: 'We saw that the vehicle blocked a driveway: {tekst}.' },
  op_stoep: { nl: 'We zagen dat het voertuig op de stoep stond: {tekst}.', en: 'We saw that the vehicle was parked on the pavement: {tekst}.' },
  invalidenplaats: {
    nl: 'We zagen dat het voertuig op een plek voor mensen met een handicap stond: {tekst}.',
    en: 'We saw that the vehicle was in a space for disabled people: {tekst}.',
  },
  voertuig_weg: { nl: 'Toen we er waren, stond het voertuig er niet meer: {tekst}.', en: 'When we got there, the vehicle was gone: {tekst}.' },
  correct_geparkeerd: { nl: 'We zagen dat het voertuig goed geparkeerd stond: {tekst}.', en: 'We saw that the vehicle was parked correctly: {tekst}.' },
  // zwerffiets
  zwerffiets: { nl: 'We zagen een fiets die is achtergelaten: {tekst}.', en: 'We saw a bicycle that was left behind: {tekst}.' },
  fietswrak: { nl: 'We zagen een kapotte fiets die er al lang staat: {tekst}.', en: 'We saw a broken bicycle that was left behind: {tekst}.' },
  fiets_in_gebruik: { nl: 'We zagen dat de fiets nog wordt gebruikt: {tekst}.', en: 'We saw that the bicycle is still in use: {tekst}.' },
  fiets_weg: { nl: 'Toen we er waren, stond de fiets er niet meer: {tekst}.', en: 'When we got there, the bicycle was gone: {tekst}.' },
  // overlast
  geluidsoverlast: { nl: 'We hoorden dat er lawaai was: {tekst}.', en: 'We heard that there was noise: {tekst}.' },
  hinderlijk_gedrag: { nl: 'We zagen mensen die overlast gaven: {tekst}.', en: 'We saw people causing a nuisance: {tekst}.' },
  jeugdoverlast: { nl: 'We zagen jongeren die lastig waren: {tekst}.', en: 'We saw young people causing a nuisance: {tekst}.' },
  hondenoverlast: { nl: 'We zagen dat honden overlast gaven: {tekst}.', en: 'We saw that dogs caused a nuisance: {tekst}.' },
  geen_overlast: { nl: 'Toen we er waren, zagen en hoorden we geen overlast: {tekst}.', en: 'When we were there, we saw or heard no nuisance: {tekst}.' },
  // groen
  // No place: the branch may hang over a cycle path or a road as well; the officer's words say where.
  tak_laag: { nl: 'We zagen dat de tak te laag hangt: {tekst}.', en: 'We saw that the branch hangs too low: {tekst}.' },
  tak_afgebroken: { nl: 'We zagen dat er een tak is afgebroken: {tekst}.', en: 'We saw that a branch had broken off: {tekst}.' },
  boom_instabiel: { nl: 'We zagen dat de boom niet stevig staat: {tekst}.', en: 'We saw that the tree is not standing firmly: {tekst}.' },
  overhangend_tuingroen: { nl: 'We zagen dat het groen uit een tuin komt: {tekst}.', en: 'We saw that the plants come from a garden: {tekst}.' },
  geen_gevaar: { nl: 'We zagen geen direct gevaar: {tekst}.', en: 'We saw no direct danger: {tekst}.' },
  // verlichting
  lamp_defect: { nl: 'We zagen dat de lamp het niet doet: {tekst}.', en: 'We saw that the lamp does not work: {tekst}.' },
  mast_beschadigd: { nl: 'We zagen dat de lantaarnpaal kapot is: {tekst}.', en: 'We saw that the lamp post is damaged: {tekst}.' },
  bedrading_los: { nl: 'We zagen losse draden: {tekst}.', en: 'We saw loose wires: {tekst}.' },
  brandt_overdag: { nl: 'We zagen dat de lamp overdag brandt: {tekst}.', en: 'We saw that the lamp is on during the day: {tekst}.' },
  werkt_weer: { nl: 'We zagen dat de lamp het doet: {tekst}.', en: 'We saw that the lamp works: {tekst}.' },
};

export const ACTION_FRAMES: Frames = {
  // generic
  ter_plaatse_opgelost: { nl: 'We hebben het op de plek opgelost: {tekst}.', en: 'We fixed it on the spot: {tekst}.' },
  aangesproken: { nl: 'We hebben met de persoon gepraat: {tekst}.', en: 'We spoke to the person about it: {tekst}.' },
  waarschuwing: { nl: 'We gaven een waarschuwing: {tekst}.', en: 'We gave a warning: {tekst}.' },
  proces_verbaal: { nl: 'We hebben een boete gegeven: {tekst}.', en: 'We gave a fine: {tekst}.' },
  doorverwezen: { nl: 'We gaven het door aan een andere partij: {tekst}.', en: 'We passed it on to another party: {tekst}.' },
  vervolg_ingepland: { nl: 'We hebben een vervolg gepland: {tekst}.', en: 'We planned a next step: {tekst}.' },
  samengevoegd: { nl: 'We pakken uw melding samen op met een eerdere melding: {tekst}.', en: 'We deal with your report together with an earlier one: {tekst}.' },
  ingetrokken: { nl: 'De melding is ingetrokken: {tekst}.', en: 'The report was withdrawn: {tekst}.' },
  geen_actie: { nl: 'We hoefden niets te doen: {tekst}.', en: 'We did not need to do anything: {tekst}.' },
  // afval
  afval_laten_ophalen: { nl: 'We hebben gevraagd het afval op te halen: {tekst}.', en: 'We asked for the waste to be collected: {tekst}.' },
  veroorzaker_beboet: { nl: 'We hebben de persoon die het afval neerzette een boete gegeven: {tekst}.', en: 'We fined the person who left the waste: {tekst}.' },
  lediging_aangevraagd: { nl: 'We hebben gevraagd de container extra te legen: {tekst}.', en: 'We asked for the container to be emptied once more: {tekst}.' },
  reparatie_aangevraagd: { nl: 'We hebben gevraagd de container te maken: {tekst}.', en: 'We asked for the container to be repaired: {tekst}.' },
  // parkeren
  bekeuring: { nl: 'We gaven een bekeuring: {tekst}.', en: 'We gave a parking ticket: {tekst}.' },
  weggesleept: { nl: 'We hebben het voertuig laten wegslepen: {tekst}.', en: 'We had the vehicle towed away: {tekst}.' },
  bestuurder_aangesproken: { nl: 'We hebben met de bestuurder gepraat: {tekst}.', en: 'We spoke to the driver: {tekst}.' },
  // zwerffiets
  label_aangebracht: { nl: 'We hebben een label aan de fiets gehangen: {tekst}.', en: 'We put a label on the bicycle: {tekst}.' },
  fiets_verwijderd: { nl: 'We hebben de fiets weggehaald: {tekst}.', en: 'We took the bicycle away: {tekst}.' },
  // overlast
  personen_aangesproken: { nl: 'We hebben met de mensen gepraat: {tekst}.', en: 'We spoke to the people: {tekst}.' },
  politie_ingeschakeld: { nl: 'We hebben de politie om hulp gevraagd: {tekst}.', en: 'We asked the police for help: {tekst}.' },
  extra_toezicht: { nl: 'We gaan er vaker langs: {tekst}.', en: 'We will come by more often: {tekst}.' },
  // groen
  tak_verwijderd: { nl: 'We hebben de tak weggehaald: {tekst}.', en: 'We removed the branch: {tekst}.' },
  plek_afgezet: { nl: 'We hebben de plek afgezet: {tekst}.', en: 'We closed off the spot: {tekst}.' },
  onderhoudsronde: { nl: 'We hebben het werk aangemeld voor de vaste ronde: {tekst}.', en: 'We added the work to the regular round: {tekst}.' },
  eigenaar_aangeschreven: { nl: 'We hebben de eigenaar een brief gestuurd: {tekst}.', en: 'We sent the owner a letter: {tekst}.' },
  // verlichting
  storing_gemeld: { nl: 'We gaven de storing door aan de beheerder: {tekst}.', en: 'We passed the fault on to the operator: {tekst}.' },
  lamp_vervangen: { nl: 'We hebben de lamp vervangen: {tekst}.', en: 'We replaced the lamp: {tekst}.' },
};

/** The follow-up's "wat", whatever the codes (rule 4). */
export const WHAT_FRAME: Readonly<Record<CodeLocale, string>> = { nl: 'Wat we nog doen: {tekst}.', en: 'What we will do next: {tekst}.' };

export function frameFor(part: FramePart, code: string, locale: CodeLocale): string | undefined {
  if (part === 'what') return WHAT_FRAME[locale];
  if (part === 'who') return undefined;
  return (part === 'found' ? FOUND_FRAMES : ACTION_FRAMES)[code]?.[locale];
}

/** The officer's words, rule 1. */
export function officerWords(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/[\s.!?;:,]+$/u, '');
}

/** Rule 3: a capital first letter and an end mark. */
export function asSentenceText(text: string): string {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  if (!trimmed) return '';
  const capital = capitalizeFirst(trimmed);
  if (/[!?]$/.test(capital)) return capital;
  return `${officerWords(capital)}.`;
}

/** Function words of rule 2a: they carry no fact of their own. */
const FUNCTION_WORDS = new Set([
  // nl
  ...'de het een en of van voor op in aan bij met over uit naar is zijn was waren er dat die dit deze te om tot door als niet geen wel ook nog al we wij u ze zij hij'.split(' '),
  // en
  ...'the a an and or of for on in at by with over from to is are was were there that this it we you they not no also still'.split(' '),
]);

const wordsOf = (text: string) => text.toLocaleLowerCase('nl').split(/[^\p{L}\p{N}]+/u).filter(Boolean);

function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const shorter = Math.min(a.length, b.length);
  let common = 0;
  while (common < shorter && a[common] === b[common]) common++;
  return common >= 4 && common >= shorter - 2;
}

/** Words that turn what is said around: a part with one says something else than a frame without one. */
const NEGATIONS = new Set('niet geen nooit niets niks not no never nothing'.split(' '));

/**
 * Rule 2a: every content word of the officer's words is in the frame already (or among its `synonyms`, rule 2b), and
 * they say "not" only where the frame does ("tak niet weggezaagd" does not repeat "We hebben de tak weggehaald").
 */
export function repeatsFrame(words: string, frame: string, synonyms: readonly string[] = []): boolean {
  const ownWords = wordsOf(frame.replace('{tekst}', ' '));
  if (wordsOf(words).some((w) => NEGATIONS.has(w)) && !ownWords.some((w) => NEGATIONS.has(w))) return false;
  const frameWords = [...ownWords, ...synonyms];
  const content = wordsOf(words).filter((w) => /\p{N}/u.test(w) || !FUNCTION_WORDS.has(w));
  return content.every((w) => !/\p{N}/u.test(w) && frameWords.some((f) => sameWord(w, f)));
}

const PART_BREAK = /\s*[,;]\s*|\s+(?:en|and)\s+/iu;

/** Rule 2b: the officer's words without the parts that only say the frame again ('' when none is left). */
export function newParts(words: string, frame: string, synonyms: readonly string[]): string {
  const parts = words.split(PART_BREAK).filter((part) => part.trim() !== '');
  const kept = parts.filter((part) => !repeatsFrame(part, frame, synonyms));
  return kept.length === parts.length ? words : kept.join(', ');
}

/** Rule 5: a team or person as named inside a sentence. */
function tidyName(text: string): string {
  const words = officerWords(text).replace(/^(door|by)\s+/i, '');
  return words.replace(/^(De|Het|Een|The|A|An)(?= )/, (article) => article.toLocaleLowerCase('nl'));
}

/** Rules 1 to 5: the text the citizen reads for this part and code. */
export function tidyText(part: FramePart, code: string, text: string, locale: CodeLocale): string {
  if (part === 'who') return tidyName(text);
  const frame = frameFor(part, code, locale);
  if (!frame) return asSentenceText(text);
  const words = officerWords(text);
  const [lead = ''] = frame.split('{tekst}');
  const alone = frame.replace(/[:,]?\s*\{tekst\}/, '');
  if (words && text.trim().startsWith(lead)) return text.replace(/\s+/g, ' ').trim();
  const rest = words ? newParts(words, frame, part === 'what' ? [] : synonymsFor(code, locale)) : '';
  if (!rest) return alone;
  // A function, so "$&" or "$'" in the officer's words is text, not a replacement pattern.
  return frame.replace('{tekst}', () => lowerFirstWord(rest));
}

/** Whether a text is what tidyText makes of it already (nothing left to tidy). */
export function isTidy(part: FramePart, code: string, text: string, locale: CodeLocale): boolean {
  return text.trim() !== '' && tidyText(part, code, text, locale) === text.replace(/\s+/g, ' ').trim();
}

/** Whether the follow-up's "wat" is framed already (rule 4): it reads as a sentence of its own. */
export function isFramedWhat(text: string): boolean {
  const trimmed = text.trim();
  return Object.values(WHAT_FRAME).some((frame) => trimmed.startsWith(frame.split('{tekst}')[0] ?? '\u0000'));
}
