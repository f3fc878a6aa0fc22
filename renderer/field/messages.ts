/**
 * The field client's own small message table (Dutch default, English). Report statuses, priorities
 * and outcomes, unit statuses and status-button labels, and the hub's refusals come from the shared
 * vocabulary (renderer/shared/i18n) so both views name them alike.
 */
import { createContext, useContext } from 'react';
import type { DomainText } from '../../server/protocol/common';
import { interpolate, type Locale } from '../shared/i18n/core';
import { renderDomainText } from '../shared/i18n/domainText';
import { VOCABULARY, type VocabularyKey } from '../shared/i18n/vocabulary';

const nl = {
  'app.title': 'Meldkamer veld',
  'login.title': 'Aanmelden eenheid',
  'login.username': 'Gebruikersnaam',
  'login.password': 'Wachtwoord',
  'login.submit': 'Aanmelden',
  'login.busy': 'Bezig…',
  'login.notField': 'Dit account hoort niet bij een veldeenheid. Meld u aan met het account van uw eenheid.',
  'login.expired': 'Uw sessie is verlopen. Meld u opnieuw aan.',
  'login.network': 'Geen verbinding met de meldkamer. Controleer het netwerk en probeer het opnieuw.',
  'login.queueWaiting': '{n} actie(s) van deze telefoon wachten op verzending; ze gaan mee zodra u weer bent aangemeld.',
  'header.logout': 'Afmelden',
  'header.logoutQueued': 'Er staan nog {n} acties in de wachtrij. Toch afmelden? Ze worden verstuurd zodra deze eenheid zich weer aanmeldt.',
  'header.queue': 'Wachtrij',
  'header.queueTitle': 'Acties die wachten op verbinding',
  'conn.online': 'Verbonden',
  'conn.offline': 'Geen netwerk',
  'conn.reconnecting': 'Verbinden…',
  'gps.ok': 'GPS ±{m} m',
  'gps.waiting': 'GPS zoeken…',
  'gps.denied': 'Locatie geweigerd',
  'gps.unavailable': 'Geen GPS',
  'gps.off': 'GPS uit',
  'gps.enable': 'Locatie delen',
  'loading': 'Gegevens laden…',
  'offers.title': 'Aanbod',
  'offer.secondsLeft': 'nog {n} s',
  'offer.expired': 'Verlopen',
  'offer.accept': 'Accepteren',
  'offer.decline': 'Afwijzen',
  'offer.busy': 'Versturen…',
  'offer.needsConnection': 'Alleen met verbinding te beantwoorden.',
  'offer.accepted': 'Aanbod {number} geaccepteerd.',
  'offer.declined': 'Aanbod {number} afgewezen.',
  'offer.gone.expired': 'Aanbod {number} is verlopen.',
  'offer.gone.withdrawn': 'Aanbod {number} is ingetrokken door de meldkamer.',
  'offer.timeout': 'Geen antwoord van de meldkamer. Probeer het opnieuw.',
  'assignment.title': 'Huidige opdracht',
  'assignment.none': 'Geen opdracht. Nieuwe meldingen verschijnen hier als aanbod.',
  'assignment.navigate': 'Navigeren',
  'assignment.reportStatus': 'Melding: {status}',
  'status.title': 'Status',
  'status.current': 'Status eenheid',
  'status.queued': 'in wachtrij',
  'status.none': 'Geen statuswijziging mogelijk vanuit deze status.',
  'status.queuedNotice': 'Status "{label}" staat in de wachtrij en gaat mee zodra er verbinding is.',
  'finding.open': 'Bevinding melden',
  'finding.title': 'Bevinding melden',
  'finding.kind': 'Voorstel',
  'finding.kind.close': 'Afsluiten',
  'finding.kind.schedule': 'Inplannen',
  'finding.outcome': 'Uitkomst',
  'finding.chooseOutcome': 'Kies een uitkomst…',
  'finding.referredTo': 'Doorverwezen naar',
  'finding.found': 'Wat troffen we aan',
  'finding.action': 'Wat deden we',
  'finding.code': 'Code',
  'finding.chooseCode': 'Kies…',
  'finding.text': 'Toelichting voor de melder',
  'finding.followUp': 'Vervolg',
  'finding.followUpOptional': 'Vervolg (optioneel)',
  'finding.followUpDate': 'Datum',
  'finding.followUpWhat': 'Wat gaat er gebeuren',
  'finding.followUpWho': 'Wie voert het uit (team of partij)',
  'finding.photo': 'Foto (optioneel, JPEG of PNG tot 5 MB)',
  'finding.photoRemove': 'Foto weghalen',
  'finding.photoType': 'Alleen een JPEG- of PNG-foto',
  'finding.photoSize': 'De foto is groter dan 5 MB',
  'finding.photoBroken': 'Dit bestand is geen geldige JPEG- of PNG-foto',
  'finding.submit': 'Bevinding versturen',
  'finding.sending': 'Versturen…',
  'finding.waiting': 'Wacht op verbinding; de bevinding staat in de wachtrij.',
  'finding.cancel': 'Sluiten',
  'finding.invalid': 'Controleer de gemarkeerde velden.',
  'finding.sent': 'Bevinding voor {number} verstuurd; de meldkamer beoordeelt het voorstel.',
  'finding.queued': 'Bevinding voor {number} staat in de wachtrij en gaat mee zodra er verbinding is.',
  'finding.refused': 'De meldkamer weigerde de bevinding voor {number}: {message}',
  'finding.proposed': 'Bevinding verstuurd; wacht op beoordeling door de meldkamer.',
  'tasking.title': 'Inzet vandaag',
  'tasking.none': 'Geen gebieden toegewezen voor vandaag.',
  'map.title': 'Kaart',
  'map.label': 'Kaart met uw gebieden en de melding',
  'map.loading': 'Kaart laden…',
  'map.legendReport': 'Melding',
  'map.legendArea': 'Gebied',
  'map.legendMe': 'U',
  'tasking.shift': 'Dienst: {shift}',
  'tasking.window': '{from} – {to}',
  'shift.vroeg': 'vroege dienst',
  'shift.laat': 'late dienst',
  'shift.nacht': 'nachtdienst',
  'emergency.button': 'NOODKNOP',
  'emergency.hold': 'Houd 1,5 seconde ingedrukt',
  'emergency.holding': 'Blijf vasthouden…',
  'emergency.tooShort': 'Te kort: houd de noodknop 1,5 seconde ingedrukt.',
  'emergency.sending': 'Noodmelding wordt verstuurd…',
  'emergency.sent': 'Noodmelding verstuurd ({time}). Wacht tot de meldkamer hem gezien heeft; bel 112 bij direct gevaar.',
  'emergency.seen': 'De meldkamer heeft uw noodmelding gezien.',
  'emergency.byDesk': 'De meldkamer heeft een noodgeval voor uw eenheid gemeld.',
  'emergency.ended': 'De meldkamer heeft het noodgeval beëindigd. Uw status: {status}.',
  'checkIn.question': 'Alles in orde?',
  'checkIn.hint': 'De meldkamer vraagt of alles in orde is. Zonder antwoord krijgt de meldkamer over 2 minuten een alarm.',
  'checkIn.ok': 'Alles in orde',
  'checkIn.failed': 'Niet verzonden: geen verbinding. Probeer opnieuw of meld u via de portofoon.',
  'spoed.title': 'SPOEDMELDING',
  'spoed.area': 'Gebied: {area}',
  'assist.title': 'Assistentie gevraagd',
  'assist.body': '{callsign} heeft een noodgeval. Ga erheen als u kunt en meld u via de portofoon.',
  'assist.where': 'Bij: {where}',
  'assist.distance': 'Afstand bij de vraag: ± {m} m',
  'assist.navigate': 'Navigeer',
  'assist.noPosition': 'Positie onbekend: vraag de meldkamer via de portofoon.',
  'emergency.queued': 'Geen verbinding: de noodmelding gaat mee zodra er verbinding is. Bel 112 bij direct gevaar.',
  'emergency.failed': 'Noodmelding niet verstuurd: {message}. Bel 112 bij direct gevaar.',
  'queue.refused': 'Niet uitgevoerd: {message}',
  'queue.sessionLost': 'Sessie verlopen; meld u opnieuw aan. De wachtrij blijft bewaard.',
  'notice.dismiss': 'Sluiten',
  'locale.switch': 'English',
  'locale.short': 'EN',
  'locale.code': 'en',
} as const;

