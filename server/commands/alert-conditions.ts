import { ALERT_KINDS, clearedByOffer, clearedByRetry, clearedByTransition } from '../domain/alert-kinds';
import type { Alert } from '../protocol/dispatch';
import type { Report, ReportStatus } from '../protocol/report';
import { callsignOfUser, expireAlert, openAlertsOfReport } from '../store/alerts';
import type { CommandTx } from './run-command';
import { raiseAlert } from './unit-events';

/**
 * Alerts raised and ended by what happens to a report, in the transaction that makes it happen (the kinds'
 * conditions: domain/alert-kinds.ts). An ended alert is published as `alert.acked` with no one as `ackedBy`.
 */
const KINDS = Object.keys(ALERT_KINDS) as Alert['kind'][];

/** Ends the report's open alerts of the given kinds by themselves (`alert.acked` with no one as `ackedBy`). */
async function expireAlertsOfReport(tx: CommandTx, reportId: string, kinds: readonly Alert['kind'][]): Promise<void> {
  for (const open of await openAlertsOfReport(tx.trx, reportId, kinds)) {
    const alert = await expireAlert(tx.trx, open.id, tx.at);
    if (alert) await tx.emit(() => ({ type: 'alert.acked' as const, at: tx.at, actorId: null, alert }));
  }
}

/**
 * A report changed status (commands/lifecycle.ts applyTransition, same transaction): alerts whose condition now
 * holds end (a high-priority report picked up, a proposal reviewed, a reopen request decided), and a proposal
 * from the field or a reopen request raises its alert for the desk.
 */
export async function alertsOnTransition(
  tx: CommandTx,
  report: Report,
  from: ReportStatus,
  actor: { kind: string; id: string | null },
): Promise<void> {
  const to = report.status as ReportStatus;
  await expireAlertsOfReport(
    tx,
    report.id,
    KINDS.filter((kind) => clearedByTransition(kind, from, to)),
  );
  if (to === 'awaiting_review' && from !== 'awaiting_review') {
    const unit = actor.id ? await callsignOfUser(tx.trx, actor.id) : null;
    await raiseAlert(tx, { subject: { kind: 'proposal_review', unit, number: report.number }, reportId: report.id }, actor.id);
  }
  if (to === 'reopen_requested' && from !== 'reopen_requested') {
    await raiseAlert(tx, { subject: { kind: 'reopen_requested', number: report.number }, reportId: report.id }, actor.id);
  }
}

/** A report was offered to a unit: it is picked up, its routine high-priority alert ends. */
export async function alertsOnOffer(tx: CommandTx, reportId: string): Promise<void> {
  await expireAlertsOfReport(tx, reportId, KINDS.filter(clearedByOffer));
}

/** A citizen message failed for good (commands/delivery.ts): the desk is told, once per report until retried. */
export async function alertOnDeliveryFailed(tx: CommandTx, report: Pick<Report, 'id' | 'number'>): Promise<void> {
  if ((await openAlertsOfReport(tx.trx, report.id, ['delivery_failed'])).length > 0) return;
  await raiseAlert(tx, { subject: { kind: 'delivery_failed', number: report.number }, reportId: report.id }, null);
}

/** A failed message was queued again: its report's delivery alert ends. */
export async function alertsOnRetry(tx: CommandTx, reportId: string): Promise<void> {
  await expireAlertsOfReport(tx, reportId, KINDS.filter(clearedByRetry));
}
