import type { Kysely } from 'kysely';
import { commandText } from '../domain/command-texts';
import { type Actor, checkTransition, findTransition } from '../domain/lifecycle';
import { validateResolution } from '../domain/resolution';
import { localDateString } from '../domain/sla';
import type { User } from '../protocol/auth';
import type { HubEvent } from '../protocol/events';
import { type FeedbackPreview, TransitionCommand, type TransitionRequestBody } from '../protocol/lifecycle-api';
import type { Report, ReportStatus } from '../protocol/report';
import type { FeedbackTrigger, Resolution } from '../protocol/resolution';
import { approvedFixPhotoSize } from '../store/photos';
import { reportersOf } from '../store/reporters';
import { citizenAccessOf, getReport, updateReportStatus } from '../store/reports';
import { insertResolution } from '../store/resolutions';
import type { DB } from '../store/schema';
import { alertsOnTransition } from './alert-conditions';
import type { HubDeps } from './context';
import { CommandError } from './errors';
import { composeForReport, enqueueFeedback } from './feedback';
import { assertReadable, readabilityView } from './readability-gate';
import { endQuestionOnClosing } from './reporter-question';
import { admit, type CommandTx, userCommand } from './run-command';
import { partRulesForTransition, partsProgressFor } from './sub-reports';
import { releaseUnitsOfReport } from './unit-events';

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
async function prepare(
  deps: HubDeps,
  db: Kysely<DB>,
  now: Date,
  actor: TransitionActor,
  reportId: string,
  body: TransitionRequestBody,
): Promise<Prepared> {
  const access = await citizenAccessOf(db, reportId);
  const report = access && (await getReport(db, reportId));
  if (!access || !report) throw new CommandError('not_found', commandText('command.report.not_found'));
  if (body.expectedVersion !== undefined && body.expectedVersion !== report.version) {
    throw new CommandError('conflict', commandText('command.report.changed'));
  }
  const transition = findTransition(report.status, body.to);
  let resolution: Resolution | undefined;
  if (transition?.requires && transition.requires !== 'reply') {
    const validation = validateResolution(body.resolution, { category: report.category, today: localDateString(now) });
    if (!validation.ok) {
      const prefixed = Object.fromEntries(Object.entries(validation.fieldTexts).map(([k, v]) => [`resolution.${k}`, v]));
      throw new CommandError('validation', commandText('command.resolution.incomplete'), prefixed);
    }
    resolution = validation.value;
  }
  // A split report may close as 'resolved' from the desk once its parts carry the units' account (lifecycle guard).
  const partsProgress = body.to === 'closed' ? await partsProgressFor(db, report) : undefined;
  const check = checkTransition({
    from: report.status,
    to: body.to,
    role: actor.kind,
    ...(resolution ? { resolution } : {}),
    ...(partsProgress ? { parts: partsProgress } : {}),
    ...(body.reply !== undefined ? { reply: body.reply } : {}),
  });
  if (!check.ok) {
    if (check.code === 'transition_not_allowed') throw new CommandError('conflict', check.text);
    if (check.code === 'actor_not_allowed') throw new CommandError('forbidden', check.text);
    throw new CommandError('validation', check.text, { [CHECK_ERROR_FIELD[check.code] ?? 'resolution']: check.text });
  }
  // Sub-reports: a part never talks to the citizen; a main report with open parts does not close, and its closing
  // message sums up the closed parts (commands/sub-reports.ts).
  const parts = await partRulesForTransition(db, report, body.to, access.locale);
  const trigger = parts.isPart ? null : feedbackTrigger(report.status, body.to);
  const base = { report, citizenToken: access.token ?? '', citizenCode: access.code ?? '', locale: access.locale, resolution, trigger };
  if (!trigger) return { ...base, composed: null };
  const composed = await composeForReport(db, deps, {
    trigger,
    report,
    citizenToken: base.citizenToken,
    citizenCode: base.citizenCode,
    locale: base.locale,
    resolution,
    reply: body.reply,
    edited: body.message,
    slaDeadline: access.slaDeadline ? new Date(access.slaDeadline) : undefined,
    now,
    partsSummary: trigger === 'closed' ? parts.summary : undefined,
    // The photo of the fix goes with the closing message only.
    fixPhoto: trigger === 'closed' ? await withFixPhoto(db, reportId, body.includePhoto) : false,
  });
  return { ...base, composed };
}

/**
 * "Foto meesturen": the message links the approved photo of the fix when the desk ticked it at approval
 * (commands/photos.ts), or when the transition asks with `includePhoto: true` (refused without an approved photo,
 * nothing written); `includePhoto: false` leaves it out.
 */
