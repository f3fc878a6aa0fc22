/**
 * Words both renderer apps use for the same things (report priority, status and outcome, login errors,
 * and every text the hub's domain emits: unit statuses and steps, refusals, ...), Dutch and English, so
 * the console and the field client name them alike.
 */
import type { UnitStatus } from '../../../server/protocol/dispatch';
import type { Outcome, Priority, ReportStatus } from '../../../server/protocol/report';
import type { Locale } from './core';
import { DOMAIN_MESSAGES } from './domainMessages';

const nl = {
  ...DOMAIN_MESSAGES.nl,
  'login.badCredentials': 'Onjuiste gebruikersnaam of wachtwoord.',
  'login.required': 'Vul gebruikersnaam en wachtwoord in.',
  'login.failed': 'Aanmelden mislukt: {message}',
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
  'outcome.resolved': 'opgelost',
  'outcome.referred': 'doorverwezen',
  'outcome.no_action': 'geen actie',
  'outcome.not_found': 'niet aangetroffen',
  'outcome.duplicate': 'dubbele melding',
  'outcome.cancelled': 'geannuleerd',
};

export type VocabularyKey = keyof typeof nl;

const en: Record<VocabularyKey, string> = {
  ...DOMAIN_MESSAGES.en,
  'login.badCredentials': 'Wrong username or password.',
  'login.required': 'Enter a username and password.',
  'login.failed': 'Sign-in failed: {message}',
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
  'outcome.resolved': 'resolved',
  'outcome.referred': 'referred',
  'outcome.no_action': 'no action',
  'outcome.not_found': 'not found',
  'outcome.duplicate': 'duplicate',
  'outcome.cancelled': 'cancelled',
};

export const VOCABULARY: Record<Locale, Record<VocabularyKey, string>> = { nl, en };

// Every protocol value has its word: adding a status or priority without one fails to compile.
const _exhaustive: [`priority.${Priority}`, `status.${ReportStatus}`, `outcome.${Outcome}`, `unit.status.${UnitStatus}`] extends [
  VocabularyKey,
  VocabularyKey,
  VocabularyKey,
  VocabularyKey,
]
  ? true
  : never = true;
void _exhaustive;
