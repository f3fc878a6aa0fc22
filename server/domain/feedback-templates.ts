import type { Outcome } from '../protocol/report';
import type { FeedbackLocale, FeedbackTemplate, FeedbackTrigger } from '../protocol/resolution';
import { visitTemplates } from './feedback-templates-visit';

/**
 * Seeded feedback templates. Every trigger has a '*' template in Dutch and English, 'closed' has one per outcome;
 * a few categories get their own wording. Placeholders are listed in feedback-placeholders.ts; `{?name}` is
 * optional and its line disappears when it is empty.
 *
 * Written for a B1 reader (README "Berichten aan de melder"): short sentences (at most 15 words), plain words, the
 * officer's findings ({bevinding}, {actie}, {vervolgactie}) as whole sentences inside the prose (feedback-values.ts
 * asSentence), no label lines. Each message greets its recipient by name ({naam}), says who writes (the
 * municipality's name, phone number and web address are settings) and, where the report stays open, tells the
 * citizen to call rather than report the same thing again (a second report would be a duplicate). Closing messages
 * thank the reporter; the 'resolved' ones link the approved photo of the fix when the desk sends it ({?fotolink}).
 * A split report's closing sums up its parts ({?deelmeldingen}) right after what was found and done, before the
 * thanks and the closing lines.
 * Every template, filled with the branch case, reaches the readability floor (test).
 */

const SIGN_NL = 'Met vriendelijke groet,\n{afzender}\n{gemeente}\nTelefoon: {telefoon}\n{website}';
const SIGN_EN = 'Kind regards,\n{afzender}\n{gemeente}\nPhone: {telefoon}\n{website}';
const FOUND_ACTION = '{bevinding} {actie}';
const PARTS = '{?deelmeldingen}';
const THANKS_NL = 'Bedankt voor uw melding. Zo helpt u mee aan een schone en veilige buurt.';
const THANKS_EN = 'Thank you for your report. It helps to keep the neighbourhood clean and safe.';

function template(
  trigger: FeedbackTrigger,
  category: string,
  outcome: Outcome | undefined,
  locale: FeedbackLocale,
  subject: string,
  paragraphs: string[],
): FeedbackTemplate {
  const greeting = locale === 'nl' ? 'Beste {naam},' : 'Dear {naam},';
  const sign = locale === 'nl' ? SIGN_NL : SIGN_EN;
  const body = [greeting, ...(trigger === 'closed' ? withParts(paragraphs) : paragraphs), sign].join('\n\n');
  const id = `${trigger}.${category}.${outcome ?? '-'}.${locale}`;
  return outcome ? { id, category, trigger, outcome, locale, subject, body } : { id, category, trigger, locale, subject, body };
}

/** A closing's paragraphs with the parts' summary after what was found and done (its line goes when there are no parts). */
function withParts(paragraphs: string[]): string[] {
  const at = paragraphs.indexOf(FOUND_ACTION);
  return at === -1 ? [...paragraphs, PARTS] : [...paragraphs.slice(0, at + 1), PARTS, ...paragraphs.slice(at + 1)];
}

