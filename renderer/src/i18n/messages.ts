import type { Priority, ReportStatus, SourceChannel } from '../../../server/protocol/report';
import type { ConnectionState } from '../live/eventStream';

export type Locale = 'nl' | 'en';
export const LOCALES: readonly Locale[] = ['nl', 'en'];

const nl = {
  'app.name': 'Meldkamer',
  'app.loading': 'Laden…',
  'app.hubUnreachable': 'De hub is niet bereikbaar.',
  'app.retry': 'Opnieuw proberen',

  'login.title': 'Aanmelden',
  'login.subtitle': 'Handhaving openbare ruimte',
  'login.username': 'Gebruikersnaam',
  'login.password': 'Wachtwoord',
  'login.submit': 'Aanmelden',
  'login.busy': 'Bezig met aanmelden…',
  'login.badCredentials': 'Onjuiste gebruikersnaam of wachtwoord.',
  'login.required': 'Vul gebruikersnaam en wachtwoord in.',
  'login.failed': 'Aanmelden mislukt: {message}',

  'header.logout': 'Afmelden',
  'header.locale': 'Taal',
  'header.version': 'versie {version}',

  'conn.connecting': 'verbinden…',
  'conn.online': 'online',
  'conn.reconnecting': 'opnieuw verbinden',
  'conn.catching_up': 'bijwerken',
  'conn.offline': 'offline',
  'conn.title': 'Verbinding met de hub',

  'role.dispatcher': 'centralist',
  'role.shift_lead': 'chef van dienst',
  'role.police_coordinator': 'politiecoördinator',
  'role.field': 'BOA / toezichthouder',
  'role.admin': 'beheerder',

  'queue.title': 'Meldingen',
  'queue.count': '{shown} van {total}',
  'queue.filter': 'Filter (/)',
  'queue.filterLabel': 'Filter op tekst',
  'queue.allCategories': 'Alle categorieën',
  'queue.categoryLabel': 'Filter op categorie',
  'queue.empty': 'Geen open meldingen.',
  'queue.noMatch': 'Geen meldingen voor dit filter.',
  'queue.loading': 'Meldingen laden…',
  'queue.error': 'Meldingen konden niet worden geladen: {message}',
  'queue.keys': '↑/↓ kiezen · Enter centreren · / filteren',

  'age.now': 'nu',
  'age.minutes': '{n} min',
  'age.hours': '{n} u',
  'age.hoursMinutes': '{h} u {m} min',
  'age.days': '{n} d',

  'priority.urgent': 'Urgent',
  'priority.high': 'Hoog',
  'priority.normal': 'Normaal',
  'priority.low': 'Laag',

  'status.new': 'nieuw',
  'status.triaged': 'beoordeeld',
  'status.dispatched': 'uitgezet',
  'status.in_progress': 'in behandeling',
  'status.awaiting_review': 'wacht op controle',
  'status.scheduled': 'ingepland',
  'status.closed': 'afgesloten',
  'status.reopen_requested': 'heropening gevraagd',

  'source.phone': 'telefoon',
  'source.counter': 'balie',
  'source.web': 'website',
  'source.app': 'app',
  'source.open311': 'Open311',
  'source.email': 'e-mail',
  'source.social': 'sociale media',

  'map.loading': 'Kaart laden…',
  'map.error': 'Kaart kon niet worden geladen: {message}',
  'map.pickHint': 'Klik op de kaart om de locatie te kiezen',

  'form.open': 'Nieuwe melding',
  'form.title': 'Nieuwe melding',
  'form.close': 'Sluiten',
  'form.category': 'Categorie',
  'form.chooseCategory': 'Kies een categorie…',
  'form.location': 'Locatie',
  'form.lat': 'Breedtegraad',
  'form.lng': 'Lengtegraad',
  'form.pickOnMap': 'Klik op de kaart om de locatie te kiezen, of vul de coördinaten in.',
  'form.locationRequired': 'Kies een locatie op de kaart of vul de coördinaten in.',
  'form.address': 'Adres',
  'form.addressPlaceholder': 'Straat en huisnummer (optioneel)',
  'form.description': 'Omschrijving',
  'form.priority': 'Prioriteit',
  'form.source': 'Kanaal',
  'form.reporter': 'Melder (optioneel, voor terugkoppeling)',
  'form.reporterName': 'Naam',
  'form.reporterEmail': 'E-mail',
  'form.reporterPhone': 'Telefoon',
  'form.submit': 'Melding aanmaken',
  'form.submitting': 'Opslaan…',
  'form.failed': 'Opslaan mislukt: {message}',
  'form.invalid': 'Controleer de gemarkeerde velden.',
  'form.created': 'Melding {number} aangemaakt.',

  'detail.number': 'Melding {number}',
  'detail.created': 'Gemeld {time}',

  'notify.newReport': 'Nieuwe melding ({priority})',

  'console.noAccess': 'Deze console is voor de meldkamer. Uw rol heeft geen toegang tot de meldingenlijst.',
};

