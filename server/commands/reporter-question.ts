import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { commandText } from '../domain/command-texts';
import { formatLongDate } from '../domain/feedback';
import { DEFAULT_MUNICIPALITY, greetingName } from '../domain/feedback-values';
import {
  ANSWER_MAX,
  answerDueAt,
  channelText,
  DEFAULT_ANSWER_WORKING_DAYS,
  pausedDeadline,
  questionMessage,
  sayQuestion,
} from '../domain/reporter-question';
import { DEFAULT_REOPEN_REPLY_WORKING_DAYS } from '../domain/satisfaction';
import { localDateString, slaTermFor } from '../domain/sla';
import type { ImageType, ReencodedImage } from '../images/reencode';
import type { User } from '../protocol/auth';
import { EntityId } from '../protocol/common';
import type { Report } from '../protocol/report';
import { AskReporterBody, type ReporterQuestion } from '../protocol/reporter-question';
import { getCategory } from '../store/categories';
import { enqueueMessage } from '../store/outbox';
import { insertPhoto } from '../store/photos';
import { endQuestion, getQuestion, insertQuestion, openQuestionOf, setSlaTimes } from '../store/reporter-questions';
import { reportersOf } from '../store/reporters';
import { citizenAccessOf, getReport, touchReport } from '../store/reports';
import type { HubDeps } from './context';
import { CommandError } from './errors';
import { statusLink } from './feedback';
import { type CommandTx, systemCommand, userCommand } from './run-command';
import { raiseAlert } from './unit-events';

/** The hub's settings for questions to the reporter (start-hub.ts sets them from the config). */
export interface QuestionRules {
  answerWorkingDays: number;
  /** After a reopening "nee" on the status page: within how many working days the citizen hears back. */
  reopenReplyWorkingDays: number;
}

const rulesByHub = new WeakMap<object, QuestionRules>();

export function setQuestionRules(deps: HubDeps, rules: QuestionRules): void {
  rulesByHub.set(deps, rules);
}

export function questionRulesOf(deps: HubDeps): QuestionRules {
  return rulesByHub.get(deps) ?? { answerWorkingDays: DEFAULT_ANSWER_WORKING_DAYS, reopenReplyWorkingDays: DEFAULT_REOPEN_REPLY_WORKING_DAYS };
}

async function requireReport(tx: CommandTx, reportId: string): Promise<Report> {
  const report = await getReport(tx.trx, reportId);
  if (!report) throw new CommandError('not_found', commandText('command.report.not_found'));
  return report;
}

/** The report with its new version, and the event telling every console the question's step. */
async function questionEvent(tx: CommandTx, reportId: string, actorId: string | null, step: 'asked' | 'answered' | 'expired', question: ReporterQuestion) {
  return tx.emit(async (seq) => {
    await touchReport(tx.trx, reportId, { version: seq });
    const report = await getReport(tx.trx, reportId);
    if (!report) throw new Error(`report ${reportId} vanished inside its own transaction`);
    const note = step === 'asked' ? question.question : step === 'answered' ? question.answer : null;
    return { type: 'report.question' as const, at: tx.at, actorId, report, step, question, note };
  });
}

/**
 * Closing a report ends its open question in the closing's own transaction (called from commands/lifecycle.ts):
 * the "wacht op reactie" flag drops at once instead of at the sweeper, the status page offers no answer form (also
 * not after a later reopening), and consoles hear the question's end (step `expired`, the question's state). The
 * clock needs no resuming: the report is closed.
 */
export async function endQuestionOnClosing(tx: CommandTx, reportId: string): Promise<void> {
  const open = await openQuestionOf(tx.trx, reportId);
  if (!open) return;
  const ended = await endQuestion(tx.trx, open.id, { reason: 'closed', at: tx.at });
  if (ended) await questionEvent(tx, reportId, null, 'expired', ended);
}

/** The handling-time clock paused from asking until now: the deadline moves by the waiting time (domain rules). */
async function resumeSlaClock(tx: CommandTx, report: Report, askedAt: string): Promise<void> {
  if (!report.slaDeadline) return;
  const category = await getCategory(tx.trx, report.category);
  if (!category) return;
  const { term } = slaTermFor(category, report.priority, new Date(report.createdAt));
  const moved = pausedDeadline(new Date(report.slaDeadline), term, new Date(askedAt), tx.now);
  if (moved.waitedMs === 0) return;
  await setSlaTimes(tx.trx, report.id, moved.deadline.toISOString(), moved.atRiskFrom.toISOString());
}

/**
 * The desk asks the reporter a question: by e-mail or SMS through the outbox, with the status link where they answer.
 * The report waits for a reply (flag, not a status); one open question per report (409 when one is open).
 */
