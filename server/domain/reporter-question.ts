import { type Municipality, signingTeam } from './feedback-values';
import type { DomainText } from './domain-text';
import { sayQuestion } from './reporter-question-texts';
import { addWorkingDays, atRiskFrom, DEFAULT_TIME_ZONE, isWorkingDay, type SlaTerm, workingMsBetween } from './sla';
import { localDateTime, zonedToInstant } from './zoned-time';

/**
 * Asking the reporter (Signalen's "reactie gevraagd"), as pure rules:
 * - one open question per report; asking again while one is open is refused (409, `question.already_open`);
 * - the report carries "wacht op reactie" (`awaitingReplySince`, the moment of asking), NOT a new status: the
 *   lifecycle goes on as it was;
 * - the handling-time clock pauses: when the question ends (answered, or dropped unanswered) the deadline and its
 *   at-risk moment move by the time it waited, counted in the term's own units: working time (only the hours of
 *   working days) for a working-day term, clock time for an hours term (urgent, high). A question asked on Friday
 *   16:00 and answered on Monday 09:00 moves a working-day deadline by 17 hours of working days, not 65 clock hours;
 * - unanswered after N working days (setting `reporterQuestion.answerWorkingDays`, default 5; Dutch holidays as in
 *   sla.ts) the flag drops and the desk is told (alert `question_unanswered`), once, by the sweeper;
 * - the reporter answers on the status page (text up to 2,000 characters, optionally a photo); the answer is an alert
 *   on the desk (`reporter_answered`) and a line in the timeline.
 */

export const QUESTION_MAX = 500;
export const ANSWER_MAX = 2000;
export const DEFAULT_ANSWER_WORKING_DAYS = 5;

export { QUESTION_TEXTS, sayQuestion } from './reporter-question-texts';

export type QuestionChannel = 'email' | 'sms';

export function channelText(channel: QuestionChannel): DomainText {
  return sayQuestion(channel === 'email' ? 'question.channel.email' : 'question.channel.sms');
}

/** The first working-day moment the question counts as unanswered: N working days after it was asked. */
export function answerDueAt(askedAt: Date, workingDays: number, timeZone: string = DEFAULT_TIME_ZONE): Date {
  return addWorkingDays(askedAt, workingDays, timeZone);
}

/** `ms` of working time after `start` (only the hours of working days count), in `timeZone`. */
export function addWorkingMs(start: Date, ms: number, timeZone: string = DEFAULT_TIME_ZONE): Date {
  let remaining = ms;
  let cursor = start.getTime();
  for (let guard = 0; remaining > 0 && guard < 1000; guard++) {
    const local = localDateTime(new Date(cursor), timeZone);
    const next = new Date(Date.UTC(local.year, local.month - 1, local.day + 1));
    const nextMidnight = zonedToInstant(
      { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate(), hour: 0, minute: 0, second: 0, millisecond: 0 },
      timeZone,
    ).getTime();
    if (isWorkingDay(new Date(cursor), timeZone)) {
      const available = nextMidnight - cursor;
      if (available >= remaining) return new Date(cursor + remaining);
      remaining -= available;
    }
    cursor = nextMidnight;
  }
  return new Date(cursor);
}

/**
 * The deadline and at-risk moment after a pause from `askedAt` to `endedAt` (see the rules above). Null deadline:
 * nothing to move.
 */
export function pausedDeadline(
  deadline: Date,
  term: SlaTerm,
  askedAt: Date,
  endedAt: Date,
  timeZone: string = DEFAULT_TIME_ZONE,
): { deadline: Date; atRiskFrom: Date; waitedMs: number } {
  if (endedAt.getTime() <= askedAt.getTime()) return { deadline, atRiskFrom: atRiskFrom(term, deadline, timeZone), waitedMs: 0 };
  if (term.unit === 'hours') {
    const waitedMs = endedAt.getTime() - askedAt.getTime();
    const moved = new Date(deadline.getTime() + waitedMs);
    return { deadline: moved, atRiskFrom: atRiskFrom(term, moved, timeZone), waitedMs };
  }
  const waitedMs = workingMsBetween(askedAt, endedAt, timeZone);
  const moved = addWorkingMs(deadline, waitedMs, timeZone);
  return { deadline: moved, atRiskFrom: atRiskFrom(term, moved, timeZone), waitedMs };
}

/** The message to the reporter: the question and the link to the status page where they answer. Plain text. */
export function questionMessage(input: {
  locale: 'nl' | 'en';
  number: string;
  question: string;
  link: string;
  dueDate: string;
  channel: QuestionChannel;
  /** Who the e-mail greets (feedback-values.ts greetingName: salutation, else name, else "melder"). */
  greeting: string;
  /** Who signs: the municipality's name, phone and web address (settings), as in the other citizen messages. */
  municipality: Municipality;
}): { subject: string; text: string } {
  const { number, question, link, dueDate, greeting, municipality: m } = input;
  if (input.locale === 'en') {
    const subject = `A question about your report ${number}`;
    if (input.channel === 'sms') return { subject, text: `About your report ${number} we have a question: ${question} Please answer here: ${link}` };
    return {
      subject,
      text: `Dear ${greeting},\n\nWe have a question about your report ${number}:\n\n${question}\n\nPlease answer on the status page of your report, before ${dueDate}:\n${link}\n\nWhile we wait for your answer, the time we take to handle your report stands still.\n\nKind regards,\n${signingTeam(m, 'en')}\n${m.name}\nPhone: ${m.phone}\n${m.website}`,
    };
  }
  const subject = `Een vraag over uw melding ${number}`;
  if (input.channel === 'sms') return { subject, text: `Over uw melding ${number} hebben we een vraag: ${question} Antwoord hier: ${link}` };
  return {
    subject,
    text: `Beste ${greeting},\n\nOver uw melding ${number} hebben we een vraag:\n\n${question}\n\nU kunt antwoorden op de statuspagina van uw melding, graag vóór ${dueDate}:\n${link}\n\nZolang we op uw antwoord wachten, telt die tijd niet mee voor de afhandeling.\n\nMet vriendelijke groet,\n${signingTeam(m, 'nl')}\n${m.name}\nTelefoon: ${m.phone}\n${m.website}`,
  };
}
