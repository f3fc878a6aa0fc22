import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { boundingBox, findNearbyDuplicates, periodStart } from '../domain/duplicates';
import { allowedOutcomes, STATUS_LABELS } from '../domain/lifecycle';
import { enqueueMessage } from '../notify/outbox-store';
import type { HubEvent } from '../protocol/events';
import { LinkReporterBody, MergeBody, type MergeResponse, NearbyQuery, type NearbyResponse } from '../protocol/intake';
import type { Report } from '../protocol/report';
import type { ClosingResolution } from '../protocol/resolution';
import { insertEvent, nextSeq } from '../store/events';
import { getReport, insertReporter } from '../store/reports';
import { reportersOf } from '../store/reporters';
import type { DB } from '../store/schema';
import type { CommandContext, HubDeps } from './context';
import { CommandError } from './errors';
import { latestResolution } from '../store/resolutions';
import { composeForReport } from './feedback';
import { applyTransition } from './lifecycle';
import { parseOrThrow } from './validate';

export interface DuplicateSearchConfig {
  radiusMeters: number;
  periodDays: number;
}

/** Open reports of the same category near a location: what the call-taker sees before saving. */
export async function findNearbyReports(deps: HubDeps, rawQuery: unknown, config: DuplicateSearchConfig): Promise<NearbyResponse> {
  const query = parseOrThrow(NearbyQuery, rawQuery);
  const now = deps.clock();
  const box = boundingBox(query, config.radiusMeters);
  const candidates = await deps.store.db
    .selectFrom('reports')
    .select('id')
    .where('category', '=', query.category)
    .where('status', '!=', 'closed')
    .where('created_at', '>=', periodStart(now, config.periodDays))
    .where('lat', '>=', box.minLat)
    .where('lat', '<=', box.maxLat)
    .where('lng', '>=', box.minLng)
    .where('lng', '<=', box.maxLng)
    .limit(500)
    .execute();
  const reports: Report[] = [];
  for (const { id } of candidates) {
    const report = await getReport(deps.store.db, id);
    if (report) reports.push(report);
  }
  const matches = findNearbyDuplicates({ ...query, at: now }, reports, config);
  return {
    reports: matches.map((m) => ({ report: m.report, distanceMeters: Math.round(m.distanceMeters * 10) / 10 })),
    radiusMeters: config.radiusMeters,
    periodDays: config.periodDays,
  };
}

interface CitizenAccessRow {
  citizen_token: string | null;
  citizen_code: string | null;
  feedback_locale: string;
  sla_deadline: string | null;
}

async function citizenAccess(db: Kysely<DB>, reportId: string): Promise<CitizenAccessRow | undefined> {
  return db
    .selectFrom('reports')
    .select(['citizen_token', 'citizen_code', 'feedback_locale', 'sla_deadline'])
    .where('id', '=', reportId)
    .executeTakeFirst();
}

const sameContact = (a: { email: string | null; phone: string | null }, b: { email?: string | null | undefined; phone?: string | null | undefined }) =>
  (!!a.email && !!b.email && a.email.toLowerCase() === b.email.toLowerCase()) || (!!a.phone && !!b.phone && a.phone.replace(/\D/g, '') === b.phone.replace(/\D/g, ''));

/**
 * Links a caller to an existing report as an extra reporter (with their consent): one transaction
 * adds the reporter, bumps the report's version with a `report.updated` event, and queues a receipt
 * to this caller only. From then on every feedback message of the report reaches them too.
 */
