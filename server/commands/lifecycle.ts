import { type Actor, checkTransition, findTransition } from '../domain/lifecycle';
import { validateResolution } from '../domain/resolution';
import { localDateString } from '../domain/sla';
import type { HubEvent } from '../protocol/events';
import { type FeedbackPreview, TransitionRequestBody } from '../protocol/lifecycle-api';
import type { Report, ReportStatus } from '../protocol/report';
import type { FeedbackTrigger, Resolution } from '../protocol/resolution';
import { insertEvent, nextSeq } from '../store/events';
import { getReport } from '../store/reports';
import { reportersOf } from '../store/reporters';
import { insertResolution } from '../store/resolutions';
import type { DB } from '../store/schema';
import type { Kysely } from 'kysely';
import type { HubDeps } from './context';
import { composeForReport, enqueueFeedback } from './feedback';
import { CommandError } from './errors';
import { releaseUnitsOfReport } from './unit-events';
import { parseOrThrow } from './validate';

export interface TransitionActor {
  kind: Actor;
  id: string | null;
}

/** Which citizen message a transition sends, if any. */
export function feedbackTrigger(from: ReportStatus, to: ReportStatus): FeedbackTrigger | null {
  if (from === 'reopen_requested' && to === 'triaged') return 'reopen_accepted';
  if (from === 'reopen_requested' && to === 'closed') return 'reopen_rejected';
  if (to === 'scheduled') return 'scheduled';
  if (to === 'closed') return 'closed';
  return null;
}

interface Prepared {
  report: Report;
  citizenToken: string;
  citizenCode: string;
  locale: 'nl' | 'en';
  resolution: Resolution | undefined;
  trigger: FeedbackTrigger | null;
  composed: { subject: string; text: string; html: string } | null;
}

const CHECK_ERROR_FIELD: Record<string, string> = {
  resolution_required: 'resolution',
  closing_resolution_required: 'resolution.kind',
  outcome_not_allowed: 'resolution.outcome',
  schedule_required: 'resolution.followUp.date',
  reply_required: 'reply',
};

/** Validates a transition and composes its citizen message, without writing. Shared by preview and apply. */
async function prepare(deps: HubDeps, db: Kysely<DB>, actor: TransitionActor, reportId: string, body: TransitionRequestBody): Promise<Prepared> {
  const row = await db
    .selectFrom('reports')
    .select(['citizen_token', 'citizen_code', 'feedback_locale', 'sla_deadline'])
    .where('id', '=', reportId)
    .executeTakeFirst();
  const report = row && (await getReport(db, reportId));
  if (!row || !report) throw new CommandError('not_found', 'Melding niet gevonden');
  if (body.expectedVersion !== undefined && body.expectedVersion !== report.version) {
    throw new CommandError('conflict', 'De melding is intussen gewijzigd; bekijk de nieuwe stand en probeer het opnieuw.');
  }
  const transition = findTransition(report.status, body.to);
  let resolution: Resolution | undefined;
  if (transition?.requires && transition.requires !== 'reply') {
    const validation = validateResolution(body.resolution, { category: report.category, today: localDateString(deps.clock()) });
    if (!validation.ok) {
      const prefixed = Object.fromEntries(Object.entries(validation.fields).map(([k, v]) => [`resolution.${k}`, v]));
      throw new CommandError('validation', 'De afhandeling is niet volledig', prefixed);
    }
    resolution = validation.value;
  }
  const check = checkTransition({
    from: report.status,
    to: body.to,
    role: actor.kind,
    ...(resolution ? { resolution } : {}),
    ...(body.reply !== undefined ? { reply: body.reply } : {}),
  });
  if (!check.ok) {
    if (check.code === 'transition_not_allowed') throw new CommandError('conflict', check.message);
    if (check.code === 'actor_not_allowed') throw new CommandError('forbidden', check.message);
    throw new CommandError('validation', check.message, { [CHECK_ERROR_FIELD[check.code] ?? 'resolution']: check.message });
  }
  const trigger = feedbackTrigger(report.status, body.to);
  const base = {
    report,
    citizenToken: row.citizen_token ?? '',
    citizenCode: row.citizen_code ?? '',
    locale: row.feedback_locale === 'en' ? ('en' as const) : ('nl' as const),
    resolution,
    trigger,
  };
  if (!trigger) return { ...base, composed: null };
  const composed = await composeForReport(db, deps.publicUrl, {
    trigger,
    report,
    citizenToken: base.citizenToken,
    citizenCode: base.citizenCode,
    locale: base.locale,
    resolution,
    reply: body.reply,
    edited: body.message,
    slaDeadline: row.sla_deadline ? new Date(row.sla_deadline) : undefined,
  });
  return { ...base, composed };
}

