import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { commandText } from '../domain/command-texts';
import { OFFER_AUTHORITY } from '../domain/lifecycle';
import { DISPATCH_TEXTS } from '../domain/dispatch-texts';
import { textMaker } from '../domain/domain-text';
import { decideOfferAnswer, offerExpiry } from '../domain/offers';
import { isAllowed } from '../domain/permissions';
import { recommendUnits } from '../domain/recommend';
import { planSlots, unitsNeeded } from '../domain/run-cards';
import { localDateString } from '../domain/sla';
import { canHandle } from '../domain/unit-skills';
import type { User } from '../protocol/auth';
import type { Report } from '../protocol/report';
import type { RunCardAdvice } from '../protocol/run-cards';
import { type Assignment, OfferAnswerCommand, OfferCommand, type Recommendation, UnassignCommand, type Unit } from '../protocol/dispatch';
import { acceptedLoadByUnit, assignmentIdsOfReport, assignmentsOfReport, expiredOffers, getAssignment, insertAssignment, moveAssignment } from '../store/assignments';
import { taskedAreasByUnit } from '../store/tasking';
import { listUnits } from '../store/units';
import type { HubDeps } from './context';
import { CommandError } from './errors';
import { alertsOnOffer } from './alert-conditions';
import { applyTransition } from './lifecycle';
import { type CommandTx, runCommand, systemCommand, userCommand } from './run-command';
import { runCardOf } from './run-cards';
import { assignmentEvent, changeUnit, freeUnit, raiseAlert, requireReport, requireUnit } from './unit-events';

/**
 * Dispatch: recommending units for a report, offering it to them, their answers, expiry and unassigning.
 * Slots: a report needs the units its run card asks for (one without a card). Its offers stay open until
 * that many have accepted; then the rest are withdrawn. Once every slot is filled, another offer must say
 * `extra: true` (the console's "Extra eenheid"): two desks cannot send a second unit by accident.
 */

const sayDispatch = textMaker(DISPATCH_TEXTS);

/** A field user acts only for their own unit. */
export function ownUnitId(user: User): string {
  if (!isAllowed('field.connect', user.role) || !user.unitId) throw new CommandError('forbidden', commandText('command.access.field_unit_only'));
  return user.unitId;
}

export async function recommendForReport(deps: HubDeps, reportId: string, livePositions: Map<string, NonNullable<Unit['position']>>): Promise<Recommendation[]> {
  const report = await requireReport(deps.store.db, reportId);
  const [units, load, tasked] = await Promise.all([
    listUnits(deps.store.db),
    acceptedLoadByUnit(deps.store.db),
    taskedAreasByUnit(deps.store.db, localDateString(deps.clock())),
  ]);
  return recommendUnits(
    report,
    units.map((u) => ({
      id: u.id,
      callsign: u.callsign,
      kind: u.kind,
      status: u.status,
      position: livePositions.get(u.id) ?? u.position,
      load: load.get(u.id) ?? 0,
      taskedAreaPolygons: tasked.get(u.id) ?? [],
    })),
    deps.clock(),
    { limit: 10 },
  );
}

export const offerUnits = userCommand({
  name: 'offer',
  access: 'dispatch.offer',
  input: OfferCommand,
  commandId: (cmd) => cmd.commandId,
  async apply(tx, cmd, user): Promise<Assignment[]> {
    const report = await requireReport(tx.trx, cmd.reportId);
    if (!['new', 'triaged', 'dispatched', 'in_progress'].includes(report.status)) {
      throw new CommandError('conflict', commandText('command.report.not_dispatchable'));
    }
    if (!cmd.extra) await refuseUnlessSlotOpen(tx, report);
    return offerReport(tx, report, cmd.unitIds, cmd.timeoutSeconds, user.id);
  },
});

/** An offer to a report whose slots are all filled needs `extra: true`: refused, naming the units it has. */
async function refuseUnlessSlotOpen(tx: CommandTx, report: Report): Promise<void> {
  const accepted = await assignmentIdsOfReport(tx.trx, report.id, ['accepted']);
  if (accepted.length === 0) return;
  const needed = unitsNeeded(await runCardOf(tx.trx, tx.deps, report, tx.now));
  if (accepted.length < needed) return;
  const callsigns: string[] = [];
  for (const id of accepted) {
    const a = await getAssignment(tx.trx, id);
    if (a) callsigns.push((await requireUnit(tx.trx, a.unitId)).callsign);
  }
  throw new CommandError('conflict', sayDispatch('dispatch.refusal.already_has_unit', { number: report.number, units: callsigns.join(', ') }));
}