export async function linkReporter(ctx: CommandContext, reportId: string, raw: unknown): Promise<Report> {
  const input = parseOrThrow(LinkReporterBody, raw);
  const { report, event, messages } = await ctx.store.writeTransaction(async (trx) => {
    const access = await citizenAccess(trx, reportId);
    const current = access && (await getReport(trx, reportId));
    if (!access || !current) throw new CommandError('not_found', 'Melding niet gevonden');
    if (current.status === 'closed') {
      throw new CommandError('conflict', `Melding ${current.number} is al afgesloten; neem het gesprek aan als nieuwe melding.`);
    }
    if ((await reportersOf(trx, reportId)).some((r) => sameContact(r, input))) {
      throw new CommandError('conflict', 'Deze melder volgt deze melding al.');
    }
    const now = ctx.clock();
    const at = now.toISOString();
    const seq = await nextSeq(trx);
    const reporterId = randomUUID();
    await insertReporter(trx, { id: reporterId, reportId, name: input.name, email: input.email, phone: input.phone, at });
    let messages = 0;
    if (input.email || input.phone) {
      // A caller linked to a scheduled report hears what is planned and when, not the generic receipt.
      const latest = current.status === 'scheduled' ? await latestResolution(trx, reportId) : undefined;
      const planned = latest?.state === 'confirmed' && latest.body.kind === 'schedule' ? latest.body : undefined;
      const trigger = planned ? 'scheduled' : 'receipt';
      const receipt = await composeForReport(trx, ctx.publicUrl, {
        trigger,
        resolution: planned,
        report: current,
        citizenToken: access.citizen_token ?? '',
        citizenCode: access.citizen_code ?? '',
        locale: access.feedback_locale === 'en' ? 'en' : 'nl',
        slaDeadline: access.sla_deadline ? new Date(access.sla_deadline) : undefined,
        now,
      });
      const base = { reportId, reporterId, trigger, at, subject: receipt.subject, bodyText: receipt.text };
      await enqueueMessage(
        trx,
        input.email ? { ...base, channel: 'email', recipient: input.email, bodyHtml: receipt.html } : { ...base, channel: 'sms', recipient: input.phone ?? '' },
      );
      messages = 1;
    }
    await trx.updateTable('reports').set({ version: seq, updated_at: at }).where('id', '=', reportId).execute();
    const report = await getReport(trx, reportId);
    if (!report) throw new Error(`report ${reportId} vanished inside its own transaction`);
    const event: HubEvent = { seq, type: 'report.updated', at, actorId: ctx.actor.id, report };
    await insertEvent(trx, event, reportId);
    return { report, event, messages };
  });
  ctx.publisher.publish(event);
  if (messages > 0) ctx.wakeOutbox();
  ctx.log.info({ reportId, reporters: report.reporterCount, seq: event.seq }, 'caller linked to report');
  return report;
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
export async function mergeDuplicate(ctx: CommandContext, duplicateId: string, raw: unknown): Promise<MergeResponse> {
  const input = parseOrThrow(MergeBody, raw);
  if (input.originalId === duplicateId) throw new CommandError('conflict', 'Een melding kan niet met zichzelf worden samengevoegd.');
  const actor = { kind: ctx.actor.role, id: ctx.actor.id };
  const result = await ctx.store.writeTransaction(async (trx) => {
    const [duplicate, original] = [await getReport(trx, duplicateId), await getReport(trx, input.originalId)];
    if (!duplicate) throw new CommandError('not_found', 'Melding niet gevonden');
    if (!original) throw new CommandError('not_found', 'De oorspronkelijke melding bestaat niet', { originalId: 'Onbekende melding' });
    if (original.status === 'closed') {
      throw new CommandError('conflict', `Melding ${original.number} is al afgesloten; voeg alleen samen met een open melding.`);
    }
    if (!allowedOutcomes(duplicate.status, actor.kind).includes('duplicate')) {
      throw new CommandError('conflict', `Een melding met status "${STATUS_LABELS[duplicate.status]}" kan niet als dubbele melding worden afgesloten.`);
    }
    const closed = await applyTransition(
      ctx,
      trx,
      actor,
      duplicateId,
      { to: 'closed', resolution: duplicateResolution(original.number), ...(input.expectedVersion !== undefined ? { expectedVersion: input.expectedVersion } : {}) },
      `Samengevoegd met ${original.number}`,
    );

    // After the closing message is queued, so the moved reporters get the merge notice first.
    const stay = await reportersOf(trx, input.originalId);
    const moving = (await reportersOf(trx, duplicateId)).filter((r) => !stay.some((o) => sameContact(o, r)));
    if (moving.length > 0) {
      await trx
        .updateTable('reporters')
        .set({ report_id: input.originalId })
        .where(
          'id',
          'in',
          moving.map((r) => r.id),
        )
        .execute();
    }

    const at = ctx.clock().toISOString();
    const events: HubEvent[] = [closed];
    const touch = async (id: string): Promise<Report> => {
      const seq = await nextSeq(trx);
      await trx.updateTable('reports').set({ version: seq, updated_at: at }).where('id', '=', id).execute();
      const report = await getReport(trx, id);
      if (!report) throw new Error(`report ${id} vanished inside its own transaction`);
      const event: HubEvent = { seq, type: 'report.updated', at, actorId: ctx.actor.id, report };
      await insertEvent(trx, event, id);
      events.push(event);
      return report;
    };
    const updatedOriginal = await touch(input.originalId);
    const updatedDuplicate = moving.length > 0 ? await touch(duplicateId) : closed.report;
    return { events, messages: closed.messages, response: { duplicate: updatedDuplicate, original: updatedOriginal, movedReporters: moving.length } };
  });
  for (const event of result.events) ctx.publisher.publish(event);
  if (result.messages > 0) ctx.wakeOutbox();
  ctx.log.info({ duplicateId, originalId: input.originalId, moved: result.response.movedReporters }, 'report merged as duplicate');
  return result.response;
}
