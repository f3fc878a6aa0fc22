import type { Kysely } from 'kysely';
import { checkUnitTransition, type UnitActor } from '../domain/unit-status';
import type { Assignment, Unit, UnitStatus } from '../protocol/dispatch';
import type { HubEvent } from '../protocol/events';
import type { Report } from '../protocol/report';
import { getAssignment, moveAssignment } from '../store/assignments';
import { insertEvent, nextSeq } from '../store/events';
import { getReport } from '../store/reports';
import type { DB } from '../store/schema';
import { getUnit, updateUnit } from '../store/units';
import type { HubDeps } from './context';
import { CommandError } from './errors';

export async function requireUnit(db: Kysely<DB>, id: string): Promise<Unit> {
  const unit = await getUnit(db, id);
  if (!unit) throw new CommandError('not_found', 'Eenheid niet gevonden');
  return unit;
}

export async function requireReport(db: Kysely<DB>, id: string): Promise<Report> {
  const report = await getReport(db, id);
  if (!report) throw new CommandError('not_found', 'Melding niet gevonden');
  return report;
}

export async function changeUnit(
  deps: HubDeps,
  trx: Kysely<DB>,
  unitId: string,
  change: { status?: UnitStatus; currentReportId?: string | null; position?: Unit['position'] },
  actor: UnitActor,
  actorId: string | null,
): Promise<Extract<HubEvent, { type: 'unit.updated' }>> {
  const before = await requireUnit(trx, unitId);
  if (change.status && change.status !== before.status) {
    const check = checkUnitTransition({ from: before.status, to: change.status, actor });
    if (!check.ok) throw new CommandError(check.code === 'actor_not_allowed' ? 'forbidden' : 'conflict', check.message);
  }
  const at = deps.clock().toISOString();
  const seq = await nextSeq(trx);
  const status = change.status && change.status !== before.status ? change.status : undefined;
  await updateUnit(trx, unitId, {
    ...(status ? { status } : {}),
    ...(change.currentReportId !== undefined ? { currentReportId: change.currentReportId } : {}),
    ...(change.position ? { position: change.position } : {}),
    at,
    version: seq,
  });
  const unit = await requireUnit(trx, unitId);
  const event: Extract<HubEvent, { type: 'unit.updated' }> = { seq, type: 'unit.updated', at, actorId, unit };
  await insertEvent(trx, event, null);
  return event;
}

export async function assignmentEvent(deps: HubDeps, trx: Kysely<DB>, assignment: Assignment, actorId: string | null): Promise<HubEvent> {
  const seq = await nextSeq(trx);
  const at = deps.clock().toISOString();
  const event: HubEvent = {
    seq,
    type: 'assignment.updated',
    at,
    actorId,
    assignment,
    unit: await requireUnit(trx, assignment.unitId),
    report: await requireReport(trx, assignment.reportId),
  };
  await insertEvent(trx, event, assignment.reportId);
  return event;
}


/**
 * When a report leaves the units' hands (closed, scheduled, handed back to the queue), its accepted
 * assignments complete and their units are free again, in the same transaction.
 */
export async function releaseUnitsOfReport(deps: HubDeps, trx: Kysely<DB>, reportId: string, actorId: string | null): Promise<HubEvent[]> {
  const rows = await trx.selectFrom('assignments').select('id').where('report_id', '=', reportId).where('state', 'in', ['accepted', 'offered']).execute();
  const events: HubEvent[] = [];
  for (const { id } of rows) {
    const before = await getAssignment(trx, id);
    if (!before) continue;
    const to = before.state === 'offered' ? 'withdrawn' : 'completed';
    if (!(await moveAssignment(trx, id, before.state, to, deps.clock().toISOString()))) continue;
    const unit = await requireUnit(trx, before.unitId);
    if (unit.currentReportId === reportId && unit.status !== 'beschikbaar') {
      events.push(await changeUnit(deps, trx, unit.id, { status: 'beschikbaar', currentReportId: null }, 'system', actorId));
    }
    events.push(await assignmentEvent(deps, trx, { ...before, state: to, respondedAt: deps.clock().toISOString() }, actorId));
  }
  return events;
}
