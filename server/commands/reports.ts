import { randomUUID } from 'node:crypto';
import { commandText } from '../domain/command-texts';
import { inputText } from '../domain/input-texts';
import { decideIntake } from '../domain/report-intake';
import { atRiskFrom, slaTermFor } from '../domain/sla';
import type { User } from '../protocol/auth';
import { type Category, type CreateReportCommand, CreateReportInput, type Report } from '../protocol/report';
import { getCategory } from '../store/categories';
import { insertNumberedReport } from '../store/report-create';
import { formatReportNumber, insertReporter } from '../store/reports';
import { newCitizenAccess } from './citizen-access';
import type { CommandContext } from './context';
import { alertOnHighPriority } from './alerts';
import { CommandError } from './errors';
import { composeForReport, enqueueFeedback } from './feedback';
import { runCardOf } from './run-cards';
import { type CommandTx, runCommand, userCommand } from './run-command';

/**
 * Writes a new report inside the command's transaction: the row (its version is the event's seq), the
 * reporter, the receipt to the reporter, the `report.created` event and, for high priority, an alert.
 */
export async function writeReport(tx: CommandTx, input: CreateReportCommand, user: User, known?: Category): Promise<Report> {
  const decision = decideIntake(input);
  const category = known?.code === input.category ? known : await getCategory(tx.trx, input.category);
  if (!category) {
    const text = commandText('command.category.unknown');
    throw new CommandError('validation', text, { category: text });
  }
  // No contact details are kept without the reporter's consent: refused, so the desk asks (README "Consent").
  if (input.reporter && !input.consent?.contact) {
    throw new CommandError('validation', inputText('input.consent_required'), { consent: inputText('input.consent_required') });
  }
  const id = randomUUID();
  const { at } = tx;
  const citizen = newCitizenAccess();
  // No priority chosen: the run card's for this place and hour, else normal.
  const priority =
    input.priority ??
    (await runCardOf(tx.trx, tx.deps, { category: input.category, lat: input.location.lat, lng: input.location.lng, createdAt: at }, tx.now))?.priority ??
    'normal';
  // Urgent and high reports have their own, shorter terms in clock hours (domain/sla.ts).
  const sla = slaTermFor(category, priority, tx.now);
  const slaDeadline = sla.deadline.toISOString();
  const slaAtRiskFrom = atRiskFrom(sla.term, sla.deadline).toISOString();
  const event = await tx.emit(async (seq) => {
    const number = await insertNumberedReport(tx.trx, {
      id,
      category: input.category,
      lat: input.location.lat,
      lng: input.location.lng,
      address: decision.address,
      description: decision.description,
      source: input.source,
      priority,
      status: decision.status,
      outcome: null,
      created_by: user.id,
      created_at: at,
      updated_at: at,
      version: seq,
      citizen_token: citizen.token,
      citizen_code: citizen.code,
      sla_deadline: slaDeadline,
      sla_at_risk_from: slaAtRiskFrom,
      feedback_locale: input.locale,
      contact_consent: input.consent ? Number(input.consent.contact) : null,
      contact_consent_at: input.consent ? at : null,
    });
    // Built from what was just inserted instead of read back: a new report has no follow-up date yet, and its
    // only reporter and messages are the ones written below.
    const report: Report = {
      id,
      number: formatReportNumber(number),
      category: input.category,
      lat: input.location.lat,
      lng: input.location.lng,
      address: decision.address,
      description: decision.description,
      source: input.source,
      priority,
      status: decision.status,
      outcome: null,
      hasReporter: input.reporter !== undefined,
      reporterCount: input.reporter ? 1 : 0,
      followUpDate: null,
      slaDeadline,
      slaAtRiskFrom,
      delivery: 'none',
      createdAt: at,
      updatedAt: at,
      version: seq,
    };
    if (input.reporter) {
      const consent = { at, via: input.source === 'open311' ? ('open311' as const) : ('console' as const) };
      await insertReporter(tx.trx, { id: randomUUID(), reportId: id, ...input.reporter, at, consent });
      const receipt = await composeForReport(tx.trx, tx.deps, {
        trigger: 'receipt',
        report,
        citizenToken: citizen.token,
        citizenCode: citizen.code,
        locale: input.locale,
        slaDeadline: new Date(slaDeadline),
        now: tx.now,
        // The only reporter so far: greeted by their salutation or name without reading them back.
        recipient: input.reporter,
      });
      const queued = await enqueueFeedback(tx.trx, receipt, { reportId: id, trigger: 'receipt', at });
      tx.queued(queued);
      if (queued > 0) report.delivery = 'queued';
    }
    return { type: 'report.created' as const, at, actorId: user.id, report };
  });
  await alertOnHighPriority(tx, event.report, user.id);
  return event.report;
}

export const createReportCommand = userCommand({
  name: 'report.create',
  access: 'report.create',
  input: CreateReportInput,
  log: { message: 'report created', fields: (report: Report) => ({ reportId: report.id, number: report.number }) },
  // The category is read before the write transaction (categories are only ever added or renamed), so the
  // transaction that holds the event-log lock has one round trip less (PostgreSQL).
  prepare: async (deps, input) => ({ input, category: await getCategory(deps.store.db, input.category) }),
  apply: (tx, { input, category }, user) => writeReport(tx, input, user, category),
});

/** For in-process callers (the demo seed, benchmarks): `ctx.clock` dates the report. */
export function createReport(ctx: CommandContext, raw: unknown): Promise<Report> {
  return runCommand(ctx, createReportCommand, ctx.actor, raw);
}