export const askReporter = userCommand({
  name: 'report.ask_reporter',
  access: 'report.ask_reporter',
  input: AskReporterBody.extend({ reportId: EntityId }),
  log: { message: 'reporter asked', fields: (answer: { report: Report; question: ReporterQuestion }) => ({ reportId: answer.report.id, number: answer.report.number }) },
  async apply(tx, { reportId, question, channel }, user: User): Promise<{ report: Report; question: ReporterQuestion }> {
    const report = await requireReport(tx, reportId);
    if (report.status === 'closed') throw new CommandError('conflict', sayQuestion('question.closed_report'));
    if (await openQuestionOf(tx.trx, reportId)) throw new CommandError('conflict', sayQuestion('question.already_open'));
    const reporters = (await reportersOf(tx.trx, reportId)).filter((r) => r.email || r.phone);
    const original = reporters[0];
    if (!original) throw new CommandError('validation', sayQuestion('question.no_reporter'), { question: sayQuestion('question.no_reporter') });
    const chosen = channel ?? (original.email ? 'email' : 'sms');
    const recipient = chosen === 'email' ? original.email : original.phone;
    if (!recipient) {
      const text = sayQuestion('question.no_channel', { channel: channelText(chosen) });
      throw new CommandError('validation', text, { channel: text });
    }
    const access = await citizenAccessOf(tx.trx, reportId);
    if (!access?.token) throw new CommandError('conflict', sayQuestion('question.no_reporter'));
    const dueAt = answerDueAt(tx.now, questionRulesOf(tx.deps).answerWorkingDays);
    const asked = await insertQuestion(tx.trx, { reportId, question, channel: chosen, askedBy: user.id, at: tx.at, dueAt: dueAt.toISOString() });
    const message = questionMessage({
      locale: access.locale,
      number: report.number,
      question,
      link: statusLink(tx.deps.publicUrl, access.token),
      dueDate: formatLongDate(localDateString(dueAt), access.locale),
      channel: chosen,
      greeting: greetingName(original, access.locale),
      municipality: tx.deps.municipality ?? DEFAULT_MUNICIPALITY,
    });
    await enqueueMessage(tx.trx, {
      reportId,
      reporterId: original.id,
      trigger: 'question',
      channel: chosen,
      recipient,
      subject: message.subject,
      bodyText: message.text,
      at: tx.at,
    });
    tx.queued(1);
    const event = await questionEvent(tx, reportId, user.id, 'asked', asked);
    return { report: event.report, question: asked };
  },
});

const AnswerInput = z.object({
  reportId: EntityId,
  answer: z.string(),
  photo: z.object({ type: z.string(), bytes: z.instanceof(Uint8Array), width: z.number(), height: z.number() }).optional(),
});

/**
 * The reporter answers on the status page: the question ends, the report no longer waits, its clock runs again
 * (the deadline moved by the waiting time), the desk gets an alert and the timeline a line. A photo comes re-encoded
 * (the route did that before the transaction, with the same image worker as the field's photos).
 */
export const answerQuestion = systemCommand({
  name: 'report.question_answer',
  input: AnswerInput,
  async apply(tx, { reportId, answer, photo }): Promise<ReporterQuestion> {
    const text = answer.trim();
    if (!text) throw new CommandError('validation', sayQuestion('question.answer_required'), { antwoord: sayQuestion('question.answer_required') });
    if (text.length > ANSWER_MAX) throw new CommandError('validation', sayQuestion('question.answer_too_long'), { antwoord: sayQuestion('question.answer_too_long') });
    const report = await requireReport(tx, reportId);
    const open = await openQuestionOf(tx.trx, reportId);
    // A question left open when the report was closed needs no answer any more (the sweeper ends it, without alert).
    if (!open || report.status === 'closed') throw new CommandError('conflict', sayQuestion('question.none_open'));
    let photoId: string | null = null;
    if (photo) {
      photoId = randomUUID();
      const image = photo as ReencodedImage & { type: ImageType };
      await insertPhoto(tx.trx, { id: photoId, reportId, unitId: null, contentType: image.type, width: image.width, height: image.height, data: image.bytes, at: tx.at });
    }
    const ended = await endQuestion(tx.trx, open.id, { reason: 'answered', at: tx.at, answer: text, photoId });
    if (!ended) throw new CommandError('conflict', sayQuestion('question.none_open'));
    await resumeSlaClock(tx, report, open.askedAt);
    await questionEvent(tx, reportId, null, 'answered', ended);
    await raiseAlert(tx, { subject: { kind: 'reporter_answered', number: report.number }, reportId, position: { lat: report.lat, lng: report.lng } }, null);
    return ended;
  },
});

/**
 * A question unanswered past its due moment: decided again under the write lock (the sweeper on every hub node
 * may try; the conditional end lets one succeed). The flag drops, the clock runs again, the desk is told (not for
 * a report already closed). Answers whether this call ended it.
 */
export const expireQuestion = systemCommand({
  name: 'report.question_expire',
  input: z.object({ questionId: EntityId }),
  async apply(tx, { questionId }): Promise<boolean> {
    const question = await getQuestion(tx.trx, questionId);
    if (question?.state !== 'open' || Date.parse(question.dueAt) > tx.now.getTime()) return false;
    const ended = await endQuestion(tx.trx, questionId, { reason: 'expired', at: tx.at });
    if (!ended) return false;
    const report = await requireReport(tx, question.reportId);
    await resumeSlaClock(tx, report, question.askedAt);
    await questionEvent(tx, report.id, null, 'expired', ended);
    if (report.status !== 'closed') {
      await raiseAlert(tx, { subject: { kind: 'question_unanswered', number: report.number }, reportId: report.id, position: { lat: report.lat, lng: report.lng } }, null);
    }
    return true;
  },
});
