import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { commandText } from '../domain/command-texts';
import { CreateReportInput, type Report } from '../protocol/report';
import { findComment, insertComment, recordOpen311Request } from '../store/open311';
import { getReport } from '../store/reports';
import { CommandError } from './errors';
import { applyTransition } from './lifecycle';
import { writeReport } from './reports';
import { systemCommand, userCommand } from './run-command';
import { raiseAlert } from './unit-events';

/** What an Open311 client sent beyond the report itself, stored next to it. */
const Open311Extras = z.object({
  apiKeyId: z.string(),
  /** Validated answers, and (`extra: true`) attributes the service definition does not list, as sent. */
  attributes: z.array(z.object({ code: z.string(), values: z.array(z.string()), extra: z.literal(true).optional() })),
  mediaUrl: z.string().optional(),
  deviceId: z.string().optional(),
  accountId: z.string().optional(),
  title: z.string().optional(),
});

/** A service request from an Open311 client app: the report and its Open311 extras in one transaction. */
export const createOpen311Request = userCommand({
  name: 'open311.request',
  access: 'report.create',
  // The report's fields stay at the top, so a refusal names them as for any report (errors.ts maps them back).
  input: CreateReportInput.extend({ open311: Open311Extras }),
  async apply(tx, { open311, ...input }, user): Promise<Report> {
    const report = await writeReport(tx, input, user);
    await recordOpen311Request(tx.trx, { reportId: report.id, ...open311, at: report.createdAt });
    return report;
  },
});

/** Characters of a comment shown in the desk's alert line (the whole comment is in the timeline and stored). */
const ALERT_EXCERPT = 200;

export const Open311CommentInput = z.object({
  apiKeyId: z.string(),
  clientName: z.string(),
  clientUpdateId: z.string().min(1).max(200),
  reportId: z.string(),
  /** The client's status, upper case (OPEN, CLOSED, REOPEN, FIXED, …). */
  status: z.string(),
  description: z.string().max(4000),
  mediaUrl: z.string().optional(),
});

export interface Open311CommentResult {
  id: string;
  /** The same client update id was posted before: nothing new was written. */
  repeated: boolean;
  reopenRequested: boolean;
}

/**
 * A citizen comment from an Open311 client (servicerequestupdates), once per client update id. On a closed report,
 * REOPEN (or OPEN with a comment, which FixMyStreet sends when its reopen option is off) is the citizen's reopen
 * request: the same step as "nee, niet opgelost" on the status page (the shift lead decides; the comment is its note,
 * and the reopen-request alert goes to the desk). Any other comment reaches the desk as a `citizen_comment` alert,
 * which the timeline shows.
 */
export const postOpen311Comment = systemCommand({
  name: 'open311.comment',
  input: Open311CommentInput,
  async apply(tx, input): Promise<Open311CommentResult> {
    const before = await findComment(tx.trx, input.apiKeyId, input.clientUpdateId);
    if (before) return { id: before.id, repeated: true, reopenRequested: false };
    const report = await getReport(tx.trx, input.reportId);
    if (!report) throw new CommandError('not_found', commandText('command.report.not_found'));
    const text = input.description.trim();
    const reopen = report.status === 'closed' && (input.status === 'REOPEN' || (input.status === 'OPEN' && text.length > 0));
    const id = randomUUID();
    await insertComment(tx.trx, {
      id,
      apiKeyId: input.apiKeyId,
      clientUpdateId: input.clientUpdateId,
      reportId: report.id,
      status: input.status,
      description: text,
      mediaUrl: input.mediaUrl ?? null,
      at: tx.at,
    });
    if (reopen) {
      const note = [text, input.mediaUrl].filter((v) => v).join('\n') || null;
      await applyTransition(tx, { kind: 'citizen', id: null }, report.id, { to: 'reopen_requested' }, note ?? undefined);
      return { id, repeated: false, reopenRequested: true };
    }
    if (text.length > 0 || input.mediaUrl) {
      const shown = text.length > ALERT_EXCERPT ? `${text.slice(0, ALERT_EXCERPT - 1)}…` : text || input.mediaUrl || '';
      const comment = input.mediaUrl && text ? `${shown} (foto: ${input.mediaUrl})` : shown;
      await raiseAlert(
        tx,
        { subject: { kind: 'citizen_comment', number: report.number, client: input.clientName, comment }, reportId: report.id, position: { lat: report.lat, lng: report.lng } },
        null,
      );
    }
    return { id, repeated: false, reopenRequested: false };
  },
});
