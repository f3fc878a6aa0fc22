import { z } from 'zod';
import { getReport, touchReport } from '../store/reports';
import { retryFailed } from '../store/outbox';
import type { OutboxRow } from '../store/schema';
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

/** The outbox worker recorded an attempt (sent, retrying, failed). */
export const recordDelivery = systemCommand({
  name: 'outbox.delivery',
  input: z.object({ id: z.string(), report_id: z.string(), status: z.enum(['queued', 'sent', 'failed']) }),
  apply: (tx, row) => deliveryEvent(tx, row),
});

/** The shift lead's retry: a failed message is queued again, due now, with a fresh set of attempts. */
export const retryMessage = userCommand({
  name: 'outbox.retry',
  access: 'outbox.retry',
  input: z.object({ messageId: z.string().min(1).max(64) }),
  async apply(tx, { messageId }): Promise<OutboxRow> {
    const row = await retryFailed(tx.trx, messageId, tx.now);
    if (!row) throw new CommandError('conflict', 'Alleen mislukte berichten kunnen opnieuw worden verstuurd');
    await deliveryEvent(tx, row);
    tx.queued(1);
    return row;
  },
});
