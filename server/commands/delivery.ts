import { z } from 'zod';
import { commandText } from '../domain/command-texts';
import { EntityId } from '../protocol/common';
import { getReport, touchReport } from '../store/reports';
import { markAttemptFailed, markSent, retryFailed } from '../store/outbox';
import type { OutboxRow } from '../store/schema';
import { alertOnDeliveryFailed, alertsOnRetry } from './alert-conditions';
import { CommandError } from './errors';
import { type CommandTx, systemCommand, userCommand } from './run-command';

/** A message's delivery state changed: the report's delivery summary changes with it (a new version and event). */
async function deliveryEvent(tx: CommandTx, row: Pick<OutboxRow, 'id' | 'report_id' | 'status'>): Promise<void> {
  const report = await getReport(tx.trx, row.report_id);
  if (!report) return;
  await tx.emit(async (seq) => {
    await touchReport(tx.trx, row.report_id, { version: seq });
    const current = (await getReport(tx.trx, row.report_id)) ?? report;
    return { type: 'report.delivery' as const, at: tx.at, actorId: null, report: current, messageId: row.id, status: row.status };
  });
}

const DeliveryAttempt = z.intersection(
  z.object({ id: z.string().min(1), owner: z.string().min(1) }),
  z.discriminatedUnion('outcome', [
    z.object({ outcome: z.literal('sent') }),
    z.object({
      outcome: z.literal('failed'),
      error: z.string(),
      maxAttempts: z.number().int().positive(),
      backoffMs: z.array(z.number().int().min(0)).readonly(),
    }),
  ]),
);

/**
 * The outbox worker's attempt (notify/worker.ts, after the send and outside any transaction): the message's
 * new state (sent, queued again after a backoff, failed) and the report's delivery event commit together.
 * Undefined when the worker's lease was lost and another node records the outcome.
 */
export const recordAttempt = systemCommand({
  name: 'outbox.attempt',
  input: DeliveryAttempt,
  async apply(tx, attempt): Promise<OutboxRow | undefined> {
    const row =
      attempt.outcome === 'sent'
        ? await markSent(tx.trx, attempt.id, attempt.owner, tx.now)
        : await markAttemptFailed(tx.trx, attempt.id, attempt.owner, {
            error: attempt.error,
            now: tx.now,
            maxAttempts: attempt.maxAttempts,
            backoffMs: attempt.backoffMs,
          });
    if (row) await deliveryEvent(tx, row);
    if (row?.status === 'failed') {
      const report = await getReport(tx.trx, row.report_id);
      if (report) await alertOnDeliveryFailed(tx, report);
    }
    return row;
  },
});

/** The shift lead's retry: a failed message is queued again, due now, with a fresh set of attempts. */
export const retryMessage = userCommand({
  name: 'outbox.retry',
  access: 'outbox.retry',
  input: z.object({ messageId: EntityId }),
  async apply(tx, { messageId }): Promise<OutboxRow> {
    const row = await retryFailed(tx.trx, messageId, tx.now);
    if (!row) throw new CommandError('conflict', commandText('command.outbox.only_failed'));
    await deliveryEvent(tx, row);
    await alertsOnRetry(tx, row.report_id);
    tx.queued(1);
    return row;
  },
});
