import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { commandText } from '../domain/command-texts';
import { boundingBox, findNearbyDuplicates, periodStart } from '../domain/duplicates';
import { allowedOutcomes, reportStatusText } from '../domain/lifecycle';
import { EntityId } from '../protocol/common';
import { LinkReporterBody, MergeBody, type MergeResponse, type NearbyQuery, type NearbyResponse } from '../protocol/intake';
import type { Report } from '../protocol/report';
import type { ClosingResolution } from '../protocol/resolution';
import { enqueueMessage } from '../store/outbox';
import { moveReporters, reportersOf } from '../store/reporters';
import { citizenAccessOf, getReport, insertReporter, openReportsInBox, touchReport } from '../store/reports';
import { latestResolution } from '../store/resolutions';
import type { HubDeps } from './context';
import { CommandError } from './errors';
import { refuseCitizenOnPart } from './sub-reports';
import { composeForReport } from './feedback';
import { applyTransition } from './lifecycle';
import { type CommandTx, userCommand } from './run-command';

export interface DuplicateSearchConfig {
  radiusMeters: number;
  periodDays: number;
}

/** Open reports of the same category near a location: what the call-taker sees before saving. */
export async function findNearbyReports(deps: HubDeps, query: z.output<typeof NearbyQuery>, config: DuplicateSearchConfig): Promise<NearbyResponse> {
  const now = deps.clock();
  const box = boundingBox(query, config.radiusMeters);
  const reports = await openReportsInBox(deps.store.db, { category: query.category, since: periodStart(now, config.periodDays), box, limit: 500 });
  const matches = findNearbyDuplicates({ ...query, at: now }, reports, config);
  return {
    reports: matches.map((m) => ({ report: m.report, distanceMeters: Math.round(m.distanceMeters * 10) / 10 })),
    radiusMeters: config.radiusMeters,
    periodDays: config.periodDays,
  };
}

const sameContact = (a: { email: string | null; phone: string | null }, b: { email?: string | null | undefined; phone?: string | null | undefined }) =>
  (!!a.email && !!b.email && a.email.toLowerCase() === b.email.toLowerCase()) || (!!a.phone && !!b.phone && a.phone.replace(/\D/g, '') === b.phone.replace(/\D/g, ''));

/**
 * Links a caller to an existing report as an extra reporter (with their consent): one transaction
 * adds the reporter, bumps the report's version with a `report.updated` event, and queues a receipt
 * to this caller only. From then on every feedback message of the report reaches them too.
 */
export const linkReporter = userCommand({
  name: 'report.link_reporter',
  access: 'report.create',
  input: LinkReporterBody.extend({ reportId: EntityId }),
  log: { message: 'caller linked to report', fields: (report: Report) => ({ reportId: report.id, number: report.number, reporters: report.reporterCount }) },
  async apply(tx, { reportId, ...input }, user): Promise<Report> {
    const access = await citizenAccessOf(tx.trx, reportId);
    const current = access && (await getReport(tx.trx, reportId));
    if (!access || !current) throw new CommandError('not_found', commandText('command.report.not_found'));
    // A part (deelmelding) has no citizen: the caller follows its main report (409 subreport.no_citizen).
    await refuseCitizenOnPart(tx.trx, current);
    if (current.status === 'closed') {
      throw new CommandError('conflict', commandText('command.report.closed_take_new', { number: current.number }));
    }
    if ((await reportersOf(tx.trx, reportId)).some((r) => sameContact(r, input))) {
      throw new CommandError('conflict', commandText('command.report.already_following'));
    }
    const { at } = tx;
    const reporterId = randomUUID();
    const consent = { at, via: 'console' as const };
    const salutation = input.salutation || undefined;
    await insertReporter(tx.trx, { id: reporterId, reportId, name: input.name, salutation, email: input.email, phone: input.phone, at, consent });
    if (input.email || input.phone) {
      // A caller linked to a scheduled report hears what is planned and when, not the generic receipt.
      const latest = current.status === 'scheduled' ? await latestResolution(tx.trx, reportId) : undefined;
      const planned = latest?.state === 'confirmed' && latest.body.kind === 'schedule' ? latest.body : undefined;
      const trigger = planned ? 'scheduled' : 'receipt';
      const receipt = await composeForReport(tx.trx, tx.deps, {
        trigger,
        resolution: planned,
        report: current,
        citizenToken: access.token ?? '',
        citizenCode: access.code ?? '',
        locale: access.locale,
        slaDeadline: access.slaDeadline ? new Date(access.slaDeadline) : undefined,
        now: tx.now,
        // Only this caller gets it: greeted by their own salutation or name.
        recipient: { name: input.name, salutation },
      });
      const base = { reportId, reporterId, trigger, at, subject: receipt.subject, bodyText: receipt.text };
      await enqueueMessage(
        tx.trx,
        input.email ? { ...base, channel: 'email', recipient: input.email, bodyHtml: receipt.html } : { ...base, channel: 'sms', recipient: input.phone ?? '' },
      );
      tx.queued(1);
    }
    return (await touchWithEvent(tx, reportId, user.id)).report;
  },
});