export async function previewTransition(deps: HubDeps, actor: TransitionActor, reportId: string, raw: unknown): Promise<FeedbackPreview | null> {
  const body = parseOrThrow(TransitionRequestBody, raw);
  const prepared = await prepare(deps, deps.store.db, actor, reportId, body);
  if (!prepared.trigger || !prepared.composed) return null;
  const recipients = (await reportersOf(deps.store.db, reportId)).filter((r) => r.email || r.phone).length;
  return { trigger: prepared.trigger, subject: prepared.composed.subject, text: prepared.composed.text, recipients };
}

function nextOutcome(report: Report, to: ReportStatus, resolution: Resolution | undefined): Report['outcome'] {
  if (to === 'closed') return resolution?.kind === 'close' ? resolution.outcome : report.outcome;
  if (to === 'reopen_requested') return report.outcome;
  return null;
}

/** Applies a status change inside the caller's transaction (which holds the event-log lock); returns the event to publish after commit. */
export async function applyTransition(
  deps: HubDeps,
  trx: Kysely<DB>,
  actor: TransitionActor,
  reportId: string,
  body: TransitionRequestBody,
  note?: string,
): Promise<Extract<HubEvent, { type: 'report.transitioned' }>> {
  const prepared = await prepare(deps, trx, actor, reportId, body);
  const at = deps.clock().toISOString();
  const seq = await nextSeq(trx);
  const { resolution } = prepared;
  const from = prepared.report.status;
  const messages =
    prepared.composed && prepared.trigger ? await enqueueFeedback(trx, prepared.composed, { reportId, trigger: prepared.trigger, at }) : 0;
  await trx
    .updateTable('reports')
    .set({
      status: body.to,
      outcome: nextOutcome(prepared.report, body.to, resolution),
      follow_up_date: resolution?.kind === 'schedule' ? resolution.followUp.date : null,
      updated_at: at,
      version: seq,
    })
    .where('id', '=', reportId)
    .execute();
  const state = body.to === 'awaiting_review' ? 'proposed' : 'confirmed';
  if (resolution) await insertResolution(trx, { reportId, seq, state, body: resolution, by: actor.id, at });
  const report = await getReport(trx, reportId);
  if (!report) throw new Error(`report ${reportId} vanished inside its own transaction`);
  const event: Extract<HubEvent, { type: 'report.transitioned' }> = {
    seq,
    type: 'report.transitioned',
    at,
    actorId: actor.id,
    report,
    from,
    to: body.to,
    outcome: report.outcome,
    resolution: resolution ?? null,
    resolutionState: resolution ? state : null,
    note: body.reply ?? note ?? null,
    messages,
  };
  await insertEvent(trx, event, reportId);
  return event;
}

/** Applies a status change: state, resolution, event and citizen messages in one transaction, then publishes. */
export async function transitionReport(deps: HubDeps, actor: TransitionActor, reportId: string, raw: unknown, note?: string): Promise<Report> {
  const body = parseOrThrow(TransitionRequestBody, raw);
  const { event, related } = await deps.store.writeTransaction(async (trx) => {
    const event = await applyTransition(deps, trx, actor, reportId, body, note);
    const related = RELEASES_UNITS.has(body.to) ? await releaseUnitsOfReport(deps, trx, reportId, actor.id) : [];
    return { event, related };
  });
  deps.publisher.publish(event);
  for (const e of related) deps.publisher.publish(e);
  if (event.messages > 0) deps.wakeOutbox();
  deps.log.info({ reportId, from: event.from, to: event.to, seq: event.seq }, 'report transitioned');
  return event.report;
}

/** Statuses in which a report is no longer the field's: its units are freed in the same transaction. */
const RELEASES_UNITS = new Set<ReportStatus>(['closed', 'scheduled', 'triaged']);
