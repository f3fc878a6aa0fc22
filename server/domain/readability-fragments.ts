import type { ReadabilityLocale } from './readability-types';

/**
 * Whether a sentence of a citizen message is a fragment rather than a whole sentence (rule 9 of readability.ts): the
 * field's notes as typed ("Tak hangt laag.", "Gemarkeerd voor snoeiploeg.") read as a telegram. Pure word lists and
 * endings, no language model, so a proxy as the score is: it errs towards leaving a sentence alone.
 *
 * A sentence written to its end (. ! ?) of at least 2 words is a fragment when
 *  - it has no finite verb: no word of FINITE_VERBS, no subject pronoun (a pronoun brings its verb: "we snoeiden"),
 *    and (Dutch) no word of 4+ letters ending in "t" (not a function word: "niet", nor NOT_VERBS_IN_T: "kapot") that is
 *    no participle: "ge" at its start or after a separable prefix ("hangt", "regelt"; not "gezet", "afgezet")
 *    nor one of 6+ letters ending in "den" / "ten" (a past plural: "snoeiden"); or
 *  - it is a telegram: it opens with a thing of BARE_NOUNS without its article ("Tak hangt laag boven fietspad."),
 *    or has 3 or more words, none a function word (article, pronoun, preposition, conjunction, or a word of when:
 *    "morgen", "volgende").
 * Word lists, so a guess: "Handhaving controleert vaker." still reads as a telegram.
 * Greetings and closings of SET_PHRASES ("Tot ziens.", "Fijn weekend!") are whole sentences.
 * A sentence that ends at a line break without an end mark is a fragment only when it has a finite verb, 3 or more
 * words and ends in a word: a sentence that lost its full stop ("Wij komen morgen langs"). Greetings, signature
 * lines and a line ending in a link are left alone.
 */

const FINITE_VERBS: Readonly<Record<ReadabilityLocale, ReadonlySet<string>>> = {
  nl: new Set(
    [
      'is zijn was waren ben bent wordt worden werd werden heeft hebben had hadden heb hebt kan kunnen kon konden kunt zal zullen',
      'zou zouden zult moet moeten moest moesten mag mogen mocht wil wilt willen wilde gaat gaan ging gingen ga komt komen kwam',
      'kwamen kom staat staan stond stonden sta ligt liggen lag lagen hangt hangen hing hingen doet doen deed deden doe ziet zien',
      // verbs that begin with "ge" as a participle does ("geldt", not "gemeld")
      'geldt gelden gold golden geniet genieten geloof gelooft geloven',
      'zag zagen zie krijgt krijgen kreeg kregen houdt houden hield laat laten liet lieten geeft geven gaf gaven geef neemt nemen',
      'nam namen neem blijft blijven bleef bleven weet weten wist vindt vinden vond vonden zit zitten zat zaten helpt helpen hielp',
      'kijkt kijken keek keken kijk bel belt bellen belde meld meldt melden meldde volg volgt lees leest stuur stuurt sturen',
      'stuurde vul vult hoort horen hoorde hoor gebeurt gebeuren gebeurde kost kosten kostte werkt werken werkte zorgt zorgen',
      'zorgde pakt pakken pakte maakt maken maakte haalt halen haalde brengt brengen bracht zegt zeggen zei vraagt vragen vroeg',
      'denkt denken dacht loopt lopen liep rijdt rijden reed snoeit snoeien snoeide ruimt ruimen ruimde bedankt dank graag',
      // imperatives (the first word of "Noem dan uw meldingnummer.")
      'noem kies klik zet wacht let houd vraag zeg schrijf controleer open ruim',
    ]
      .join(' ')
      .split(' '),
  ),
  en: new Set(
    [
      'is are was were am be been has have had do does did will would can could may might must shall should hangs hang hung',
      'works work comes come came goes go went gets get got takes take took makes make sees see saw looks look stays stay',
      'call calls follow thank thanks please let tell told helps help need needs happen happens keep keeps kept lies lie lay',
      'stands stand stood',
    ]
      .join(' ')
      .split(' '),
  ),
};

const SUBJECT_PRONOUNS: Readonly<Record<ReadabilityLocale, ReadonlySet<string>>> = {
  nl: new Set('ik jij je u hij zij ze wij we men'.split(' ')),
  en: new Set('i you he she it we they there'.split(' ')),
};

