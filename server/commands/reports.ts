import { randomUUID } from 'node:crypto';
import { decideIntake } from '../domain/report-intake';
import { addWorkingDays } from '../domain/sla';
import type { HubEvent } from '../protocol/events';
import type { Report } from '../protocol/report';
import { CreateReportInput } from '../protocol/report';
import { getCategory } from '../store/categories';
import { insertEvent, nextSeq } from '../store/events';
import { getReport, insertReport, insertReporter, nextReportNumber } from '../store/reports';
import type { CommandContext } from './context';
import { newCitizenAccess } from './citizen-access';
import { alertOnHighPriority } from './dispatch';
import { CommandError } from './errors';
import { composeForReport, enqueueFeedback } from './feedback';
import { parseOrThrow } from './validate';

export async function createReport(ctx: CommandContext, rawInput: unknown): Promise<Report> {
  const input = parseOrThrow(CreateReportInput, rawInput);
  const decision = decideIntake(input);
  const { report, event, alert } = await ctx.store.writeTransaction(async (trx) => {
    const category = await getCategory(trx, input.category);
    if (!category) throw new CommandError('validation', 'Onbekende categorie', { category: 'Onbekende categorie' });
    const id = randomUUID();
    const now = ctx.clock();
    const at = now.toISOString();
    const seq = await nextSeq(trx);
    const citizen = newCitizenAccess();
    await insertReport(trx, {
      id,
      number: await nextReportNumber(trx),
      category: input.category,
      lat: input.location.lat,
      lng: input.location.lng,
      address: decision.address,
      description: decision.description,
      source: input.source,
      priority: input.priority,
      status: decision.status,
      outcome: null,
      created_by: ctx.actor.id,
      created_at: at,
      updated_at: at,
      version: seq,
      citizen_token: citizen.token,
      citizen_code: citizen.code,
      sla_deadline: addWorkingDays(now, category.slaWorkingDays).toISOString(),
      feedback_locale: input.locale,
    });
    if (input.reporter) await insertReporter(trx, { id: randomUUID(), reportId: id, ...input.reporter, at });
    let report = await getReport(trx, id);
    if (!report) throw new Error(`report ${id} vanished inside its own transaction`);
    if (report.hasReporter) {
      const receipt = await composeForReport(trx, ctx.publicUrl, {
        trigger: 'receipt',
        report,
        citizenToken: citizen.token,
        citizenCode: citizen.code,
        locale: input.locale,
        slaDeadline: report.slaDeadline ? new Date(report.slaDeadline) : undefined,
      });
      await enqueueFeedback(trx, receipt, { reportId: id, trigger: 'receipt', at });
      report = (await getReport(trx, id)) ?? report;
    }
    const event: HubEvent = { seq, type: 'report.created', at, actorId: ctx.actor.id, report };
    await insertEvent(trx, event, id);
    const alert = await alertOnHighPriority(ctx, trx, report, ctx.actor.id);
    return { report, event, alert };
  });
  ctx.publisher.publish(event);
  if (alert) ctx.publisher.publish(alert);
  if (report.delivery === 'queued') ctx.wakeOutbox();
  ctx.log.info({ reportId: report.id, number: report.number, seq: event.seq }, 'report created');
  return report;
}