export type MessageKey = keyof typeof nl;

const en: Record<MessageKey, string> = {
  'app.name': 'Meldkamer',
  'app.loading': 'Loading…',
  'app.hubUnreachable': 'The hub cannot be reached.',
  'app.retry': 'Retry',

  'login.title': 'Sign in',
  'login.subtitle': 'Public space enforcement',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.busy': 'Signing in…',
  'login.badCredentials': 'Wrong username or password.',
  'login.required': 'Enter a username and password.',
  'login.failed': 'Sign-in failed: {message}',

  'header.logout': 'Sign out',
  'header.locale': 'Language',
  'header.version': 'version {version}',

  'conn.connecting': 'connecting…',
  'conn.online': 'online',
  'conn.reconnecting': 'reconnecting',
  'conn.catching_up': 'catching up',
  'conn.offline': 'offline',
  'conn.title': 'Connection to the hub',

  'role.dispatcher': 'dispatcher',
  'role.shift_lead': 'shift lead',
  'role.police_coordinator': 'police coordinator',
  'role.field': 'enforcement officer',
  'role.admin': 'administrator',

  'queue.title': 'Reports',
  'queue.count': '{shown} of {total}',
  'queue.filter': 'Filter (/)',
  'queue.filterLabel': 'Filter by text',
  'queue.allCategories': 'All categories',
  'queue.categoryLabel': 'Filter by category',
  'queue.empty': 'No open reports.',
  'queue.noMatch': 'No reports match this filter.',
  'queue.loading': 'Loading reports…',
  'queue.error': 'Reports could not be loaded: {message}',
  'queue.keys': '↑/↓ select · Enter centre · / filter',

  'age.now': 'now',
  'age.minutes': '{n} min',
  'age.hours': '{n} h',
  'age.hoursMinutes': '{h} h {m} min',
  'age.days': '{n} d',

  'priority.urgent': 'Urgent',
  'priority.high': 'High',
  'priority.normal': 'Normal',
  'priority.low': 'Low',

  'status.new': 'new',
  'status.triaged': 'triaged',
  'status.dispatched': 'dispatched',
  'status.in_progress': 'in progress',
  'status.awaiting_review': 'awaiting review',
  'status.scheduled': 'scheduled',
  'status.closed': 'closed',
  'status.reopen_requested': 'reopen requested',

  'source.phone': 'phone',
  'source.counter': 'counter',
  'source.web': 'website',
  'source.app': 'app',
  'source.open311': 'Open311',
  'source.email': 'e-mail',
  'source.social': 'social media',

  'map.loading': 'Loading map…',
  'map.error': 'The map could not be loaded: {message}',
  'map.pickHint': 'Click the map to choose the location',

  'form.open': 'New report',
  'form.title': 'New report',
  'form.close': 'Close',
  'form.category': 'Category',
  'form.chooseCategory': 'Choose a category…',
  'form.location': 'Location',
  'form.lat': 'Latitude',
  'form.lng': 'Longitude',
  'form.pickOnMap': 'Click the map to choose the location, or enter coordinates.',
  'form.locationRequired': 'Choose a location on the map or enter coordinates.',
  'form.address': 'Address',
  'form.addressPlaceholder': 'Street and number (optional)',
  'form.description': 'Description',
  'form.priority': 'Priority',
  'form.source': 'Channel',
  'form.reporter': 'Reporter (optional, for feedback)',
  'form.reporterName': 'Name',
  'form.reporterEmail': 'E-mail',
  'form.reporterPhone': 'Phone',
  'form.submit': 'Create report',
  'form.submitting': 'Saving…',
  'form.failed': 'Saving failed: {message}',
  'form.invalid': 'Check the marked fields.',
  'form.created': 'Report {number} created.',

  'detail.number': 'Report {number}',
  'detail.created': 'Reported {time}',

  'notify.newReport': 'New report ({priority})',

  'console.noAccess': 'This console is for the control room. Your role has no access to the report list.',
};

export const MESSAGES: Record<Locale, Record<MessageKey, string>> = { nl, en };

// Compile-time checks that every enum value has a label.
export type PriorityKey = `priority.${Priority}`;
export type StatusKey = `status.${ReportStatus}`;
export type SourceKey = `source.${SourceChannel}`;
export type ConnKey = `conn.${ConnectionState}`;
const _exhaustive: [PriorityKey, StatusKey, SourceKey, ConnKey] extends [MessageKey, MessageKey, MessageKey, MessageKey]
  ? true
  : never = true;
void _exhaustive;

export function interpolate(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