const FUNCTION_WORDS: Readonly<Record<ReadabilityLocale, ReadonlySet<string>>> = {
  nl: new Set(
    [
      'de het een dit dat deze die er ik jij je u hij zij ze wij we men mij me ons hem haar hen hun uw mijn jouw zijn onze',
      'van voor op in aan bij met over uit naar door om tot tegen tussen onder boven achter naast na sinds zonder',
      'langs via per binnen buiten rond vanaf tijdens volgens namens',
      'en of maar want dus als dan omdat toen wanneer hoe wat wie waar niet geen wel ook nog al zo',
      // when: a sentence that says who comes when needs no article ("Team Groen komt morgen.")
      'vandaag morgen gisteren straks binnenkort volgende vorige komende elke iedere alle',
    ]
      .join(' ')
      .split(' '),
  ),
  en: new Set(
    [
      'the a an this that these those it i you he she we they me us him her them your our my his their its there',
      'of to in on at for with by from about over under after before into out up and or but so if when then how what',
      'who where not no also',
      'today tomorrow tonight yesterday soon next every',
    ]
      .join(' ')
      .split(' '),
  ),
};

/** Greetings and closings that are whole as they are, without a verb ("Tot ziens."). */
const SET_PHRASES: ReadonlySet<string> = new Set([
  'tot ziens',
  'tot dan',
  'fijn weekend',
  'fijne dag',
  'fijne avond',
  'alvast bedankt',
  'hartelijke groet',
  'vriendelijke groet',
  'kind regards',
  'best regards',
  'best wishes',
  'have a nice day',
  'many thanks',
]);

/**
 * Things of public space a field note names without the article a sentence gives them ("Tak hangt laag." for "De tak
 * hangt laag."): a sentence that opens with one, in the singular, is a telegram whatever else it has.
 */
const BARE_NOUNS: Readonly<Record<ReadabilityLocale, ReadonlySet<string>>> = {
  nl: new Set(
    'tak boom struik heg lamp lantaarnpaal paal mast container afvalbak prullenbak klep fiets auto voertuig stoep fietspad hek bankje speeltuin bushalte bord eigenaar bestuurder melder groep'.split(
      ' ',
    ),
  ),
  en: new Set('branch tree bush hedge lamp post pole container bin lid bicycle bike car vehicle pavement sidewalk fence bench playground sign owner driver group'.split(' ')),
};

export interface SentenceShape {
  /** The sentence's counted words, lower case. */
  words: readonly string[];
  /** It ends in . ! or ? (else at a line break or the end of the text). */
  endMark: boolean;
  /** Its last token is a counted word (not a link, number or code). */
  endsInWord: boolean;
}

/** Dutch words in -t a field note uses that are no verb ("Container kapot.", "Fiets vast aan hek."). */
const NOT_VERBS_IN_T: ReadonlySet<string> = new Set(
  'kapot vast dicht los licht echt eerst laatst net recht plaats straat kant punt lint slot hout nacht rust markt'.split(' '),
);

/** A past participle's "ge": at the start or after a separable prefix ("gezet", "afgezet"; not "regelt", "begint"). */
const PARTICIPLE_GE = /^(?:af|op|aan|uit|weg|in|mee|door|over|om|toe|vast|terug|neer|bij|na|voor|samen|los|vrij)?ge/;

function looksFinite(word: string, locale: ReadabilityLocale): boolean {
  if (FINITE_VERBS[locale].has(word) || SUBJECT_PRONOUNS[locale].has(word)) return true;
  if (locale !== 'nl') return false;
  if (FUNCTION_WORDS.nl.has(word) || NOT_VERBS_IN_T.has(word)) return false;
  if (word.length >= 4 && word.endsWith('t') && !PARTICIPLE_GE.test(word)) return true;
  return word.length >= 6 && /(den|ten)$/.test(word);
}

export function hasFiniteVerb(words: readonly string[], locale: ReadabilityLocale): boolean {
  return words.some((w) => looksFinite(w, locale));
}

export function isFragment(sentence: SentenceShape, locale: ReadabilityLocale): boolean {
  const { words } = sentence;
  if (!sentence.endMark) return sentence.endsInWord && words.length >= 3 && hasFiniteVerb(words, locale);
  if (words.length < 2 || SET_PHRASES.has(words.join(' '))) return false;
  if (!hasFiniteVerb(words, locale)) return true;
  if (BARE_NOUNS[locale].has(words[0] ?? '')) return true;
  return words.length >= 3 && !words.some((w) => FUNCTION_WORDS[locale].has(w));
}