export const defaultTemplates: readonly FeedbackTemplate[] = [
  // ---- receipt ----
  template('receipt', '*', undefined, 'nl', 'Uw melding {meldingnummer} is ontvangen', [
    'Bedankt voor uw melding over {categorie}. Het gaat om {adres}. Uw meldingnummer is {meldingnummer}.',
    'Binnen {afhandeltermijn} hoort u van ons wat we hebben gedaan. Kost het meer tijd? Dan hoort u wanneer het klaar is.',
    '{?aandachtsgebied_uitleg}',
    'Hoe het met uw melding staat, ziet u op {statuslink}\nUw code is {?code}, voor als u uw melding opzoekt.',
    'Heeft u een vraag? Bel ons dan op {telefoon}. Noem dan uw meldingnummer.',
  ]),
  template('receipt', '*', undefined, 'en', 'Your report {meldingnummer} has been received', [
    'Thank you for your report. It is about {categorie} at {adres}. Your report number is {meldingnummer}.',
    'Within {afhandeltermijn} we will tell you what we did. Does it take longer? Then we will tell you when it will be done.',
    '{?aandachtsgebied_uitleg}',
    'You can see how your report is doing at {statuslink}\nYour code is {?code}, for when you look up your report.',
    'Do you have a question? Then call us on {telefoon}. Please give your report number.',
  ]),

  // ---- scheduled ----
  template('scheduled', '*', undefined, 'nl', 'Uw melding {meldingnummer} is ingepland voor {vervolgdatum}', [
    'Bedankt voor uw melding {meldingnummer} over {categorie}. Het gaat om {adres}. Een medewerker is gaan kijken.',
    FOUND_ACTION,
    'Er is nog werk nodig. {vervolgactie} Dat gebeurt op {vervolgdatum}.',
    'Uw melding blijft open tot dit klaar is. Daarna hoort u van ons hoe het is gegaan. Is het voor die tijd gevaarlijk? Bel ons dan op {telefoon}.',
    'Volg uw melding op {statuslink}',
  ]),
  template('scheduled', '*', undefined, 'en', 'Your report {meldingnummer} is scheduled for {vervolgdatum}', [
    'Thank you for your report {meldingnummer}. It is about {categorie} at {adres}. One of our staff went to look.',
    FOUND_ACTION,
    'There is more work to do. {vervolgactie} This will happen on {vervolgdatum}.',
    'Your report stays open until this is done. Then we will tell you how it went. Is it dangerous before then? Please call us on {telefoon}.',
    'Follow your report at {statuslink}',
  ]),
  template('scheduled', 'groen', undefined, 'nl', 'Uw melding {meldingnummer}: werk ingepland voor {vervolgdatum}', [
    'Bedankt voor uw melding {meldingnummer} over {categorie}. Het gaat om {adres}. Een medewerker is gaan kijken.',
    FOUND_ACTION,
    'Werk aan bomen en groen doen we in vaste rondes. {vervolgactie} Dat gebeurt op {vervolgdatum}. Het werk doet {vervolg_door}.',
    'Uw melding is dus nog niet klaar. Hij blijft open tot het werk is gedaan.',
    'Wordt het voor die tijd gevaarlijk? Zakt de tak bijvoorbeeld verder, of breekt hij af? Bel ons dan meteen op {telefoon}. Dan komen we eerder. U hoeft het niet opnieuw te melden.',
    'Volg uw melding op {statuslink}',
  ]),
  template('scheduled', 'groen', undefined, 'en', 'Your report {meldingnummer}: work scheduled for {vervolgdatum}', [
    'Thank you for your report {meldingnummer}. It is about {categorie} at {adres}. One of our staff went to look.',
    FOUND_ACTION,
    'We do work on trees and plants in fixed rounds. {vervolgactie} This will happen on {vervolgdatum}. The work is done by {vervolg_door}.',
    'So your report is not finished yet. It stays open until the work is done.',
    'Does it get dangerous before then? For example, does the branch sag more or break? Then call us at once on {telefoon}. We will come sooner. You do not need to report it again.',
    'Follow your report at {statuslink}',
  ]),
  template('scheduled', 'verlichting', undefined, 'nl', 'Uw melding {meldingnummer}: herstel ingepland voor {vervolgdatum}', [
    'Bedankt voor uw melding {meldingnummer} over {categorie}. Het gaat om {adres}. Een medewerker is gaan kijken.',
    FOUND_ACTION,
    'De reparatie staat gepland. {vervolgactie} Dat gebeurt op {vervolgdatum}. Het werk doet {vervolg_door}.',
    'Uw melding blijft open tot de lamp het weer doet. Is het voor die tijd gevaarlijk? Bel ons dan op {telefoon}.',
    'Volg uw melding op {statuslink}',
  ]),
  template('scheduled', 'verlichting', undefined, 'en', 'Your report {meldingnummer}: repair scheduled for {vervolgdatum}', [
    'Thank you for your report {meldingnummer}. It is about {categorie} at {adres}. One of our staff went to look.',
    FOUND_ACTION,
    'The repair has been planned. {vervolgactie} This will happen on {vervolgdatum}. The work is done by {vervolg_door}.',
    'Your report stays open until the light works again. Is it dangerous before then? Please call us on {telefoon}.',
    'Follow your report at {statuslink}',
  ]),

  // ---- closed, per outcome ----
  template('closed', '*', 'resolved', 'nl', 'Uw melding {meldingnummer} is opgelost', [
    'Uw melding {meldingnummer} over {categorie} is opgelost. Het ging om {adres}.',
    FOUND_ACTION,
    'Zo ziet het er nu uit: {?fotolink}',
    THANKS_NL,
    'Is het probleem toch niet opgelost? Laat het ons weten via {statuslink}',
  ]),
  template('closed', '*', 'resolved', 'en', 'Your report {meldingnummer} has been resolved', [
    'Your report {meldingnummer} has been resolved. It was about {categorie} at {adres}.',
    FOUND_ACTION,
    'This is how it looks now: {?fotolink}',
    THANKS_EN,
    'Is the problem not solved after all? Let us know at {statuslink}',
  ]),
  template('closed', '*', 'referred', 'nl', 'Uw melding {meldingnummer} is doorgestuurd naar {doorverwezen_naar}', [
    'We hebben uw melding {meldingnummer} over {categorie} bekeken. Het gaat om {adres}.',
    FOUND_ACTION,
    'De verdere aanpak ligt bij {doorverwezen_naar}. Daarom hebben we uw melding aan hen doorgegeven. Heeft u vragen over de aanpak? Stel ze dan aan {doorverwezen_naar}.',
    THANKS_NL,
    'Uw melding bij ons is nu gesloten. Meer informatie: {statuslink}',
  ]),
  template('closed', '*', 'referred', 'en', 'Your report {meldingnummer} has been passed on to {doorverwezen_naar}', [
    'We have looked at your report {meldingnummer}. It is about {categorie} at {adres}.',
    FOUND_ACTION,
    'The next steps are up to {doorverwezen_naar}. So we have passed your report on to them. Do you have questions about it? Then please ask {doorverwezen_naar}.',
    THANKS_EN,
    'Your report with us is now closed. More information: {statuslink}',
  ]),
  template('closed', '*', 'no_action', 'nl', 'Uw melding {meldingnummer}: geen verdere actie', [
    'We hebben uw melding {meldingnummer} over {categorie} bekeken. Het gaat om {adres}.',
    FOUND_ACTION,
    'We doen op dit moment verder niets. Bedankt voor uw melding.',
    'Verandert de situatie? Of bent u het hier niet mee eens? Laat het ons dan weten via {statuslink}',
  ]),
  template('closed', '*', 'no_action', 'en', 'Your report {meldingnummer}: no further action', [
    'We have looked at your report {meldingnummer}. It is about {categorie} at {adres}.',
    FOUND_ACTION,
    'We are not doing anything more at the moment. Thank you for your report.',
    'Does the situation change? Or do you not agree? Then let us know at {statuslink}',
  ]),
  template('closed', '*', 'not_found', 'nl', 'Uw melding {meldingnummer}: niets aangetroffen', [
    'We zijn gaan kijken op {adres}. Dat was na uw melding {meldingnummer} over {categorie}. We hebben het probleem daar niet (meer) gezien.',
    FOUND_ACTION,
    'Bedankt voor uw melding.',
    'Ziet u het probleem weer? Laat het ons dan weten via {statuslink}\nOf bel ons op {telefoon}.',
  ]),
  template('closed', '*', 'not_found', 'en', 'Your report {meldingnummer}: nothing found', [
    'After your report {meldingnummer} we went to {adres}. We did not see the problem there (any more).',
    FOUND_ACTION,
    'Thank you for your report.',
    'Do you see the problem again? Then let us know at {statuslink}\nOr call us on {telefoon}.',
  ]),
  template('closed', '*', 'duplicate', 'nl', 'Uw melding {meldingnummer} is samengevoegd met een eerdere melding', [
    'Hetzelfde probleem op {adres} was al eerder bij ons gemeld. Daarom pakken we uw melding {meldingnummer} samen met die melding op.',
    FOUND_ACTION,
    'Bedankt voor uw melding. U hoeft het niet opnieuw te melden. Wilt u iets toevoegen? Bel ons dan op {telefoon}.',
    'Meer informatie: {statuslink}',
  ]),
  template('closed', '*', 'duplicate', 'en', 'Your report {meldingnummer} has been merged with an earlier report', [
    'The same problem at {adres} had already been reported to us. So we deal with your report {meldingnummer} together with that one.',
    FOUND_ACTION,
    'Thank you for your report. You do not need to report it again. Do you want to add something? Then call us on {telefoon}.',
    'More information: {statuslink}',
  ]),
  template('closed', '*', 'cancelled', 'nl', 'Uw melding {meldingnummer} is geannuleerd', [
    'Uw melding {meldingnummer} over {categorie} is geannuleerd. Het ging om {adres}.',
    FOUND_ACTION,
    'Bedankt dat u de moeite nam om het te melden.',
    'Klopt dit niet? Laat het ons weten via {statuslink}\nOf bel ons op {telefoon}.',
  ]),
  template('closed', '*', 'cancelled', 'en', 'Your report {meldingnummer} has been cancelled', [
    'Your report {meldingnummer} has been cancelled. It was about {categorie} at {adres}.',
    FOUND_ACTION,
    'Thank you for taking the time to report it.',
    'Is this not right? Let us know at {statuslink}\nOr call us on {telefoon}.',
  ]),
  template('closed', 'parkeren', 'not_found', 'nl', 'Uw melding {meldingnummer}: voertuig niet meer aanwezig', [
    'Na uw melding {meldingnummer} is een handhaver naar {adres} gegaan.',
    FOUND_ACTION,
    'Vaak is een voertuig al weg voordat we er zijn. Bedankt dat u het toch meldde.',
    'Staat er later weer een voertuig fout? Dat is een nieuwe melding. Meer informatie: {statuslink}',
  ]),
  template('closed', 'parkeren', 'not_found', 'en', 'Your report {meldingnummer}: vehicle no longer there', [
    'After your report {meldingnummer} one of our officers went to {adres}.',
    FOUND_ACTION,
    'A vehicle has often gone before we get there. Thank you for reporting it anyway.',
    'Is a vehicle parked wrongly again later? That is a new report. More information: {statuslink}',
  ]),
  template('closed', 'overlast', 'resolved', 'nl', 'Uw melding {meldingnummer} over overlast', [
    'Na uw melding {meldingnummer} over {categorie} zijn handhavers gaan kijken. Dat was op {adres}.',
    FOUND_ACTION,
    'Zo ziet het er nu uit: {?fotolink}',
    'Bedankt voor uw melding. Houdt de overlast aan, of komt het terug? Meld het dan weer. Zo zien we waar we vaker moeten komen.',
    '{?aandachtsgebied_uitleg}',
    'Meer informatie: {statuslink}',
  ]),
  template('closed', 'overlast', 'resolved', 'en', 'Your report {meldingnummer} about nuisance', [
    'After your report {meldingnummer}, enforcement officers went to {adres}.',
    FOUND_ACTION,
    'This is how it looks now: {?fotolink}',
    'Thank you for your report. Does the nuisance go on, or come back? Then report it again. It shows us where to come more often.',
    '{?aandachtsgebied_uitleg}',
    'More information: {statuslink}',
  ]),

  // ---- reopen decisions ----
  template('reopen_accepted', '*', undefined, 'nl', 'Uw melding {meldingnummer} wordt opnieuw opgepakt', [
    'Volgens u is het probleem op {adres} nog niet opgelost. Het gaat om uw melding {meldingnummer}. Bedankt dat u dat liet weten.',
    '{toelichting}',
    'We pakken uw melding opnieuw op. U hoort van ons wat we zien en wat we doen.',
    'Volg uw melding op {statuslink}',
  ]),
  template('reopen_accepted', '*', undefined, 'en', 'Your report {meldingnummer} is being taken up again', [
    'You told us the problem at {adres} is not solved. This is about your report {meldingnummer}. Thank you for letting us know.',
    '{toelichting}',
    'We are taking up your report again. We will tell you what we find and what we do.',
    'Follow your report at {statuslink}',
  ]),
  template('reopen_rejected', '*', undefined, 'nl', 'Uw melding {meldingnummer} blijft gesloten', [
    'Volgens u is het probleem op {adres} nog niet opgelost. Het gaat om uw melding {meldingnummer}. We hebben uw reactie bekeken.',
    '{toelichting}',
    'Uw melding blijft daarom gesloten. Heeft u nog een vraag? Bel ons dan op {telefoon}.',
    'Meer informatie: {statuslink}',
  ]),
  template('reopen_rejected', '*', undefined, 'en', 'Your report {meldingnummer} remains closed', [
    'You told us the problem at {adres} is not solved. This is about your report {meldingnummer}. We have looked at your response.',
    '{toelichting}',
    'So your report stays closed. Do you have a question? Then call us on {telefoon}.',
    'More information: {statuslink}',
  ]),
  // ---- follow-up date: "vandaag komen we langs" (feedback-templates-visit.ts) ----
  ...visitTemplates,
];
