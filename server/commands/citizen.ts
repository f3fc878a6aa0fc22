import { z } from 'zod';
import { type CitizenView, citizenView } from '../domain/citizen-view';
import { commandText } from '../domain/command-texts';
import { CitizenResponseBody } from '../protocol/lifecycle-api';
import { getCategory } from '../store/categories';
import { answeredSince, insertCitizenResponse } from '../store/citizen-responses';
import { getReport, reportForCitizenToken, touchReport } from '../store/reports';
import { reportTimeline } from '../store/timeline';
import type { HubDeps } from './context';
import { CommandError } from './errors';
import { focusAreaTextAt } from './focus-explanation';
import { applyTransition } from './lifecycle';
import { systemCommand } from './run-command';

/** What the public status pages read and the one thing a citizen may change there: their answer to "opgelost?". */

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
  return citizenView(report, category?.nameNl ?? report.category, await reportTimeline(db, reportId), answered, focusText);
}

/** "Is uw melding naar tevredenheid opgelost?" — "nee" asks the shift lead to reopen; the answer and its event commit together. */
export const recordCitizenResponse = systemCommand({
  name: 'report.citizen_response',
  input: CitizenResponseBody.extend({ reportId: z.string() }),
  async apply(tx, { reportId, satisfied, comment }): Promise<void> {
    const report = await getReport(tx.trx, reportId);
    if (!report) throw new CommandError('not_found', commandText('command.report.not_found'));
    if (report.status !== 'closed') throw new CommandError('conflict', commandText('command.report.not_closed'));
    if (await answeredSince(tx.trx, reportId, report.updatedAt)) throw new CommandError('conflict', commandText('command.report.already_answered'));
    await insertCitizenResponse(tx.trx, { reportId, satisfied, comment: comment ?? null, at: tx.at });
    if (!satisfied) {
      await applyTransition(tx, { kind: 'citizen', id: null }, reportId, { to: 'reopen_requested' }, comment);
      return;
    }
    await tx.emit(async (seq) => {
      await touchReport(tx.trx, reportId, { version: seq });
      const current = await getReport(tx.trx, reportId);
      if (!current) throw new Error(`report ${reportId} vanished inside its own transaction`);
      return { type: 'report.citizen_response' as const, at: tx.at, actorId: null, report: current, satisfied: true, comment: comment ?? null };
    });
  },
});
