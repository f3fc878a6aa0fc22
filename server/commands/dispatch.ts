import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { decideOfferAnswer, offerExpiry } from '../domain/offers';
import { recommendUnits } from '../domain/recommend';
import { localDateString } from '../domain/sla';
import type { UnitActor } from '../domain/unit-status';
import { canHandle } from '../domain/unit-skills';
import type { User } from '../protocol/auth';
import {
  type Alert,
  AlertAckCommand,
  type Assignment,
  EmergencyCommand,
  FindingCommand,
  type FocusArea,
  OfferAnswerCommand,
  OfferCommand,
  type Recommendation,
  UnassignCommand,
  type Unit,
  UnitStatusCommand,
} from '../protocol/dispatch';
import type { HubEvent } from '../protocol/events';
import type { Report } from '../protocol/report';
import { ackAlert, insertAlert } from '../store/alerts';
import { acceptedLoadByUnit, activeAssignmentsOfUnit, getAssignment, insertAssignment, moveAssignment } from '../store/assignments';
import { insertEvent, nextSeq } from '../store/events';
import type { DB } from '../store/schema';
import { listUnits, } from '../store/units';
import type { HubDeps } from './context';
import { CommandError } from './errors';
import { runIdempotent } from './idempotent';
import { applyTransition } from './lifecycle';
import { assignmentEvent, changeUnit, requireReport, requireUnit } from './unit-events';
import { parseOrThrow } from './validate';

const DESK_ROLES = new Set(['dispatcher', 'shift_lead', 'police_coordinator']);

function unitActor(user: User): UnitActor {
  if (user.role === 'admin') throw new CommandError('forbidden', 'Beheerders sturen geen eenheden aan');
  return user.role;
}

/** A field user acts only for their own unit. */
function ownUnitId(user: User): string {
  if (user.role !== 'field' || !user.unitId) throw new CommandError('forbidden', 'Alleen een veldeenheid kan dit');
  return user.unitId;
}

type AlertHubEvent = Extract<HubEvent, { alert: Alert }>;

async function alertEvent(deps: HubDeps, trx: Kysely<DB>, alert: Alert, type: 'alert.raised' | 'alert.acked', actorId: string | null): Promise<AlertHubEvent> {
  const event: AlertHubEvent = { seq: await nextSeq(trx), type, at: deps.clock().toISOString(), actorId, alert };
  await insertEvent(trx, event, alert.reportId);
  return event;
}

export async function raiseAlert(
  deps: HubDeps,
  trx: Kysely<DB>,
  a: { kind: Alert['kind']; reportId?: string | null; unitId?: string | null; message: string; position?: { lat: number; lng: number } | null },
  actorId: string | null,
): Promise<AlertHubEvent> {
  const alert = await insertAlert(trx, { ...a, at: deps.clock().toISOString() });
  return alertEvent(deps, trx, alert, 'alert.raised', actorId);
}

// ---- recommendation ----

export async function areasTaskedToday(db: Kysely<DB>, today: string): Promise<Map<string, FocusArea['polygon'][]>> {
  const rows = await db
    .selectFrom('tasking')
    .innerJoin('focus_areas', 'focus_areas.id', 'tasking.area_id')
    .select(['tasking.unit_id', 'focus_areas.polygon'])
    .where('tasking.date', '=', today)
    .execute();
  const byUnit = new Map<string, FocusArea['polygon'][]>();
  for (const row of rows) {
    const list = byUnit.get(row.unit_id) ?? [];
    list.push(JSON.parse(row.polygon) as FocusArea['polygon']);
    byUnit.set(row.unit_id, list);
  }
  return byUnit;
}

