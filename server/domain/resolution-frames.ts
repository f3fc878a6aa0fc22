/**
 * Officer text made fit to send (README "Tekst uit het veld netjes maken"): a resolution's found and action texts
 * are written in the field as fragments ("tak hangt laag", "gemarkeerd voor snoeiploeg"). The desk's one-click
 * tidy-up turns each into a sentence the citizen can read, with a sentence frame per resolution code that the
 * officer's words complete. Pure data and string rules, no language model; the result stays editable.
 *
 * Rules of `tidyText(kind, code, text, locale)`:
 * 1. The officer's words: white space collapsed, trimmed, trailing . ! ? ; : , removed.
 * 2. A code with a frame: the frame with {tekst} replaced by the words, their first letter lower-cased unless the
 *    first word is all capitals or contains a capital later on (a name or abbreviation: "BOA", "McDonald").
 *    No words: the frame without its ": {tekst}" part. Words that already are the framed sentence (a second
 *    click) are left as they are.
 * 3. A code without a frame (or none chosen): the words with a capital first letter and a full stop at the end
 *    (kept when the text ended in ! or ?).
 * Every found and action code of resolution-codes.ts has a frame in Dutch and English (test).
 */

import type { CodeLocale } from './resolution-codes';

export type FramePart = 'found' | 'action';

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
  jeugdoverlast: { nl: 'We zagen jongeren die voor last zorgden: {tekst}.', en: 'We saw young people causing a nuisance: {tekst}.' },
  hondenoverlast: { nl: 'We zagen dat honden overlast gaven: {tekst}.', en: 'We saw that dogs caused a nuisance: {tekst}.' },
  geen_overlast: { nl: 'Toen we er waren, zagen en hoorden we geen overlast: {tekst}.', en: 'When we were there, we saw or heard no nuisance: {tekst}.' },
  // groen
  tak_laag: { nl: 'We zagen dat de tak laag over de stoep hangt: {tekst}.', en: 'We saw that the branch hangs low over the pavement: {tekst}.' },
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

export function frameFor(part: FramePart, code: string, locale: CodeLocale): string | undefined {
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
  const capital = trimmed.charAt(0).toLocaleUpperCase('nl') + trimmed.slice(1);
  if (/[!?]$/.test(capital)) return capital;
  return `${officerWords(capital)}.`;
}

function lowerFirst(words: string): string {
  const first = words.split(' ')[0] ?? '';
  const letters = first.replace(/[^\p{L}]/gu, '');
  const keepsCase = (letters.length > 1 && letters === letters.toUpperCase()) || /\p{Lu}/u.test(letters.slice(1));
  return keepsCase ? words : words.charAt(0).toLocaleLowerCase('nl') + words.slice(1);
}

/** Rule 2 and 3: the text the citizen reads for this code. */
export function tidyText(part: FramePart, code: string, text: string, locale: CodeLocale): string {
  const frame = frameFor(part, code, locale);
  if (!frame) return asSentenceText(text);
  const words = officerWords(text);
  const [lead = ''] = frame.split('{tekst}');
  if (words && text.trim().startsWith(lead)) return text.replace(/\s+/g, ' ').trim();
  if (!words) return frame.replace(/[:,]?\s*\{tekst\}/, '');
  // A function, so "$&" or "$'" in the officer's words is text, not a replacement pattern.
  return frame.replace('{tekst}', () => lowerFirst(words));
}

/** Whether a text is what tidyText makes of it already (nothing left to tidy). */
export function isTidy(part: FramePart, code: string, text: string, locale: CodeLocale): boolean {
  return text.trim() !== '' && tidyText(part, code, text, locale) === text.replace(/\s+/g, ' ').trim();
}