export type FieldMessageKey = keyof typeof nl;

const en: Record<FieldMessageKey, string> = {
  'app.title': 'Meldkamer field',
  'login.title': 'Unit sign-in',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.busy': 'Signing in…',
  'login.notField': 'This account does not belong to a field unit. Sign in with your unit’s account.',
  'login.expired': 'Your session has expired. Please sign in again.',
  'login.network': 'No connection to the control room. Check the network and try again.',
  'login.queueWaiting': '{n} action(s) from this phone are waiting to be sent; they go out as soon as you are signed in again.',
  'header.logout': 'Sign out',
  'header.logoutQueued': '{n} actions are still queued. Sign out anyway? They are sent when this unit signs in again.',
  'header.queue': 'Queue',
  'header.queueTitle': 'Actions waiting for a connection',
  'conn.online': 'Connected',
  'conn.offline': 'No network',
  'conn.reconnecting': 'Connecting…',
  'gps.ok': 'GPS ±{m} m',
  'gps.waiting': 'Finding GPS…',
  'gps.denied': 'Location denied',
  'gps.unavailable': 'No GPS',
  'gps.off': 'GPS off',
  'gps.enable': 'Share location',
  'loading': 'Loading…',
  'offers.title': 'Offers',
  'offer.secondsLeft': '{n} s left',
  'offer.expired': 'Expired',
  'offer.accept': 'Accept',
  'offer.decline': 'Decline',
  'offer.busy': 'Sending…',
  'offer.needsConnection': 'Can only be answered with a connection.',
  'offer.accepted': 'Offer {number} accepted.',
  'offer.declined': 'Offer {number} declined.',
  'offer.gone.expired': 'Offer {number} has expired.',
  'offer.gone.withdrawn': 'Offer {number} was withdrawn by the control room.',
  'offer.timeout': 'No answer from the control room. Please try again.',
  'assignment.title': 'Current assignment',
  'assignment.none': 'No assignment. New reports appear here as offers.',
  'assignment.navigate': 'Navigate',
  'assignment.reportStatus': 'Report: {status}',
  'status.title': 'Status',
  'status.current': 'Unit status',
  'status.queued': 'queued',
  'status.none': 'No status change possible from this status.',
  'status.queuedNotice': 'Status "{label}" is queued and goes out when the connection is back.',
  'finding.open': 'Report finding',
  'finding.title': 'Report finding',
  'finding.kind': 'Proposal',
  'finding.kind.close': 'Close',
  'finding.kind.schedule': 'Schedule',
  'finding.outcome': 'Outcome',
  'finding.chooseOutcome': 'Choose an outcome…',
  'finding.referredTo': 'Referred to',
  'finding.found': 'What we found',
  'finding.action': 'What we did',
  'finding.code': 'Code',
  'finding.chooseCode': 'Choose…',
  'finding.text': 'Explanation for the reporter',
  'finding.followUp': 'Follow-up',
  'finding.followUpOptional': 'Follow-up (optional)',
  'finding.followUpDate': 'Date',
  'finding.followUpWhat': 'What will happen',
  'finding.followUpWho': 'Who does it (team or party)',
  'finding.photo': 'Photo (optional, JPEG or PNG up to 5 MB)',
  'finding.photoRemove': 'Remove photo',
  'finding.photoType': 'Only a JPEG or PNG photo',
  'finding.photoSize': 'The photo is larger than 5 MB',
  'finding.photoBroken': 'This file is not a valid JPEG or PNG photo',
  'finding.submit': 'Send finding',
  'finding.sending': 'Sending…',
  'finding.waiting': 'Waiting for a connection; the finding is queued.',
  'finding.cancel': 'Close',
  'finding.invalid': 'Check the marked fields.',
  'finding.sent': 'Finding for {number} sent; the control room reviews the proposal.',
  'finding.queued': 'Finding for {number} is queued and goes out when the connection is back.',
  'finding.refused': 'The control room refused the finding for {number}: {message}',
  'finding.proposed': 'Finding sent; awaiting review by the control room.',
  'tasking.title': 'Today’s tasking',
  'tasking.none': 'No areas assigned for today.',
  'map.title': 'Map',
  'map.label': 'Map with your areas and the report',
  'map.loading': 'Loading map…',
  'map.legendReport': 'Report',
  'map.legendArea': 'Area',
  'map.legendMe': 'You',
  'tasking.shift': 'Shift: {shift}',
  'tasking.window': '{from} – {to}',
  'shift.vroeg': 'early shift',
  'shift.laat': 'late shift',
  'shift.nacht': 'night shift',
  'emergency.button': 'EMERGENCY',
  'emergency.hold': 'Hold for 1.5 seconds',
  'emergency.holding': 'Keep holding…',
  'emergency.tooShort': 'Too short: hold the emergency button for 1.5 seconds.',
  'emergency.sending': 'Sending emergency alert…',
  'emergency.sent': 'Emergency alert sent ({time}). Wait until the control room has seen it; call 112 in immediate danger.',
  'emergency.seen': 'The control room has seen your emergency alert.',
  'emergency.byDesk': 'The control room has reported an emergency for your unit.',
  'emergency.ended': 'The control room has ended the emergency. Your status: {status}.',
  'checkIn.question': 'Are you OK?',
  'checkIn.hint': 'The control room asks whether you are OK. Without an answer the control room gets an alarm in 2 minutes.',
  'checkIn.ok': 'I am OK',
  'checkIn.failed': 'Not sent: no connection. Try again or report by radio.',
  'spoed.title': 'PRIORITY TRAFFIC',
  'spoed.area': 'Area: {area}',
  'assist.title': 'Assistance requested',
  'assist.body': '{callsign} has an emergency. Go there if you can and report over the radio.',
  'assist.where': 'At: {where}',
  'assist.distance': 'Distance when asked: ± {m} m',
  'assist.navigate': 'Navigate',
  'assist.noPosition': 'Position unknown: ask the control room over the radio.',
  'emergency.queued': 'No connection: the emergency alert goes out as soon as there is one. Call 112 in immediate danger.',
  'emergency.failed': 'Emergency alert not sent: {message}. Call 112 in immediate danger.',
  'queue.refused': 'Not applied: {message}',
  'queue.sessionLost': 'Session expired; please sign in again. The queue is kept.',
  'notice.dismiss': 'Dismiss',
  'locale.switch': 'Nederlands',
  'locale.short': 'NL',
  'locale.code': 'nl',
};

