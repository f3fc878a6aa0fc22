import { type DomainText, textMaker } from './domain-text';

/**
 * Hand-off to an external party ("extern", pure rules). The desk refers a report to a party without an account
 * (a housing corporation, Rijkswaterstaat, a contractor) with a link that works for a set number of days.
 * Rules:
 * - the link carries an unguessable token (32 random bytes, base64url); the store keeps only its SHA-256;
 * - a link is `open` until it expires (hub clock, `expires_at` exclusive), is revoked, or is answered;
 *   `answered` still shows the party its own answer until it expires or is revoked;
 * - an expired or revoked link answers 410 with a page that says which, and changes nothing;
 * - ONE answer per link: a second answer is refused (409) and changes nothing; the party asks the desk for a new
 *   link to add something (the desk may refer again). One answer keeps the desk's review simple: what the desk
 *   read is what was answered;
 * - the party sees the report's number, category, address, description, location and the desk's question; never
 *   the reporter (name, e-mail, phone, salutation, history), the citizen's token or code, staff names or photos;
 * - an answer (text, optional photos) reaches the desk as an `external_answered` alert and in the timeline, and is
 *   never sent to the citizen by itself: the desk may take it into the close/schedule form's action text.
 */
export const EXTERNAL_TEXTS = {
  'external.report_closed': 'Een afgesloten melding kan niet worden doorgezet.',
  'external.not_found': 'Deze doorverwijzing bestaat niet.',
  'external.already_revoked': 'Deze link is al ingetrokken.',
  'external.already_answered': 'Op deze link is al geantwoord. Vraag de meldkamer om een nieuwe link als u iets wilt toevoegen.',
  'external.link_expired': 'Deze link is verlopen.',
  'external.link_revoked': 'Deze link is ingetrokken door de meldkamer.',
  'external.answer_required': 'Vul in wat u heeft gedaan.',
  'external.answer_too_long': 'Uw antwoord is te lang (hoogstens {max} tekens).',
  'external.too_many_photos': 'Hoogstens {max} foto\u2019s per antwoord.',
  'external.timeline.referred': 'Doorgezet naar {party}',
  'external.timeline.revoked': 'Link voor {party} ingetrokken',
  'external.timeline.answered': 'Antwoord van {party} ontvangen',
} as const;

export const sayExternal = textMaker(EXTERNAL_TEXTS);

export type ReferralState = 'open' | 'answered' | 'expired' | 'revoked';

export interface ReferralClock {
  expiresAt: string;
  revokedAt: string | null;
  answeredAt: string | null;
}

/** The link's state at `now`: revoked and expired win over answered (the page then says so and shows nothing). */
export function referralState(r: ReferralClock, now: Date): ReferralState {
  if (r.revokedAt !== null) return 'revoked';
  if (now.getTime() >= Date.parse(r.expiresAt)) return 'expired';
  if (r.answeredAt !== null) return 'answered';
  return 'open';
}

export const DEFAULT_EXTERNAL_LINK_DAYS = 14;
export const MAX_ANSWER_CHARS = 4000;
export const MAX_ANSWER_PHOTOS = 3;

/** When a link made at `now` stops working: `days` whole days later, to the millisecond. */
export function referralExpiry(now: Date, days: number): string {
  return new Date(now.getTime() + days * 24 * 60 * 60 * 1000).toISOString();
}

/** The party's answer text, trimmed, or the refusal for it. */
export function checkAnswerText(raw: unknown): { text: string } | { error: DomainText } {
  const text = typeof raw === 'string' ? raw.replace(/\r\n/g, '\n').trim() : '';
  if (text.length === 0) return { error: sayExternal('external.answer_required') };
  if (text.length > MAX_ANSWER_CHARS) return { error: sayExternal('external.answer_too_long', { max: MAX_ANSWER_CHARS }) };
  return { text };
}

export interface ReferralMailFacts {
  party: string;
  number: string;
  category: string;
  address: string | null;
  question: string;
  link: string;
  expiresAt: string;
  municipality?: string;
}

function dateText(iso: string): string {
  return new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(new Date(iso));
}

/** The e-mail to the external party: what is asked, the link, until when it works. No reporter data. */
export function referralMail(f: ReferralMailFacts): { subject: string; text: string } {
  const place = f.address ? ` (${f.address})` : '';
  return {
    subject: `Verzoek meldkamer: melding ${f.number}${place}`,
    text: [
      `Beste ${f.party},`,
      '',
      `De meldkamer vraagt u iets te doen met melding ${f.number} over ${f.category}${place}.`,
      '',
      `Onze vraag: ${f.question}`,
      '',
      'Bekijk de melding en laat ons weten wat u heeft gedaan via deze link:',
      f.link,
      '',
      `De link werkt tot ${dateText(f.expiresAt)}. U kunt één keer antwoorden, met tekst en foto's.`,
      'Stuur deze link niet door: iedereen met de link kan de melding zien en antwoorden.',
      '',
      'Met vriendelijke groet,',
      f.municipality ? `De meldkamer van ${f.municipality}` : 'De meldkamer',
    ].join('\n'),
  };
}