async function withFixPhoto(db: Kysely<DB>, reportId: string, include: boolean | undefined): Promise<boolean> {
  if (include === false) return false;
  const approved = await approvedFixPhotoSize(db, reportId);
  if (include === undefined) return approved?.send === true;
  if (approved) return true;
  const text = commandText('command.photo.none_approved');
  throw new CommandError('validation', text, { includePhoto: text });
}

export async function previewTransition(deps: HubDeps, user: User, raw: unknown): Promise<FeedbackPreview | null> {
  const { reportId, ...body } = admit(transitionReport, user, raw);
  const prepared = await prepare(deps, deps.store.db, deps.clock(), { kind: user.role, id: user.id }, reportId, body);
  if (!prepared.trigger || !prepared.composed) return null;
  const recipients = (await reportersOf(deps.store.db, reportId)).filter((r) => r.email || r.phone).length;
  const readability = readabilityView(readabilitySubject(prepared, prepared.composed.text), deps.readabilityFloor);
  return { trigger: prepared.trigger, subject: prepared.composed.subject, text: prepared.composed.text, recipients, readability };
}

/** The message's text for the plain-language check, with the report's short code and number as codes, not words. */
function readabilitySubject(prepared: Prepared, text: string) {
  return { text, locale: prepared.locale, skip: [prepared.citizenCode, prepared.report.number] };
}

function nextOutcome(report: Report, to: ReportStatus, resolution: Resolution | undefined): Report['outcome'] {
  if (to === 'closed') return resolution?.kind === 'close' ? resolution.outcome : report.outcome;
  if (to === 'reopen_requested') return report.outcome;
  return null;
}

/** Applies a status change inside the command's transaction: state, resolution, citizen messages and the event. */
export async function applyTransition(
  tx: CommandTx,
  actor: TransitionActor,
  reportId: string,
  body: TransitionRequestBody,
  note?: string,
  options: { readabilityGate?: boolean } = {},
): Promise<Extract<HubEvent, { type: 'report.transitioned' }>> {
  const prepared = await prepare(tx.deps, tx.trx, tx.now, actor, reportId, body);
  const { resolution, trigger, composed } = prepared;
  const from = prepared.report.status;
  const at = tx.at;
  const messages = composed && trigger ? await enqueueFeedback(tx.trx, composed, { reportId, trigger, at }) : 0;
  // The dispatcher's own message below the readability floor goes out only when confirmed (commands/readability-gate.ts);
  // refused, the transaction rolls back with everything it queued.
  if (options.readabilityGate && trigger && composed && messages > 0) {
    assertReadable(trigger, readabilitySubject(prepared, composed.text), tx.deps.readabilityFloor, body.confirmLowReadability);
  }
  tx.queued(messages);
  // Closing ends an open question to the reporter in this transaction (the flag drops with the closing).
  if (body.to === 'closed') await endQuestionOnClosing(tx, reportId);
  const event = await tx.emit(async (seq) => {
    const outcome = nextOutcome(prepared.report, body.to, resolution);
    const followUpDate = resolution?.kind === 'schedule' ? resolution.followUp.date : null;
    await updateReportStatus(tx.trx, reportId, { status: body.to, outcome, followUpDate, at, version: seq });
    const state = body.to === 'awaiting_review' ? 'proposed' : 'confirmed';
    if (resolution) await insertResolution(tx.trx, { reportId, seq, state, body: resolution, by: actor.id, at });
    const report = await getReport(tx.trx, reportId);
    if (!report) throw new Error(`report ${reportId} vanished inside its own transaction`);
    return {
      type: 'report.transitioned' as const,
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
      messageEdited: messages > 0 && Boolean(body.message?.text || body.message?.subject),
    };
  });
  await alertsOnTransition(tx, event.report, from, actor);
  return event;
}

/** A status change by a console user: state, resolution, event and citizen messages in one transaction; the report's units are freed with it. */
export const transitionReport = userCommand({
  name: 'report.transition',
  access: 'report.transition',
  input: TransitionCommand,
  async apply(tx, { reportId, ...body }, user): Promise<Report> {
    const event = await applyTransition(tx, { kind: user.role, id: user.id }, reportId, body, undefined, { readabilityGate: true });
    if (RELEASES_UNITS.has(body.to)) await releaseUnitsOfReport(tx, reportId, user.id);
    return event.report;
  },
});

/** Statuses in which a report is no longer the field's: its units are freed in the same transaction. */
const RELEASES_UNITS = new Set<ReportStatus>(['closed', 'scheduled', 'triaged']);