const TABLES: Record<Locale, Record<FieldMessageKey, string>> = { nl, en };

export type FieldTranslate = (key: FieldMessageKey, params?: Record<string, string | number>) => string;
export type SharedTranslate = (key: VocabularyKey, params?: Record<string, string | number>) => string;

export interface FieldI18n {
  locale: Locale;
  t: FieldTranslate;
  /** The words both apps share (renderer/shared/i18n/vocabulary): statuses, priorities, outcomes. */
  shared: SharedTranslate;
  /** A text from the hub's domain (code + params) in the user's language. */
  text: (text: DomainText) => string;
}

export function makeFieldI18n(locale: Locale): FieldI18n {
  const table = TABLES[locale];
  const sharedTable = VOCABULARY[locale];
  return {
    locale,
    t: (key, params) => interpolate(table[key] ?? nl[key] ?? key, params),
    shared: (key, params) => interpolate(sharedTable[key] ?? VOCABULARY.nl[key] ?? key, params),
    text: (text) =>
      renderDomainText(text, (code) => (Object.hasOwn(sharedTable, code) ? sharedTable[code as VocabularyKey] : undefined)),
  };
}

export const FieldI18nContext = createContext<FieldI18n>(makeFieldI18n('nl'));

export function useFieldI18n(): FieldI18n {
  return useContext(FieldI18nContext);
}

/** Same key as the console, so a device keeps one language choice. */
const LOCALE_KEY = 'meldkamer.locale';

export function storedLocale(): Locale {
  try {
    return localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'nl';
  } catch {
    return 'nl';
  }
}

export function storeLocale(locale: Locale): void {
  try {
    localStorage.setItem(LOCALE_KEY, locale);
  } catch {
    // memory only
  }
}
