import type { Kysely } from 'kysely';
import { type AlertSubject, alertText } from '../domain/alert-text';
import { commandText } from '../domain/command-texts';
import { checkUnitTransition, type UnitActor } from '../domain/unit-status';
import type { Alert, Assignment, Unit, UnitStatus } from '../protocol/dispatch';
import type { HubEvent } from '../protocol/events';
import type { Report } from '../protocol/report';
import { insertAlert } from '../store/alerts';
import { assignmentIdsOfReport, getAssignment, moveAssignment } from '../store/assignments';
import { getReport } from '../store/reports';
import type { DB } from '../store/schema';
import { getUnit, updateUnit } from '../store/units';
import { CommandError } from './errors';
import type { CommandTx } from './run-command';

/** The state changes dispatch commands share: a unit's status, an assignment's state, an alert; each with its event. */

export async function requireUnit(db: Kysely<DB>, id: string): Promise<Unit> {
  const unit = await getUnit(db, id);
  if (!unit) throw new CommandError('not_found', commandText('command.unit.not_found'));
  return unit;
}

export async function requireReport(db: Kysely<DB>, id: string): Promise<Report> {
  const report = await getReport(db, id);
  if (!report) throw new CommandError('not_found', commandText('command.report.not_found'));
  return report;
}

export async function changeUnit(
  tx: CommandTx,
  unitId: string,
  change: { status?: UnitStatus; currentReportId?: string | null; position?: Unit['position'] },
  actor: UnitActor,
  actorId: string | null,
  opts: { emergency?: boolean } = {},
): Promise<Extract<HubEvent, { type: 'unit.updated' }>> {
  const before = await requireUnit(tx.trx, unitId);
  const status = change.status && change.status !== before.status ? change.status : undefined;
  if (status) {
    const check = checkUnitTransition({ from: before.status, to: status, actor, emergency: opts.emergency === true });
    if (!check.ok) throw new CommandError(check.code === 'actor_not_allowed' ? 'forbidden' : 'conflict', check.text);
  }
  return tx.emit(async (seq) => {
    await updateUnit(tx.trx, unitId, {
      ...(status ? { status } : {}),
      ...(change.currentReportId !== undefined ? { currentReportId: change.currentReportId } : {}),
      ...(change.position ? { position: change.position } : {}),
      at: tx.at,
      version: seq,
    });
    return { type: 'unit.updated' as const, at: tx.at, actorId, unit: await requireUnit(tx.trx, unitId) };
  });
}

/** The unit goes back to the pool: available, with no report. A unit in 'noodgeval' only lets go of its report: the desk ends the emergency. */
export async function freeUnit(tx: CommandTx, unitId: string, actorId: string | null): Promise<Extract<HubEvent, { type: 'unit.updated' }>> {
  const unit = await requireUnit(tx.trx, unitId);
  if (unit.status === 'noodgeval') return changeUnit(tx, unitId, { currentReportId: null }, 'system', actorId);
  return changeUnit(tx, unitId, { status: 'beschikbaar', currentReportId: null }, 'system', actorId);
}

export async function assignmentEvent(tx: CommandTx, assignment: Assignment, actorId: string | null): Promise<HubEvent> {
  const unit = await requireUnit(tx.trx, assignment.unitId);
  const report = await requireReport(tx.trx, assignment.reportId);
  return tx.emit(() => ({ type: 'assignment.updated' as const, at: tx.at, actorId, assignment, unit, report }));
}

export async function raiseAlert(
  tx: CommandTx,
  a: { subject: AlertSubject; reportId?: string | null; unitId?: string | null; position?: { lat: number; lng: number } | null },
  actorId: string | null,
): Promise<Extract<HubEvent, { alert: Alert }>> {
  const { subject, ...about } = a;
  const alert = await insertAlert(tx.trx, { ...about, kind: subject.kind, text: alertText(subject), at: tx.at });
  return tx.emit(() => ({ type: 'alert.raised' as const, at: tx.at, actorId, alert }));
}

/**
 * When a report leaves the units' hands (closed, scheduled, handed back to the queue), its accepted
 * assignments complete, its open offers are withdrawn, and their units are free again, in the same transaction.
 */
export async function releaseUnitsOfReport(tx: CommandTx, reportId: string, actorId: string | null): Promise<void> {
  for (const id of await assignmentIdsOfReport(tx.trx, reportId, ['accepted', 'offered'])) {
    const before = await getAssignment(tx.trx, id);
    if (!before) continue;
    const to = before.state === 'offered' ? 'withdrawn' : 'completed';
    if (!(await moveAssignment(tx.trx, id, before.state, to, tx.at))) continue;
    const unit = await requireUnit(tx.trx, before.unitId);
    if (unit.currentReportId === reportId && unit.status !== 'beschikbaar') await freeUnit(tx, unit.id, actorId);
    await assignmentEvent(tx, { ...before, state: to, respondedAt: tx.at }, actorId);
  }
}
