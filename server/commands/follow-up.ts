import { z } from 'zod';
import { followUpAct, isFollowUpDueAt } from '../domain/follow-up';
import type { FollowUpJobSettings } from '../hub/follow-up-config';
import { IsoDate } from '../protocol/resolution';
import { claimFollowUp } from '../store/follow-ups';
import { citizenAccessOf, getReport } from '../store/reports';
import { latestResolution } from '../store/resolutions';
import type { Report } from '../protocol/report';
import type { Resolution } from '../protocol/resolution';
import { composeForReport, enqueueFeedback } from './feedback';
import { applyTransition } from './lifecycle';
import { type CommandTx, type SystemCommand, systemCommand } from './run-command';
import { raiseAlert, releaseUnitsOfReport } from './unit-events';

/**
 * A scheduled report's follow-up date acts (hub/follow-up-job.ts decides when to look; domain/follow-up.ts when it
 * is due and whose it is). In ONE transaction, decided again under the write lock:
 * - the report is still scheduled for that date and the date is due on the hub clock, and no node acted on this
 *   report and date before (a row in follow_up_actions, migration 0028: exactly once on several nodes);
 * - own follow-up: the lifecycle step scheduled → triaged as the system (commands/lifecycle.ts applyTransition,
 *   no citizen message: to the citizen it stays "ingepland") and a `follow_up_due` alert for the desk;
 * - another team's: the report stays scheduled and the desk gets a `follow_up_other` alert ("vraag team Groen").
 * With the setting followUpVisitMessage on, the reporters also get "vandaag komen we langs" (trigger
 * follow_up_visit, feedback-templates-visit.ts) in the same transaction; a template that cannot be filled is logged
 * and skipped, never a reason for the date not to act. Events are published after commit, as every command's.
 */

export type FollowUpResult = { kind: 'own' | 'other'; alertId: string };

const FollowUpDue = z.object({
  reportId: z.string().min(1),
  followUpDate: IsoDate,
  nodeId: z.string().nullable(),
});

export function followUpStep(settings: () => FollowUpJobSettings): SystemCommand<typeof FollowUpDue, FollowUpResult | null> {
  return systemCommand({
    name: 'report.follow_up_due',
    input: FollowUpDue,
    log: { message: 'follow-up date acted', fields: (r: FollowUpResult | null) => ({ followUp: r?.kind ?? null }) },
    async apply(tx, { reportId, followUpDate, nodeId }): Promise<FollowUpResult | null> {
      const rules = settings();
      const report = await getReport(tx.trx, reportId);
      if (report?.status !== 'scheduled' || report.followUpDate !== followUpDate) return null;
      if (!isFollowUpDueAt(followUpDate, tx.now, rules)) return null;
      const latest = await latestResolution(tx.trx, reportId);
      const followUp = latest?.body.followUp;
      // A scheduled report always has its follow-up; without one (never written so) the control room takes it.
      const act = followUp ? followUpAct(followUp.who, rules.ownTeams) : ({ kind: 'own' } as const);
      if (!(await claimFollowUp(tx.trx, { reportId, followUpDate, kind: act.kind, at: tx.at, nodeId }))) return null;
      const what = followUp?.what.trim() || followUpDate;
      if (rules.visitMessage && latest?.body.kind === 'schedule') await queueVisitMessage(tx, report, latest.body);
      if (act.kind === 'own') {
        await applyTransition(tx, { kind: 'system', id: null }, reportId, { to: 'triaged' });
        await releaseUnitsOfReport(tx, reportId, null);
        const raised = await raiseAlert(tx, { subject: { kind: 'follow_up_due', number: report.number, what }, reportId }, null);
        return { kind: 'own', alertId: raised.alert.id };
      }
      const raised = await raiseAlert(tx, { subject: { kind: 'follow_up_other', number: report.number, what, who: act.who }, reportId }, null);
      return { kind: 'other', alertId: raised.alert.id };
    },
  });
}

/** "Vandaag komen we langs" to the report's reporters, queued in the step's transaction. */
async function queueVisitMessage(tx: CommandTx, report: Report, resolution: Resolution): Promise<void> {
  const access = await citizenAccessOf(tx.trx, report.id);
  if (!access) return;
  let composed: Awaited<ReturnType<typeof composeForReport>>;
  try {
    composed = await composeForReport(tx.trx, tx.deps, {
      trigger: 'follow_up_visit',
      report,
      citizenToken: access.token ?? '',
      citizenCode: access.code ?? '',
      locale: access.locale,
      resolution,
      now: tx.now,
    });
  } catch (err) {
    tx.deps.log.warn({ err, reportId: report.id }, 'follow-up date: the visit message could not be composed; not sent');
    return;
  }
  tx.queued(await enqueueFeedback(tx.trx, composed, { reportId: report.id, trigger: 'follow_up_visit', at: tx.at }));
}