/** A new version of the report (its reporters changed) with its `report.updated` event. */
function touchWithEvent(tx: CommandTx, reportId: string, actorId: string) {
  return tx.emit(async (seq) => {
    await touchReport(tx.trx, reportId, { version: seq, updatedAt: tx.at });
    const report = await getReport(tx.trx, reportId);
    if (!report) throw new Error(`report ${reportId} vanished inside its own transaction`);
    return { type: 'report.updated' as const, at: tx.at, actorId, report };
  });
}

export function duplicateResolution(originalNumber: string): ClosingResolution {
  return {
    kind: 'close',
    outcome: 'duplicate',
    found: { code: 'al_gemeld', text: `Deze melding was al eerder gedaan (${originalNumber})` },
    action: { code: 'samengevoegd', text: `Samengevoegd met melding ${originalNumber}; u krijgt voortaan berichten over die melding` },
  };
}

/**
 * The shift lead marks a report as a duplicate of another, in one transaction: the duplicate is
 * closed with outcome `duplicate` through the lifecycle table (its reporters get the closing
 * message saying which report it was merged with), then its reporters move to the original (a
 * contact the original already has stays behind, so nobody gets every message twice), and both
 * reports get a `report.updated` event with their new reporter count.
 */
export const mergeDuplicate = userCommand({
  name: 'report.merge',
  access: 'report.merge',
  input: MergeBody.extend({ duplicateId: EntityId }),
  log: {
    message: 'report merged as duplicate',
    fields: (merged: MergeResponse) => ({ duplicateId: merged.duplicate.id, originalId: merged.original.id, moved: merged.movedReporters }),
  },
  async apply(tx, { duplicateId, ...input }, user): Promise<MergeResponse> {
    if (input.originalId === duplicateId) throw new CommandError('conflict', commandText('command.report.merge_itself'));
    const actor = { kind: user.role, id: user.id };
    const [duplicate, original] = [await getReport(tx.trx, duplicateId), await getReport(tx.trx, input.originalId)];
    if (!duplicate) throw new CommandError('not_found', commandText('command.report.not_found'));
    if (!original) {
      throw new CommandError('not_found', commandText('command.report.original_not_found'), { originalId: commandText('command.report.unknown') });
    }
    if (original.status === 'closed') {
      throw new CommandError('conflict', commandText('command.report.merge_closed', { number: original.number }));
    }
    // A part (deelmelding) never talks to the citizen: reporters moved onto one would never hear again (409 subreport.no_citizen).
    await refuseCitizenOnPart(tx.trx, original);
    if (!allowedOutcomes(duplicate.status, actor.kind).includes('duplicate')) {
      throw new CommandError('conflict', commandText('command.report.merge_status', { status: reportStatusText(duplicate.status) }));
    }
    const closed = await applyTransition(
      tx,
      actor,
      duplicateId,
      { to: 'closed', resolution: duplicateResolution(original.number), ...(input.expectedVersion !== undefined ? { expectedVersion: input.expectedVersion } : {}) },
      `Samengevoegd met ${original.number}`,
    );

    // After the closing message is queued, so the moved reporters get the merge notice first.
    const stay = await reportersOf(tx.trx, input.originalId);
    const moving = (await reportersOf(tx.trx, duplicateId)).filter((r) => !stay.some((o) => sameContact(o, r)));
    await moveReporters(
      tx.trx,
      moving.map((r) => r.id),
      input.originalId,
    );
    const updatedOriginal = (await touchWithEvent(tx, input.originalId, user.id)).report;
    const updatedDuplicate = moving.length > 0 ? (await touchWithEvent(tx, duplicateId, user.id)).report : closed.report;
    return { duplicate: updatedDuplicate, original: updatedOriginal, movedReporters: moving.length };
  },
});