/** Offers the report to these units (each must be available and may handle its category); `offeredBy` null: the hub. */
export async function offerReport(tx: CommandTx, report: Report, unitIds: readonly string[], timeoutSeconds: number | undefined, offeredBy: string | null): Promise<Assignment[]> {
  const assignments: Assignment[] = [];
  for (const unitId of new Set(unitIds)) {
    const unit = await requireUnit(tx.trx, unitId);
    if (!canHandle(unit.kind, report.category)) {
      throw new CommandError('validation', commandText('command.offer.unit_cannot_handle', { unit: unit.callsign }), {
        unitIds: commandText('command.offer.unit_wrong_category'),
      });
    }
    if (unit.status !== 'beschikbaar') throw new CommandError('conflict', commandText('command.offer.unit_not_available', { unit: unit.callsign }));
    const assignment: Assignment = {
      id: randomUUID(),
      reportId: report.id,
      unitId,
      state: 'offered',
      offeredAt: tx.at,
      expiresAt: offerExpiry(tx.now, timeoutSeconds).toISOString(),
      respondedAt: null,
      offeredBy,
    };
    await insertAssignment(tx.trx, assignment);
    await changeUnit(tx, unitId, { status: 'aangeboden', currentReportId: report.id }, 'system', offeredBy);
    await assignmentEvent(tx, assignment, offeredBy);
    assignments.push(assignment);
  }
  await alertsOnOffer(tx, report.id);
  return assignments;
}

/** The report's card, how far its slots are filled, and the units to offer for the open ones. */
export async function runCardAdvice(deps: HubDeps, reportId: string, livePositions: Map<string, NonNullable<Unit['position']>>): Promise<RunCardAdvice> {
  const report = await requireReport(deps.store.db, reportId);
  const [card, recommendations, assignments] = await Promise.all([
    runCardOf(deps.store.db, deps, report, deps.clock()),
    recommendForReport(deps, reportId, livePositions),
    assignmentsOfReport(deps.store.db, reportId),
  ]);
  const open = assignments.filter((a) => a.state === 'offered' || a.state === 'accepted');
  const accepted = open.filter((a) => a.state === 'accepted').length;
  const offered = open.length - accepted;
  const plan = planSlots(card, recommendations, { accepted, offered, busyUnitIds: open.map((a) => a.unitId) });
  return { card, needed: plan.needed, accepted, offered, suggested: plan.suggested.map((r) => r.unitId), text: plan.text };
}

function answerCommand(answer: 'accept' | 'decline') {
  return userCommand({
    name: `offer.${answer}`,
    access: 'field.connect',
    input: OfferAnswerCommand,
    commandId: (cmd) => cmd.commandId,
    async apply(tx, cmd, user): Promise<Assignment> {
      const unitId = ownUnitId(user);
      const assignment = await getAssignment(tx.trx, cmd.assignmentId);
      if (!assignment || assignment.unitId !== unitId) throw new CommandError('not_found', commandText('command.offer.not_found'));
      const unit = await requireUnit(tx.trx, unitId);
      const report = await requireReport(tx.trx, assignment.reportId);
      const decision = decideOfferAnswer({ assignment, answer, now: tx.now, unitStatus: unit.status, reportStatus: report.status });
      if (!decision.ok) throw new CommandError('conflict', decision.text);
      if (!(await moveAssignment(tx.trx, assignment.id, 'offered', decision.assignmentState, tx.at))) {
        throw new CommandError('conflict', commandText('command.offer.gone'));
      }
      await changeUnit(tx, unitId, { status: decision.unitStatus, currentReportId: answer === 'accept' ? report.id : null }, 'system', user.id);
      const updated = { ...assignment, state: decision.assignmentState, respondedAt: tx.at };
      if (answer === 'accept' && decision.reportTransition === 'dispatched') {
        // Acceptance completes the offer: the hub moves the report (no desk role may), recorded with the
        // dispatcher who offered it, before the assignment event, so that event carries the report as dispatched.
        await applyTransition(tx, { kind: OFFER_AUTHORITY, id: assignment.offeredBy }, report.id, { to: 'dispatched' });
      }
      await assignmentEvent(tx, updated, user.id);
      if (answer === 'accept') {
        // Each acceptance fills a slot; the other offers stay open until every slot is filled.
        const accepted = (await assignmentIdsOfReport(tx.trx, report.id, ['accepted'])).length;
        if (accepted >= unitsNeeded(await runCardOf(tx.trx, tx.deps, report, tx.now))) await withdrawOtherOffers(tx, report.id, assignment.id, user.id);
      } else {
        const subject = { kind: 'offer_declined', unit: unit.callsign, number: report.number } as const;
        await raiseAlert(tx, { subject, reportId: report.id, unitId }, user.id);
      }
      return updated;
    },
  });
}

