import type { Outcome } from '../protocol/report';
import type { FeedbackLocale, FeedbackTemplate, FeedbackTrigger } from '../protocol/resolution';

/**
 * Seeded feedback templates. Every trigger has a '*' template in Dutch and English,
 * 'closed' has one per outcome; a few categories get their own wording. Placeholders
 * are listed in feedback.ts; `{?name}` is optional and its line disappears when empty.
 */

const SIGN_NL = 'Met vriendelijke groet,\nHandhaving en Toezicht';
const SIGN_EN = 'Kind regards,\nEnforcement and Supervision';
const FOUND_ACTION_NL = 'Wat we aantroffen: {bevinding}\nWat we deden: {actie}';
const FOUND_ACTION_EN = 'What we found: {bevinding}\nWhat we did: {actie}';

function template(
  trigger: FeedbackTrigger,
  category: string,
  outcome: Outcome | undefined,
  locale: FeedbackLocale,
  subject: string,
  paragraphs: string[],
): FeedbackTemplate {
  const greeting = locale === 'nl' ? 'Beste melder,' : 'Dear reporter,';
  const sign = locale === 'nl' ? SIGN_NL : SIGN_EN;
  const body = [greeting, ...paragraphs, sign].join('\n\n');
  const id = `${trigger}.${category}.${outcome ?? '-'}.${locale}`;
  return outcome ? { id, category, trigger, outcome, locale, subject, body } : { id, category, trigger, locale, subject, body };
}

