import { z } from 'zod';
import { type CitizenView, citizenView, mayAskSatisfaction } from '../domain/citizen-view';
import { commandText } from '../domain/command-texts';
import { categoryInSentence } from '../domain/feedback-values';
import { sayQuestion } from '../domain/reporter-question-texts';
import { checkReason, reopenReplyBy } from '../domain/satisfaction';
import { localDateString } from '../domain/sla';
import { CitizenResponseBody } from '../protocol/lifecycle-api';
import { getCategory } from '../store/categories';
import { answeredSince, insertCitizenResponse } from '../store/citizen-responses';
import { openQuestionOf } from '../store/reporter-questions';
import { getReport, reportForCitizenToken, touchReport } from '../store/reports';
import { reportTimeline } from '../store/timeline';
import type { HubDeps } from './context';
import { CommandError } from './errors';
import { focusAreaTextAt } from './focus-explanation';
import { applyTransition } from './lifecycle';
import { questionRulesOf } from './reporter-question';
import { systemCommand } from './run-command';
import { approvedFixPhotoSize } from '../store/photos';

/**
 * What the public status pages read and what a citizen may change there: their answer to "opgelost?" (with a
 * standard reason, domain/satisfaction.ts) and their answer to the desk's question (commands/reporter-question.ts).
 */

export async function reportIdForToken(deps: HubDeps, token: string): Promise<string | undefined> {
  return (await reportForCitizenToken(deps.store.db, token))?.id;
}

export async function loadCitizenView(deps: HubDeps, reportId: string): Promise<CitizenView> {
  const { db } = deps.store;
  const report = await getReport(db, reportId);
  if (!report) throw new CommandError('not_found', commandText('command.report.not_found'));
  const category = await getCategory(db, report.category);
  // While the focus area is active, the citizen sees why we enforce extra around their report.
  const focusText = await focusAreaTextAt(db, report, deps.clock());
  const answered = await answeredSince(db, reportId, report.updatedAt);
  const question = await openQuestionOf(db, reportId);
  const timeline = await reportTimeline(db, reportId);
  // The category as the citizen reads it in their messages ("een boomtak of ander groen"), not its internal label.
  const subject = categoryInSentence({ categoryPhrase: category?.phraseNl, categoryName: category?.nameNl, report, locale: 'nl' });
  const view = citizenView(report, subject, timeline, answered, focusText, question ?? null);
  if (report.status === 'reopen_requested') {
    // "U hoort binnen N werkdagen": counted from the citizen's "nee" (the step to reopen_requested).
    const asked = timeline.findLast((e) => e.to === 'reopen_requested');
    const by = reopenReplyBy(new Date(asked?.at ?? report.updatedAt), questionRulesOf(deps).reopenReplyWorkingDays);
    view.reopenReplyBy = localDateString(by);
  }
  // The photo of the fix, only once the desk approved it (commands/photos.ts).
  view.fixPhoto = (await approvedFixPhotoSize(db, reportId)) ?? null;
  return view;
}

/**
 * "Is uw melding naar tevredenheid opgelost?" — a "nee" whose reason is "het probleem is niet opgelost" (or without
 * a reason) asks the shift lead to reopen; other reasons are recorded for the KPIs and leave the report closed. The
 * answer and its event commit together. Answers whether the report went back to the shift lead.
 */
export const recordCitizenResponse = systemCommand({
  name: 'report.citizen_response',
  input: CitizenResponseBody.extend({ reportId: z.string(), reason: z.string().max(40).optional() }),
  async apply(tx, { reportId, satisfied, comment, reason }): Promise<{ reopened: boolean }> {
    const check = checkReason(satisfied, reason ?? null);
    if (!check.ok) {
      const text = sayQuestion(check.problem === 'unknown' ? 'satisfaction.reason_unknown' : 'satisfaction.reason_mismatch');
      throw new CommandError('validation', text, { reden: text });
    }
    const report = await getReport(tx.trx, reportId);
    if (!report) throw new CommandError('not_found', commandText('command.report.not_found'));
    if (report.status !== 'closed') throw new CommandError('conflict', commandText('command.report.not_closed'));
    if (!mayAskSatisfaction(report.outcome)) throw new CommandError('conflict', commandText('command.report.satisfaction_not_asked'));
    if (await answeredSince(tx.trx, reportId, report.updatedAt)) throw new CommandError('conflict', commandText('command.report.already_answered'));
    await insertCitizenResponse(tx.trx, { reportId, satisfied, reason: reason ?? null, comment: comment ?? null, at: tx.at });
    if (check.reopens) {
      await applyTransition(tx, { kind: 'citizen', id: null }, reportId, { to: 'reopen_requested' }, comment);
      return { reopened: true };
    }
    await tx.emit(async (seq) => {
      await touchReport(tx.trx, reportId, { version: seq });
      const current = await getReport(tx.trx, reportId);
      if (!current) throw new Error(`report ${reportId} vanished inside its own transaction`);
      return { type: 'report.citizen_response' as const, at: tx.at, actorId: null, report: current, satisfied, comment: comment ?? null };
    });
    return { reopened: false };
  },
});
