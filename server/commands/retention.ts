import { z } from 'zod';
import { AGED_KINDS, type AgedKind, REPORT_DATA_KINDS, type ReportDataKind, redactEventPayload } from '../domain/retention';
import {
  type DueReport,
  deletePhotosOf,
  deleteReports,
  eraseCitizenComments,
  eraseContacts,
  eraseMessages,
  markErased,
  reportsClosedBefore,
  reportsDue,
  rewriteReportEvents,
} from '../store/retention';
import { deleteAged, insertRetentionLog } from '../store/retention-log';
import type { RetentionKind } from '../protocol/retention';
import { type CommandTx, systemCommand } from './run-command';

/**
 * The retention job's batches (hub/retention-job.ts), each one command: the rows it finds, erases or
 * deletes, its line in the retention log and its `retention.applied` event commit together. Each is
 * idempotent: a batch that finds nothing changes nothing and emits nothing.
 */

const Batch = z.object({ cutoff: z.iso.datetime(), limit: z.number().int().min(1).max(10_000) });

export interface BatchResult {
  /** Reports (or rows) the batch looked at: a full batch means there may be more. */
  processed: number;
  /** Reports whose data was erased (or deleted), or rows deleted. */
  count: number;
}

/** What erasing each kind of a report's data does, to its rows and to its events; returns the reports that had some. */
const ERASE: Record<ReportDataKind, (tx: CommandTx, ids: readonly string[]) => Promise<readonly string[]>> = {
  contacts: async (tx, ids) => {
    await eraseContacts(tx.trx, ids);
    await rewriteReportEvents(tx.trx, ids, (type, payload) => redactEventPayload(type, payload, 'description'));
    // Every report has a description: each one is anonymised.
    return ids;
  },
  messages: (tx, ids) => eraseMessages(tx.trx, ids),
  comments: async (tx, ids) => {
    const answers = await eraseCitizenComments(tx.trx, ids);
    const notes = await rewriteReportEvents(tx.trx, ids, (type, payload) => redactEventPayload(type, payload, 'citizenText'));
    return [...new Set([...answers, ...notes])];
  },
  photos: (tx, ids) => deletePhotosOf(tx.trx, ids),
};

/** Logs the batch and emits its event (counts and ids only). */
async function record(tx: CommandTx, kind: RetentionKind, count: number, reports: readonly DueReport[]): Promise<void> {
  const event = await tx.emit(() => ({
    type: 'retention.applied' as const,
    at: tx.at,
    actorId: null,
    kind,
    count,
    reportIds: reports.map((r) => r.id),
  }));
  await insertRetentionLog(tx.trx, { at: tx.at, kind, count, reports: reports.map(({ id, number }) => ({ id, number })), eventSeq: event.seq });
}

/** Erases one kind of personal data of closed reports closed before the cutoff. */
export const eraseReportData = systemCommand({
  name: 'retention.erase',
  input: Batch.extend({ kind: z.enum(REPORT_DATA_KINDS) }),
  async apply(tx, { kind, cutoff, limit }): Promise<BatchResult> {
    const due = await reportsDue(tx.trx, kind, cutoff, limit);
    if (due.length === 0) return { processed: 0, count: 0 };
    const affected = new Set(await ERASE[kind](tx, due.map((r) => r.id)));
    // Reports that had nothing of this kind are only noted as done; the log and the event name the others.
    await markErased(tx.trx, kind, due, tx.at);
    const erased = due.filter((r) => affected.has(r.id));
    if (erased.length > 0) await record(tx, kind, erased.length, erased);
    return { processed: due.length, count: erased.length };
  },
});

/** Deletes closed reports closed before the cutoff, whole; the log keeps their numbers. */
export const deleteOldReports = systemCommand({
  name: 'retention.delete_reports',
  input: Batch,
  async apply(tx, { cutoff, limit }): Promise<BatchResult> {
    const due = await reportsClosedBefore(tx.trx, cutoff, limit);
    if (due.length === 0) return { processed: 0, count: 0 };
    // The event first: its seq is then above every seq deleted here, so the log's highest seq never goes back.
    await record(tx, 'reports', due.length, due);
    await deleteReports(
      tx.trx,
      due.map((r) => r.id),
    );
    return { processed: due.length, count: due.length };
  },
});

/** Deletes position fixes, expired sessions or command-log entries older than the cutoff. */
export const deleteAgedRows = systemCommand({
  name: 'retention.delete_aged',
  input: Batch.extend({ kind: z.enum(AGED_KINDS) }),
  async apply(tx, { kind, cutoff, limit }): Promise<BatchResult> {
    const count = await deleteAged(tx.trx, kind as AgedKind, cutoff, limit);
    if (count > 0) await record(tx, kind, count, []);
    return { processed: count, count };
  },
});