export async function recommendForReport(deps: HubDeps, reportId: string, livePositions: Map<string, NonNullable<Unit['position']>>): Promise<Recommendation[]> {
  const report = await requireReport(deps.store.db, reportId);
  const [units, load, tasked] = await Promise.all([
    listUnits(deps.store.db),
    acceptedLoadByUnit(deps.store.db),
    areasTaskedToday(deps.store.db, localDateString(deps.clock())),
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

// ---- offers ----

export async function offerUnits(deps: HubDeps, user: User, raw: unknown): Promise<Assignment[]> {
  const cmd = parseOrThrow(OfferCommand, raw);
  return runIdempotent(deps, user, cmd.commandId, 'offer', async (trx) => {
    const report = await requireReport(trx, cmd.reportId);
    if (!['new', 'triaged', 'dispatched', 'in_progress'].includes(report.status)) {
      throw new CommandError('conflict', 'Deze melding kan nu niet worden uitgegeven');
    }
    const events: HubEvent[] = [];
    const assignments: Assignment[] = [];
    const now = deps.clock();
    for (const unitId of new Set(cmd.unitIds)) {
      const unit = await requireUnit(trx, unitId);
      if (!canHandle(unit.kind, report.category)) {
        throw new CommandError('validation', `${unit.callsign} kan deze categorie niet afhandelen`, { unitIds: 'Eenheid past niet bij de categorie' });
      }
      if (unit.status !== 'beschikbaar') throw new CommandError('conflict', `${unit.callsign} is niet beschikbaar`);
      const assignment: Assignment = {
        id: randomUUID(),
        reportId: report.id,
        unitId,
        state: 'offered',
        offeredAt: now.toISOString(),
        expiresAt: offerExpiry(now, cmd.timeoutSeconds).toISOString(),
        respondedAt: null,
        offeredBy: user.id,
      };
      await insertAssignment(trx, assignment);
      events.push(await changeUnit(deps, trx, unitId, { status: 'aangeboden', currentReportId: report.id }, 'system', user.id));
      events.push(await assignmentEvent(deps, trx, assignment, user.id));
      assignments.push(assignment);
    }
    return { result: assignments, events };
  });
}

export async function answerOffer(deps: HubDeps, user: User, raw: unknown, answer: 'accept' | 'decline'): Promise<Assignment> {
  const cmd = parseOrThrow(OfferAnswerCommand, raw);
  const unitId = ownUnitId(user);
  return runIdempotent(deps, user, cmd.commandId, `offer.${answer}`, async (trx) => {
    const assignment = await getAssignment(trx, cmd.assignmentId);
    if (!assignment || assignment.unitId !== unitId) throw new CommandError('not_found', 'Aanbod niet gevonden');
    const unit = await requireUnit(trx, unitId);
    const report = await requireReport(trx, assignment.reportId);
    const now = deps.clock();
    const decision = decideOfferAnswer({ assignment, answer, now, unitStatus: unit.status, reportStatus: report.status });
    if (!decision.ok) throw new CommandError('conflict', decision.message);
    if (!(await moveAssignment(trx, assignment.id, 'offered', decision.assignmentState, now.toISOString()))) {
      throw new CommandError('conflict', 'Het aanbod is intussen verlopen of ingetrokken');
    }
    const events: HubEvent[] = [];
    events.push(await changeUnit(deps, trx, unitId, { status: decision.unitStatus, currentReportId: answer === 'accept' ? report.id : null }, 'system', user.id));
    const updated = { ...assignment, state: decision.assignmentState, respondedAt: now.toISOString() };
    if (answer === 'accept' && decision.reportTransition === 'dispatched') {
      // Acceptance completes the dispatcher's offer: the report moves on the dispatcher's authority,
      // before the assignment event, so that event carries the report as dispatched.
      events.push(await applyTransition(deps, trx, { kind: 'dispatcher', id: assignment.offeredBy }, report.id, { to: 'dispatched' }));
    }
    events.push(await assignmentEvent(deps, trx, updated, user.id));
    if (answer === 'accept') {
      events.push(...(await withdrawOtherOffers(deps, trx, report.id, assignment.id, user.id)));
    } else {
      events.push(await raiseAlert(deps, trx, { kind: 'offer_declined', reportId: report.id, unitId, message: `${unit.callsign} heeft ${report.number} afgewezen` }, user.id));
    }
    return { result: updated, events };
  });
}

async function withdrawOtherOffers(deps: HubDeps, trx: Kysely<DB>, reportId: string, keepId: string, actorId: string): Promise<HubEvent[]> {
  const others = await trx.selectFrom('assignments').select('id').where('report_id', '=', reportId).where('state', '=', 'offered').where('id', '!=', keepId).execute();
  const events: HubEvent[] = [];
  for (const { id } of others) {
    if (!(await moveAssignment(trx, id, 'offered', 'withdrawn', deps.clock().toISOString()))) continue;
    const a = await getAssignment(trx, id);
    if (!a) continue;
    events.push(await changeUnit(deps, trx, a.unitId, { status: 'beschikbaar', currentReportId: null }, 'system', actorId));
    events.push(await assignmentEvent(deps, trx, a, actorId));
  }
  return events;
}

/** Expires offers whose time is up. Safe on several nodes: each expiry is a conditional update only one wins. */
export async function expireOffers(deps: HubDeps): Promise<number> {
  const now = deps.clock().toISOString();
  const due = await deps.store.db.selectFrom('assignments').select('id').where('state', '=', 'offered').where('expires_at', '<=', now).limit(50).execute();
  let expired = 0;
  for (const { id } of due) {
    const events = await deps.store.writeTransaction(async (trx) => {
      if (!(await moveAssignment(trx, id, 'offered', 'expired', now))) return [];
      const a = await getAssignment(trx, id);
      if (!a) return [];
      const unit = await requireUnit(trx, a.unitId);
      const report = await requireReport(trx, a.reportId);
      return [
        await changeUnit(deps, trx, a.unitId, { status: 'beschikbaar', currentReportId: null }, 'system', null),
        await assignmentEvent(deps, trx, a, null),
        await raiseAlert(deps, trx, { kind: 'offer_expired', reportId: a.reportId, unitId: a.unitId, message: `Aanbod aan ${unit.callsign} voor ${report.number} is verlopen` }, null),
      ];
    });
    if (events.length > 0) expired += 1;
    for (const e of events) deps.publisher.publish(e);
  }
  return expired;
}

export async function unassign(deps: HubDeps, user: User, raw: unknown): Promise<Assignment> {
  const cmd = parseOrThrow(UnassignCommand, raw);
  if (!DESK_ROLES.has(user.role)) throw new CommandError('forbidden', 'Uw rol mag dit niet');
  return runIdempotent(deps, user, cmd.commandId, 'unassign', async (trx) => {
    const a = await getAssignment(trx, cmd.assignmentId);
    if (!a) throw new CommandError('not_found', 'Toewijzing niet gevonden');
    const from = a.state === 'offered' || a.state === 'accepted' ? a.state : null;
    if (!from || !(await moveAssignment(trx, a.id, from, 'withdrawn', deps.clock().toISOString()))) {
      throw new CommandError('conflict', 'Deze toewijzing is al afgesloten');
    }
    const events: HubEvent[] = [await changeUnit(deps, trx, a.unitId, { status: 'beschikbaar', currentReportId: null }, 'system', user.id)];
    const withdrawn = { ...a, state: 'withdrawn' as const };
    events.push(await assignmentEvent(deps, trx, withdrawn, user.id));
    const report = await requireReport(trx, a.reportId);
    const stillAssigned = await trx.selectFrom('assignments').select('id').where('report_id', '=', a.reportId).where('state', '=', 'accepted').executeTakeFirst();
    if (!stillAssigned && (report.status === 'dispatched' || report.status === 'in_progress')) {
      events.push(await applyTransition(deps, trx, { kind: user.role as 'dispatcher', id: user.id }, report.id, { to: 'triaged' }, cmd.reason));
    }
    return { result: withdrawn, events };
  });
}

// ---- unit status, findings, emergencies ----

export async function setUnitStatus(deps: HubDeps, user: User, raw: unknown): Promise<Unit> {
  const cmd = parseOrThrow(UnitStatusCommand, raw);
  const unitId = user.role === 'field' ? ownUnitId(user) : cmd.unitId;
  if (!unitId) throw new CommandError('validation', 'Kies een eenheid', { unitId: 'Verplicht' });
  return runIdempotent(deps, user, cmd.commandId, 'unit.status', async (trx) => {
    const before = await requireUnit(trx, unitId);
    const freeing = cmd.status === 'beschikbaar' && ['onderweg', 'ter_plaatse', 'bezet'].includes(before.status);
    const event = await changeUnit(
      deps,
      trx,
      unitId,
      { status: cmd.status, ...(freeing ? { currentReportId: null } : {}), ...(cmd.position ? { position: cmd.position } : {}) },
      unitActor(user),
      user.id,
    );
    const events: HubEvent[] = [event];
    if (before.currentReportId) {
      const report = await requireReport(trx, before.currentReportId);
      if (cmd.status === 'ter_plaatse' && report.status === 'dispatched') {
        events.push(await applyTransition(deps, trx, { kind: 'field', id: user.id }, report.id, { to: 'in_progress' }));
      }
      if (freeing) {
        // Freed on the way there: the work was not done, so the report goes back to the queue (as unassign).
        // Freed on scene or busy: the unit's part is done.
        const outcome = before.status === 'onderweg' ? 'withdrawn' : 'completed';
        const done = await trx.selectFrom('assignments').select('id').where('unit_id', '=', unitId).where('report_id', '=', report.id).where('state', '=', 'accepted').executeTakeFirst();
        if (done && (await moveAssignment(trx, done.id, 'accepted', outcome, deps.clock().toISOString()))) {
          const a = await getAssignment(trx, done.id);
          if (a) events.push(await assignmentEvent(deps, trx, a, user.id));
          const others = await trx.selectFrom('assignments').select('id').where('report_id', '=', report.id).where('state', '=', 'accepted').executeTakeFirst();
          if (outcome === 'withdrawn' && !others && report.status === 'dispatched' && DESK_ROLES.has(user.role)) {
            events.push(await applyTransition(deps, trx, { kind: user.role as 'dispatcher', id: user.id }, report.id, { to: 'triaged' }));
          }
        }
      }
    }
    return { result: event.unit, events };
  });
}

/** "Bevinding melden": the field unit proposes a resolution for a report it was assigned. */
export async function submitFinding(deps: HubDeps, user: User, raw: unknown): Promise<Report> {
  const cmd = parseOrThrow(FindingCommand, raw);
  const unitId = ownUnitId(user);
  return runIdempotent(deps, user, cmd.commandId, 'finding', async (trx) => {
    const assigned = await trx
      .selectFrom('assignments')
      .select('id')
      .where('unit_id', '=', unitId)
      .where('report_id', '=', cmd.reportId)
      .where('state', 'in', ['accepted', 'completed'])
      .executeTakeFirst();
    if (!assigned) throw new CommandError('forbidden', 'Deze melding is niet aan uw eenheid toegewezen');
    const report = await requireReport(trx, cmd.reportId);
    const events: HubEvent[] = [];
    const actor = { kind: 'field' as const, id: user.id };
    if (report.status === 'dispatched') events.push(await applyTransition(deps, trx, actor, report.id, { to: 'in_progress' }));
    const proposed = await applyTransition(deps, trx, actor, report.id, { to: 'awaiting_review', resolution: cmd.resolution });
    events.push(proposed);
    return { result: proposed.report, events };
  });
}

export async function raiseEmergency(deps: HubDeps, user: User, raw: unknown, liveFix?: Unit['position']): Promise<Alert> {
  const cmd = parseOrThrow(EmergencyCommand, raw);
  const unitId = ownUnitId(user);
  return runIdempotent(deps, user, cmd.commandId, 'emergency', async (trx) => {
    const unit = await requireUnit(trx, unitId);
    const position = cmd.position ?? liveFix ?? unit.position;
    const event = await raiseAlert(
      deps,
      trx,
      { kind: 'emergency', unitId, reportId: unit.currentReportId, message: `NOODKNOP ${unit.callsign}`, position: position ? { lat: position.lat, lng: position.lng } : null },
      user.id,
    );
    return { result: event.alert, events: [event] };
  });
}

export async function acknowledgeAlert(deps: HubDeps, user: User, raw: unknown): Promise<Alert> {
  const cmd = parseOrThrow(AlertAckCommand, raw);
  const event = await deps.store.writeTransaction(async (trx) => {
    const alert = await ackAlert(trx, cmd.alertId, user.id, deps.clock().toISOString());
    if (!alert) throw new CommandError('conflict', 'Deze melding is al bevestigd');
    return alertEvent(deps, trx, alert, 'alert.acked', user.id);
  });
  deps.publisher.publish(event);
  return event.alert;
}

/** A new high or urgent report alerts every dispatcher console until one acknowledges it. */
export async function alertOnHighPriority(deps: HubDeps, trx: Kysely<DB>, report: Report, actorId: string | null): Promise<HubEvent | null> {
  if (report.priority !== 'high' && report.priority !== 'urgent') return null;
  return raiseAlert(deps, trx, { kind: 'high_priority', reportId: report.id, message: `Nieuwe melding met prioriteit ${report.priority === 'urgent' ? 'spoed' : 'hoog'}: ${report.number}`, position: { lat: report.lat, lng: report.lng } }, actorId);
}

export async function activeOffersAndAssignments(db: Kysely<DB>, unitId: string): Promise<Assignment[]> {
  return activeAssignmentsOfUnit(db, unitId);
}
