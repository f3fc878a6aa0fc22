import type { HubEvent } from '../protocol/events';
import { insertEvent, nextSeq } from '../store/events';
import { getReport } from '../store/reports';
import type { OutboxRow } from '../store/schema';
import type { HubDeps } from './context';

/** A message's delivery state changed (sent, retrying, failed): the report's delivery summary changes with it. */
export async function recordDelivery(deps: HubDeps, row: OutboxRow): Promise<void> {
  const event = await deps.store.writeTransaction(async (trx) => {
    const seq = await nextSeq(trx);
    await trx.updateTable('reports').set({ version: seq }).where('id', '=', row.report_id).execute();
    const report = await getReport(trx, row.report_id);
    if (!report) return undefined;
    const e: HubEvent = {
      seq,
      type: 'report.delivery',
      at: deps.clock().toISOString(),
      actorId: null,
      report,
      messageId: row.id,
      status: row.status,
    };
    await insertEvent(trx, e, row.report_id);
    return e;
  });
  if (event) deps.publisher.publish(event);
}
