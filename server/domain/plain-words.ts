/**
 * Officialese (ambtelijke) words and phrases with a plain-language (taalniveau B1) replacement, as data for the
 * readability hints (domain/readability.ts). Sources: the usual B1 word lists of Dutch government writing guides
 * ("Direct duidelijk", Taalunie, Rijksoverheid schrijfwijzers), narrowed to what turns up in a municipality's
 * messages about public space.
 *
 * Matching rules (readability.ts): every form is matched case-insensitively as whole words (a letter or digit may
 * not touch it on either side), the longest form first, and a stretch of text is hinted once. Forms are lower case
 * and written as they appear in a sentence (the inflected forms are listed, no stemming). `replacement` is a
 * suggestion for the dispatcher, never applied by itself.
 */

export interface PlainWord {
  /** The ways the word or phrase is written in a sentence, lower case. */
  forms: readonly string[];
  /** The plain word(s) to use instead. */
  replacement: string;
}

export const PLAIN_WORDS_NL: readonly PlainWord[] = [
  {
    forms: ['in behandeling nemen', 'in behandeling genomen', 'in behandeling neemt', 'in behandeling nam', 'in behandeling namen'],
    replacement: 'bekijken',
  },
  { forms: ['in behandeling'], replacement: 'we kijken ernaar' },
  { forms: ['gemarkeerd', 'markeren'], replacement: 'aangewezen' },
  { forms: ['afgehandeld', 'afhandelen', 'afhandeling'], replacement: 'zeg wat er gedaan is' },
  { forms: ['aangaande'], replacement: 'over' },
  { forms: ['aanvang'], replacement: 'begin' },
  { forms: ['alsmede'], replacement: 'en' },
  { forms: ['alvorens'], replacement: 'voordat' },
  { forms: ['behoeven', 'behoeft'], replacement: 'hoeven' },
  { forms: ['beëindigen', 'beëindigd'], replacement: 'stoppen' },
  { forms: ['bewerkstelligen'], replacement: 'zorgen voor' },
  { forms: ['bijgevolg', 'derhalve'], replacement: 'daarom' },
  { forms: ['conform', 'overeenkomstig', 'ingevolge'], replacement: 'volgens' },
  { forms: ['dient te', 'dienen te', 'diende te'], replacement: 'moet' },
  { forms: ['doch'], replacement: 'maar' },
  { forms: ['geïnformeerd', 'informeren', 'in kennis stellen', 'in kennis gesteld'], replacement: 'laten weten' },
  { forms: ['hieromtrent', 'omtrent', 'inzake', 'ten aanzien van', 'met betrekking tot', 'm.b.t.', 't.a.v.'], replacement: 'over' },
  { forms: ['indien', 'mits'], replacement: 'als' },
  { forms: ['middels', 'door middel van', 'd.m.v.'], replacement: 'met' },
  { forms: ['onverwijld', 'per omgaande'], replacement: 'meteen' },
  { forms: ['op grond van'], replacement: 'volgens' },
  { forms: ['reeds'], replacement: 'al' },
  { forms: ['retourneren'], replacement: 'terugsturen' },
  { forms: ['ten behoeve van', 't.b.v.'], replacement: 'voor' },
  { forms: ['ter plaatse'], replacement: 'op de plek' },
  { forms: ['teneinde'], replacement: 'om' },
  { forms: ['thans'], replacement: 'nu' },
  { forms: ['trachten', 'tracht'], replacement: 'proberen' },
  { forms: ['verstrekken', 'verstrekt'], replacement: 'geven' },
  { forms: ['verzoeken', 'verzoek', 'verzocht'], replacement: 'vragen' },
  { forms: ['voorts'], replacement: 'verder' },
  { forms: ['wegens', 'ten gevolge van', 'i.v.m.', 'in verband met'], replacement: 'door' },
  { forms: ['zorg dragen voor', 'zorgdragen voor', 'draagt zorg voor'], replacement: 'zorgen voor' },
  { forms: ['uitvoering geven aan'], replacement: 'uitvoeren' },
  { forms: ['melding maken van'], replacement: 'melden' },
  { forms: ['ter hand nemen', 'ter hand genomen'], replacement: 'oppakken' },
  { forms: ['adequaat'], replacement: 'goed' },
  { forms: ['c.q.'], replacement: 'of' },
  { forms: ['z.s.m.'], replacement: 'zo snel mogelijk' },
  { forms: ['bovengenoemde', 'bovenstaande', 'voornoemde'], replacement: 'deze' },
  { forms: ['desgewenst'], replacement: 'als u dat wilt' },
  { forms: ['dusdanig'], replacement: 'zo' },
  { forms: ['frequent'], replacement: 'vaak' },
  { forms: ['initiëren', 'geïnitieerd'], replacement: 'beginnen' },
  { forms: ['beschikken over'], replacement: 'hebben' },
  { forms: ['woonachtig'], replacement: 'wonend' },
  { forms: ['hoogachtend'], replacement: 'met vriendelijke groet' },
  { forms: ['prioriteren', 'geprioriteerd'], replacement: 'eerst doen' },
  { forms: ['inspecteren', 'geïnspecteerd'], replacement: 'bekijken' },
  { forms: ['verwijderd'], replacement: 'weggehaald' },
  { forms: ['vervolgactie', 'vervolgacties'], replacement: 'wat we daarna doen' },
];

export const PLAIN_WORDS_EN: readonly PlainWord[] = [
  { forms: ['in order to'], replacement: 'to' },
  { forms: ['commence', 'commenced'], replacement: 'start' },
  { forms: ['utilise', 'utilize', 'utilised', 'utilized'], replacement: 'use' },
  { forms: ['prior to'], replacement: 'before' },
  { forms: ['subsequently'], replacement: 'later' },
  { forms: ['regarding', 'with regard to', 'in respect of'], replacement: 'about' },
  { forms: ['approximately'], replacement: 'about' },
  { forms: ['assistance'], replacement: 'help' },
  { forms: ['facilitate'], replacement: 'help' },
  { forms: ['in the event that'], replacement: 'if' },
  { forms: ['endeavour', 'endeavor'], replacement: 'try' },
  { forms: ['terminate', 'terminated'], replacement: 'end' },
  { forms: ['notwithstanding'], replacement: 'despite' },
  { forms: ['hereby'], replacement: '(leave out)' },
];
