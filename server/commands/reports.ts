import { randomUUID } from 'node:crypto';
import { decideIntake } from '../domain/report-intake';
import type { HubEvent } from '../protocol/events';
import type { Report } from '../protocol/report';
import { CreateReportInput } from '../protocol/report';
import { getCategory } from '../store/categories';
import { insertEvent, nextSeq } from '../store/events';
import { getReport, insertReport, insertReporter, nextReportNumber } from '../store/reports';
import type { CommandContext } from './context';
import { CommandError } from './errors';
import { parseOrThrow } from './validate';

export async function createReport(ctx: CommandContext, rawInput: unknown): Promise<Report> {
  const input = parseOrThrow(CreateReportInput, rawInput);
  const decision = decideIntake(input);
  const { report, event } = await ctx.store.writeTransaction(async (trx) => {
    if (!(await getCategory(trx, input.category))) {
      throw new CommandError('validation', 'Onbekende categorie', { category: 'Onbekende categorie' });
    }
    const id = randomUUID();
    const at = ctx.clock().toISOString();
    const seq = await nextSeq(trx);
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
    });
    if (input.reporter) await insertReporter(trx, { id: randomUUID(), reportId: id, ...input.reporter, at });
    const report = await getReport(trx, id);
    if (!report) throw new Error(`report ${id} vanished inside its own transaction`);
    const event: HubEvent = { seq, type: 'report.created', at, actorId: ctx.actor.id, report };
    await insertEvent(trx, event, id);
    return { report, event };
  });
  ctx.publisher.publish(event);
  ctx.log.info({ reportId: report.id, number: report.number, seq: event.seq }, 'report created');
  return report;
}