export const acceptOffer = answerCommand('accept');
export const declineOffer = answerCommand('decline');

async function withdrawOtherOffers(tx: CommandTx, reportId: string, keepId: string, actorId: string): Promise<void> {
  for (const id of await assignmentIdsOfReport(tx.trx, reportId, ['offered'])) {
    if (id === keepId || !(await moveAssignment(tx.trx, id, 'offered', 'withdrawn', tx.at))) continue;
    const a = await getAssignment(tx.trx, id);
    if (!a) continue;
    await freeUnit(tx, a.unitId, actorId);
    await assignmentEvent(tx, a, actorId);
  }
}

/** One offer whose time is up. Safe on several nodes: the expiry is a conditional update exactly one node wins. */
const expireOffer = systemCommand({
  name: 'offer.expire',
  input: z.object({ assignmentId: z.string() }),
  async apply(tx, { assignmentId }): Promise<boolean> {
    if (!(await moveAssignment(tx.trx, assignmentId, 'offered', 'expired', tx.at))) return false;
    const a = await getAssignment(tx.trx, assignmentId);
    if (!a) return false;
    const unit = await requireUnit(tx.trx, a.unitId);
    const report = await requireReport(tx.trx, a.reportId);
    await freeUnit(tx, a.unitId, null);
    await assignmentEvent(tx, a, null);
    await raiseAlert(tx, { subject: { kind: 'offer_expired', unit: unit.callsign, number: report.number }, reportId: a.reportId, unitId: a.unitId }, null);
    return true;
  },
});

/** Expires the offers whose time is up (at most 50 per call); returns how many this node expired. */
export async function expireOffers(deps: HubDeps): Promise<number> {
  let expired = 0;
  for (const offer of await expiredOffers(deps.store.db, deps.clock().toISOString(), 50)) {
    if (await runCommand(deps, expireOffer, 'system', { assignmentId: offer.id })) expired += 1;
  }
  return expired;
}

export const unassign = userCommand({
  name: 'unassign',
  access: 'dispatch.offer',
  input: UnassignCommand,
  commandId: (cmd) => cmd.commandId,
  async apply(tx, cmd, user): Promise<Assignment> {
    const a = await getAssignment(tx.trx, cmd.assignmentId);
    if (!a) throw new CommandError('not_found', commandText('command.assignment.not_found'));
    const from = a.state === 'offered' || a.state === 'accepted' ? a.state : null;
    if (!from || !(await moveAssignment(tx.trx, a.id, from, 'withdrawn', tx.at))) {
      throw new CommandError('conflict', commandText('command.assignment.already_closed'));
    }
    await freeUnit(tx, a.unitId, user.id);
    const withdrawn = { ...a, state: 'withdrawn' as const };
    await assignmentEvent(tx, withdrawn, user.id);
    const report = await requireReport(tx.trx, a.reportId);
    const stillAssigned = (await assignmentIdsOfReport(tx.trx, a.reportId, ['accepted'])).length > 0;
    if (!stillAssigned && (report.status === 'dispatched' || report.status === 'in_progress')) {
      await applyTransition(tx, { kind: user.role, id: user.id }, report.id, { to: 'triaged' }, cmd.reason);
    }
    return withdrawn;
  },
});
