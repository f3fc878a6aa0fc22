import type { Role } from '../protocol/auth';
import type { TimelineEntry } from '../protocol/detail';
import type { HubEvent } from '../protocol/events';
import { seesAlert } from './alert-kinds';
import { isAllowed } from './permissions';
import { CITIZEN_COMMENT_MASK } from './privacy-mask';
import { withoutCallerName } from './timeline-texts';

/**
 * Citizens' own words in the event log: the comment with a "nee" on the status page (the note of the step to
 * `reopen_requested`, also when the desk asks on the citizen's behalf) and the comment with a "ja".
 * Roles without `contacts.read` get them masked, live and in the catch-up stream alike (pure).
 */

function commentMask(comment: string | null): string | null {
  return comment === null ? null : CITIZEN_COMMENT_MASK;
}

/** The event as a role without `contacts.read` receives it; the same object when it carries nothing to mask. */
export function maskEvent(event: HubEvent): HubEvent {
  if (event.type === 'report.transitioned' && event.to === 'reopen_requested' && event.note !== null) {
    return { ...event, note: commentMask(event.note) };
  }
  if (event.type === 'report.citizen_response' && event.comment !== null) {
    return { ...event, comment: commentMask(event.comment) };
  }
  // The reporter's answer to the desk's question (the question itself is the desk's words), and their photo's id
  // (its bytes are refused to these roles too: privacy-mask.ts reporterPhotoHidden).
  if (event.type === 'report.question' && event.step === 'answered') {
    return {
      ...event,
      note: commentMask(event.note),
      question: { ...event.question, answer: commentMask(event.question.answer), answerPhotoId: null },
    };
  }
  return event;
}

/** A timeline entry (built from the same events) as a role without `contacts.read` reads it. */
export function maskTimelineEntry(entry: TimelineEntry): TimelineEntry {
  const citizens =
    entry.type === 'report.citizen_response' ||
    (entry.type === 'report.transitioned' && entry.to === 'reopen_requested') ||
    (entry.type === 'report.question' && entry.text?.code !== 'timeline.question.asked');
  // A linked caller's name (the store gives it only to `contacts.read`; dropped here too).
  const named = entry.text ? { ...entry, text: withoutCallerName(entry.text) } : entry;
  return citizens && entry.note !== null ? { ...named, note: CITIZEN_COMMENT_MASK } : named;
}

/**
 * An event as a role reads it, live or in the catch-up stream (GET /api/events): an alert outside its kind's
 * audience (domain/alert-kinds.ts) as a `hidden` event (its seq only), the rest masked as above.
 */
export function eventForRole(event: HubEvent, role: Role): HubEvent {
  if ('alert' in event && !seesAlert(event.alert.kind, role)) return { type: 'hidden', seq: event.seq, at: event.at, actorId: null };
  return isAllowed('contacts.read', role) ? event : maskEvent(event);
}
