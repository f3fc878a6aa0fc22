import type { OutboxMessageView, ReportDetail } from '../protocol/detail';
import { maskTimelineEntry } from './privacy-events';
import { maskContact, maskEmailsIn, maskMessageText, maskRecipient } from './privacy-mask';

/**
 * The report detail and the outbox list per role (pure; README "Who sees what"):
 * - a role with `contacts.read` (the desk that calls citizens back) sees the status links, the access code
 *   and the citizens' comments, and contact details masked until it asks for them (a logged view);
 * - every other role sees no contact details at all (no reporters, no recipients), the messages without
 *   status link and code, and "[reactie van melder]" for a citizen's comment.
 */

export interface CitizenSecrets {
  token: string | null;
  code: string | null;
}

/** A citizen message in a list: `contacts` whole (the logged view), `masked` (j***@***.nl) or `hidden` (no recipient, no link, no code). */
export function messageViewFor(message: OutboxMessageView, view: 'contacts' | 'masked' | 'hidden', secrets: CitizenSecrets): OutboxMessageView {
  const lastError = message.lastError === null || view === 'contacts' ? message.lastError : maskEmailsIn(message.lastError);
  if (view === 'contacts') return message;
  if (view === 'masked') return { ...message, recipient: message.recipient === null ? null : maskRecipient(message.recipient), lastError };
  return { ...message, recipient: null, text: maskMessageText(message.text, secrets), lastError };
}

/** `detail` carries everything (whole reporters, recipients, code, comments); the answer is what `seesContacts` allows. */
export function reportDetailFor(detail: ReportDetail, seesContacts: boolean, secrets: CitizenSecrets): ReportDetail {
  if (seesContacts) {
    return {
      ...detail,
      reporters: detail.reporters.map(maskContact),
      messages: detail.messages.map((m) => messageViewFor(m, 'masked', secrets)),
    };
  }
  return {
    ...detail,
    reporters: [],
    messages: detail.messages.map((m) => messageViewFor(m, 'hidden', secrets)),
    citizenCode: null,
    timeline: detail.timeline.map(maskTimelineEntry),
  };
}
