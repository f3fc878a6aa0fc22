import { commandText } from '../domain/command-texts';
import { settleFixTime } from '../domain/fix-time';
import { inputText } from '../domain/input-texts';
import { UNIT_AUTHORITY } from '../domain/lifecycle';
import { isAllowed } from '../domain/permissions';
import { type UnitActor, unitActorOf } from '../domain/unit-status';
import type { User } from '../protocol/auth';
import { FindingCommand, type PositionFix, type Unit, type UnitStatus, UnitStatusCommand } from '../protocol/dispatch';
import type { Report } from '../protocol/report';
import { acceptedAssignmentOf, assignmentIdsOfReport, getAssignment, isAssignedToUnit, moveAssignment } from '../store/assignments';
import { CommandError } from './errors';
import { ownUnitId } from './dispatch';
import { attachFindingPhotos } from './photos';
import { applyTransition } from './lifecycle';
import { type CommandTx, userCommand } from './run-command';
import { assignmentEvent, changeUnit, requireReport, requireUnit } from './unit-events';

/** What units report about themselves (status, findings, emergencies), from the field or set by the desk. */

function unitActor(user: User): UnitActor {
  const actor = unitActorOf(user.role);
  if (!actor) throw new CommandError('forbidden', commandText('command.access.no_unit_control'));
  return actor;
}

async function applyUnitStatus(tx: CommandTx, unitId: string, cmd: { status: UnitStatus; position?: PositionFix | undefined }, user: User): Promise<Unit> {
  const before = await requireUnit(tx.trx, unitId);
  const freeing = cmd.status === 'beschikbaar' && ['onderweg', 'ter_plaatse', 'bezet'].includes(before.status);
  const event = await changeUnit(
    tx,
    unitId,
    { status: cmd.status, ...(freeing ? { currentReportId: null } : {}), ...(cmd.position ? { position: settleFixTime(cmd.position, tx.now) } : {}) },
    unitActor(user),
    user.id,
  );
  if (!before.currentReportId) return event.unit;
  const report = await requireReport(tx.trx, before.currentReportId);
  if (cmd.status === 'ter_plaatse' && report.status === 'dispatched') {
    await applyTransition(tx, { kind: UNIT_AUTHORITY, id: user.id }, report.id, { to: 'in_progress' });
  }
  if (!freeing) return event.unit;
  // Freed on the way there: the work was not done, so the report goes back to the queue (as unassign).
  // Freed on scene or busy: the unit's part is done.
  const outcome = before.status === 'onderweg' ? 'withdrawn' : 'completed';
  const done = await acceptedAssignmentOf(tx.trx, unitId, report.id);
  if (done && (await moveAssignment(tx.trx, done, 'accepted', outcome, tx.at))) {
    const a = await getAssignment(tx.trx, done);
    if (a) await assignmentEvent(tx, a, user.id);
    const others = (await assignmentIdsOfReport(tx.trx, report.id, ['accepted'])).length > 0;
    if (outcome === 'withdrawn' && !others && report.status === 'dispatched' && isAllowed('dispatch.offer', user.role)) {
      await applyTransition(tx, { kind: user.role, id: user.id }, report.id, { to: 'triaged' });
    }
  }
  return event.unit;
}

/** The desk sets a unit's status (pause, out of service, available again). */
export const setUnitStatus = userCommand({
  name: 'unit.status',
  access: 'dispatch.offer',
  input: UnitStatusCommand,
  commandId: (cmd) => cmd.commandId,
  apply(tx, cmd, user): Promise<Unit> {
    if (!cmd.unitId) throw new CommandError('validation', commandText('command.unit.choose'), { unitId: inputText('input.required') });
    return applyUnitStatus(tx, cmd.unitId, cmd, user);
  },
});

/** A field unit sets its own status (on the way, on scene, busy, available). */
export const setOwnUnitStatus = userCommand({
  name: 'unit.status',
  access: 'field.connect',
  input: UnitStatusCommand.omit({ unitId: true }),
  commandId: (cmd) => cmd.commandId,
  apply: (tx, cmd, user): Promise<Unit> => applyUnitStatus(tx, ownUnitId(user), cmd, user),
});

/** "Bevinding melden": the field unit proposes a resolution for a report it was assigned. */
export const submitFinding = userCommand({
  name: 'finding',
  access: 'field.connect',
  input: FindingCommand,
  commandId: (cmd) => cmd.commandId,
  async apply(tx, cmd, user): Promise<Report> {
    if (!(await isAssignedToUnit(tx.trx, ownUnitId(user), cmd.reportId))) {
      throw new CommandError('forbidden', commandText('command.access.not_assigned'));
    }
    const report = await requireReport(tx.trx, cmd.reportId);
    const actor = { kind: UNIT_AUTHORITY, id: user.id };
    if (report.status === 'dispatched') await applyTransition(tx, actor, report.id, { to: 'in_progress' });
    const proposed = await applyTransition(tx, actor, report.id, { to: 'awaiting_review', resolution: cmd.resolution });
    if (cmd.photoId || cmd.photos?.length) {
      await attachFindingPhotos(tx, user, { reportId: report.id, seq: proposed.seq, photos: cmd.photos ?? [], photoId: cmd.photoId });
    }
    return proposed.report;
  },
});

/** NOODKNOP: see raiseEmergency in ./emergency.ts (the unit goes into 'noodgeval'). */