export const defaultTemplates: readonly FeedbackTemplate[] = [
  // ---- receipt ----
  template('receipt', '*', undefined, 'nl', 'Uw melding {meldingnummer} is ontvangen', [
    'Bedankt voor uw melding over {categorie} op {adres}. Uw meldingnummer is {meldingnummer}.',
    'We handelen meldingen als deze binnen {afhandeltermijn} af. U hoort dan van ons wat we hebben aangetroffen en wat we eraan hebben gedaan, of wanneer het wordt opgelost als dat meer tijd kost.',
    '{?aandachtsgebied_uitleg}',
    'Hoe het met uw melding staat, ziet u op {statuslink}',
  ]),
  template('receipt', '*', undefined, 'en', 'Your report {meldingnummer} has been received', [
    'Thank you for your report about {categorie} at {adres}. Your report number is {meldingnummer}.',
    'We handle reports like this within {afhandeltermijn}. You will then hear from us what we found and what we did about it, or when it will be fixed if that takes longer.',
    '{?aandachtsgebied_uitleg}',
    'You can follow your report at {statuslink}',
  ]),

  // ---- scheduled ----
  template('scheduled', '*', undefined, 'nl', 'Uw melding {meldingnummer} is ingepland voor {vervolgdatum}', [
    'We hebben uw melding {meldingnummer} over {categorie} op {adres} bekeken.',
    `${FOUND_ACTION_NL}\nWat er nog gebeurt: {vervolgactie}\nWanneer: {vervolgdatum}`,
    'Uw melding blijft open tot dit is gebeurd. Daarna laten we u weten hoe het is afgelopen.',
    'Volg uw melding op {statuslink}',
  ]),
  template('scheduled', '*', undefined, 'en', 'Your report {meldingnummer} is scheduled for {vervolgdatum}', [
    'We have looked into your report {meldingnummer} about {categorie} at {adres}.',
    `${FOUND_ACTION_EN}\nWhat happens next: {vervolgactie}\nWhen: {vervolgdatum}`,
    'Your report stays open until this has been done. We will then let you know how it went.',
    'Follow your report at {statuslink}',
  ]),
  template('scheduled', 'groen', undefined, 'nl', 'Uw melding {meldingnummer}: werk ingepland voor {vervolgdatum}', [
    'Een medewerker heeft de situatie op {adres} bekeken naar aanleiding van uw melding {meldingnummer}.',
    FOUND_ACTION_NL,
    'Werk aan bomen en groen doen we zoveel mogelijk in vaste onderhoudsrondes. Daarom is het volgende ingepland: {vervolgactie}, door {vervolg_door}, op {vervolgdatum}.',
    'Uw melding is dus nog niet afgehandeld: hij blijft open tot dit werk is gedaan. Wordt de situatie voor die tijd gevaarlijk, bijvoorbeeld doordat de tak verder zakt of afbreekt? Meld het dan opnieuw, dan kijken we eerder.',
    'Volg uw melding op {statuslink}',
  ]),
  template('scheduled', 'groen', undefined, 'en', 'Your report {meldingnummer}: work scheduled for {vervolgdatum}', [
    'One of our staff has looked at the situation at {adres} after your report {meldingnummer}.',
    FOUND_ACTION_EN,
    'We do work on trees and greenery in scheduled maintenance rounds where we can. So this has been planned: {vervolgactie}, by {vervolg_door}, on {vervolgdatum}.',
    'Your report is therefore not finished yet: it stays open until this work has been done. If the situation becomes dangerous before then, for example because the branch sags further or breaks, please report it again and we will come sooner.',
    'Follow your report at {statuslink}',
  ]),
  template('scheduled', 'verlichting', undefined, 'nl', 'Uw melding {meldingnummer}: herstel ingepland voor {vervolgdatum}', [
    'We hebben uw melding {meldingnummer} over {categorie} op {adres} bekeken.',
    FOUND_ACTION_NL,
    'Het herstel is ingepland: {vervolgactie}, door {vervolg_door}, op {vervolgdatum}. Uw melding blijft open tot de verlichting weer werkt.',
    'Volg uw melding op {statuslink}',
  ]),
  template('scheduled', 'verlichting', undefined, 'en', 'Your report {meldingnummer}: repair scheduled for {vervolgdatum}', [
    'We have looked into your report {meldingnummer} about {categorie} at {adres}.',
    FOUND_ACTION_EN,
    'The repair has been scheduled: {vervolgactie}, by {vervolg_door}, on {vervolgdatum}. Your report stays open until the lighting works again.',
    'Follow your report at {statuslink}',
  ]),

  // ---- closed, per outcome ----
  template('closed', '*', 'resolved', 'nl', 'Uw melding {meldingnummer} is opgelost', [
    'Zo hebben we uw melding {meldingnummer} over {categorie} op {adres} opgelost:',
    FOUND_ACTION_NL,
    'Is het probleem toch niet opgelost? Laat het ons weten via {statuslink}',
  ]),
  template('closed', '*', 'resolved', 'en', 'Your report {meldingnummer} has been resolved', [
    'This is how we resolved your report {meldingnummer} about {categorie} at {adres}:',
    FOUND_ACTION_EN,
    'Is the problem not solved after all? Let us know at {statuslink}',
  ]),
  template('closed', '*', 'referred', 'nl', 'Uw melding {meldingnummer} is doorgestuurd naar {doorverwezen_naar}', [
    'We hebben uw melding {meldingnummer} over {categorie} op {adres} bekeken.',
    FOUND_ACTION_NL,
    'De verdere afhandeling ligt bij {doorverwezen_naar}. We hebben uw melding daarom aan hen doorgegeven; zij pakken het verder op. Met vragen over de afhandeling kunt u bij hen terecht.',
    'Uw melding bij ons is hiermee afgesloten. Meer informatie: {statuslink}',
  ]),
  template('closed', '*', 'referred', 'en', 'Your report {meldingnummer} has been passed on to {doorverwezen_naar}', [
    'We have looked into your report {meldingnummer} about {categorie} at {adres}.',
    FOUND_ACTION_EN,
    '{doorverwezen_naar} is responsible for dealing with this further, so we have passed your report on to them. Please contact them with questions about how it is handled.',
    'Your report with us is now closed. More information: {statuslink}',
  ]),
  template('closed', '*', 'no_action', 'nl', 'Uw melding {meldingnummer}: geen verdere actie', [
    'We hebben uw melding {meldingnummer} over {categorie} op {adres} bekeken.',
    FOUND_ACTION_NL,
    'We ondernemen op dit moment geen verdere actie. Verandert de situatie, of bent u het hier niet mee eens? Laat het ons weten via {statuslink}',
  ]),
  template('closed', '*', 'no_action', 'en', 'Your report {meldingnummer}: no further action', [
    'We have looked into your report {meldingnummer} about {categorie} at {adres}.',
    FOUND_ACTION_EN,
    'We are not taking further action at this time. If the situation changes, or you disagree, let us know at {statuslink}',
  ]),
  template('closed', '*', 'not_found', 'nl', 'Uw melding {meldingnummer}: situatie niet aangetroffen', [
    'We zijn gaan kijken op {adres} naar aanleiding van uw melding {meldingnummer} over {categorie}, maar troffen de gemelde situatie niet (meer) aan.',
    FOUND_ACTION_NL,
    'Ziet u het probleem opnieuw? Meld het dan opnieuw, of laat het ons weten via {statuslink}',
  ]),
  template('closed', '*', 'not_found', 'en', 'Your report {meldingnummer}: situation not found', [
    'We went to {adres} after your report {meldingnummer} about {categorie}, but did not find the reported situation (any more).',
    FOUND_ACTION_EN,
    'Do you see the problem again? Please report it again, or let us know at {statuslink}',
  ]),
  template('closed', '*', 'duplicate', 'nl', 'Uw melding {meldingnummer} is samengevoegd met een eerdere melding', [
    'Dezelfde situatie op {adres} was al eerder bij ons gemeld. We handelen uw melding {meldingnummer} samen met die melding af.',
    FOUND_ACTION_NL,
    'Meer informatie: {statuslink}',
  ]),
  template('closed', '*', 'duplicate', 'en', 'Your report {meldingnummer} has been merged with an earlier report', [
    'The same situation at {adres} had already been reported to us. We are handling your report {meldingnummer} together with that one.',
    FOUND_ACTION_EN,
    'More information: {statuslink}',
  ]),
  template('closed', '*', 'cancelled', 'nl', 'Uw melding {meldingnummer} is geannuleerd', [
    'Uw melding {meldingnummer} over {categorie} op {adres} is geannuleerd.',
    FOUND_ACTION_NL,
    'Klopt dit niet? Laat het ons weten via {statuslink}',
  ]),
  template('closed', '*', 'cancelled', 'en', 'Your report {meldingnummer} has been cancelled', [
    'Your report {meldingnummer} about {categorie} at {adres} has been cancelled.',
    FOUND_ACTION_EN,
    'Is this not right? Let us know at {statuslink}',
  ]),
  template('closed', 'parkeren', 'not_found', 'nl', 'Uw melding {meldingnummer}: voertuig niet meer aanwezig', [
    'Naar aanleiding van uw melding {meldingnummer} is een handhaver naar {adres} gegaan.',
    FOUND_ACTION_NL,
    'Voertuigen zijn vaak al weg voordat we er zijn. Staat er opnieuw een voertuig fout? Meld het dan opnieuw. Meer informatie: {statuslink}',
  ]),
  template('closed', 'parkeren', 'not_found', 'en', 'Your report {meldingnummer}: vehicle no longer there', [
    'After your report {meldingnummer} an enforcement officer went to {adres}.',
    FOUND_ACTION_EN,
    'Vehicles have often left before we arrive. Is a vehicle parked wrongly again? Please report it again. More information: {statuslink}',
  ]),
  template('closed', 'overlast', 'resolved', 'nl', 'Uw melding {meldingnummer} over overlast', [
    'Naar aanleiding van uw melding {meldingnummer} over {categorie} op {adres} zijn handhavers ter plaatse geweest.',
    FOUND_ACTION_NL,
    'Houdt de overlast aan? Meld het opnieuw: meldingen helpen ons bepalen waar we extra toezicht houden.',
    '{?aandachtsgebied_uitleg}',
    'Meer informatie: {statuslink}',
  ]),
  template('closed', 'overlast', 'resolved', 'en', 'Your report {meldingnummer} about nuisance', [
    'After your report {meldingnummer} about {categorie} at {adres}, enforcement officers went there.',
    FOUND_ACTION_EN,
    'Does the nuisance continue? Please report it again: reports help us decide where to patrol more.',
    '{?aandachtsgebied_uitleg}',
    'More information: {statuslink}',
  ]),

  // ---- reopen decisions ----
  template('reopen_accepted', '*', undefined, 'nl', 'Uw melding {meldingnummer} wordt opnieuw opgepakt', [
    'U liet ons weten dat uw melding {meldingnummer} over {categorie} op {adres} niet naar tevredenheid is opgelost. Dank u dat u dat doorgaf.',
    '{toelichting}',
    'We pakken uw melding opnieuw op en laten u weten wat we aantreffen en wat we eraan doen.',
    'Volg uw melding op {statuslink}',
  ]),
  template('reopen_accepted', '*', undefined, 'en', 'Your report {meldingnummer} is being taken up again', [
    'You told us that your report {meldingnummer} about {categorie} at {adres} was not resolved to your satisfaction. Thank you for letting us know.',
    '{toelichting}',
    'We are taking up your report again and will let you know what we find and what we do about it.',
    'Follow your report at {statuslink}',
  ]),
  template('reopen_rejected', '*', undefined, 'nl', 'Uw melding {meldingnummer} blijft afgesloten', [
    'U liet ons weten dat uw melding {meldingnummer} over {categorie} op {adres} niet naar tevredenheid is opgelost. We hebben uw reactie bekeken.',
    '{toelichting}',
    'Uw melding blijft daarom afgesloten. Meer informatie: {statuslink}',
  ]),
  template('reopen_rejected', '*', undefined, 'en', 'Your report {meldingnummer} remains closed', [
    'You told us that your report {meldingnummer} about {categorie} at {adres} was not resolved to your satisfaction. We have looked at your response.',
    '{toelichting}',
    'Your report therefore remains closed. More information: {statuslink}',
  ]),
];
