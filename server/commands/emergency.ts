import { checkReturnStatus, emergencyText, nearestForAssist } from '../domain/emergency';
import { isAllowed } from '../domain/permissions';
import { EMERGENCY_RETURN_WITH_REPORT, unitActorOf, type UnitActor } from '../domain/unit-status';
import { commandText } from '../domain/command-texts';
import type { User } from '../protocol/auth';
import { type Alert, EmergencyCommand, type PositionFix, type Unit } from '../protocol/dispatch';
import { type Emergency, EmergencyAckCommand, EmergencyAssistCommand, EmergencyEndCommand, EmergencySetCommand } from '../protocol/emergency';
import { ackAlert } from '../store/alerts';
import { acceptedAssignmentOf, activeAssignmentsOfUnit, assignmentIdsOfReport, getAssignment, moveAssignment } from '../store/assignments';
import { ackEmergency, alertById, emergencyOfAlert, endEmergency, getEmergency, insertAssists, insertEmergency, openEmergencyOfUnit, realarmEmergency } from '../store/emergencies';
import { listUnits } from '../store/units';
import { ownUnitId } from './dispatch';
import { CommandError } from './errors';
import { applyTransition } from './lifecycle';
import { type CommandTx, userCommand } from './run-command';
import { assignmentEvent, changeUnit, raiseAlert, requireReport, requireUnit } from './unit-events';

/** Emergencies (rules in server/domain/emergency.ts): raised by the NOODKNOP or the desk, acknowledged, assisted, ended. */

type LiveFixes = () => ReadonlyMap<string, PositionFix>;

function actorOf(user: User): UnitActor {
  const actor = unitActorOf(user.role);
  if (!actor) throw new CommandError('forbidden', commandText('command.access.no_unit_control'));
  return actor;
}

async function requireEmergency(tx: CommandTx, id: string): Promise<Emergency> {
  const e = await getEmergency(tx.trx, id);
  if (!e) throw new CommandError('not_found', emergencyText('emergency.not_found'));
  return e;
}

async function emergencyEvent(tx: CommandTx, id: string, change: 'started' | 'acked' | 'assist' | 'ended', actorId: string | null): Promise<Emergency> {
  const emergency = await requireEmergency(tx, id);
  const event = await tx.emit(() => ({ type: 'emergency.updated' as const, at: tx.at, actorId, change, emergency }));
  return event.emergency;
}

/** Withdraws the unit's pending offers, each with its event (as a withdrawn offer: the report stays where it was). */
async function withdrawOffersOf(tx: CommandTx, unitId: string, actorId: string): Promise<void> {
  for (const a of await activeAssignmentsOfUnit(tx.trx, unitId)) {
    if (a.state !== 'offered' || !(await moveAssignment(tx.trx, a.id, 'offered', 'withdrawn', tx.at))) continue;
    await assignmentEvent(tx, { ...a, state: 'withdrawn', respondedAt: tx.at }, actorId);
  }
}

interface Start {
  unitId: string;
  source: 'field' | 'desk';
  position: { lat: number; lng: number } | null;
  note: string | null;
}

/**
 * Opens the unit's emergency, or returns the open one (presses fold into it): the alert, the pending offers
 * withdrawn, the unit in 'noodgeval' (keeping an accepted report), the emergency row, one event each.
 * Set by the desk, the alert is acknowledged at once (the desk has seen it).
 */
async function startEmergency(tx: CommandTx, s: Start, user: User): Promise<Emergency> {
  const open = await openEmergencyOfUnit(tx.trx, s.unitId);
  if (open) return s.source === 'field' ? pressAgain(tx, open, user) : open;
  const unit = await requireUnit(tx.trx, s.unitId);
  const raised = await raiseAlert(
    tx,
    { subject: { kind: 'emergency', unit: unit.callsign }, unitId: unit.id, reportId: unit.currentReportId, position: s.position },
    user.id,
  );
  if (s.source === 'desk') {
    const acked = await ackAlert(tx.trx, raised.alert.id, user.id, tx.at);
    if (acked) await tx.emit(() => ({ type: 'alert.acked' as const, at: tx.at, actorId: user.id, alert: acked }));
  }
  await withdrawOffersOf(tx, unit.id, user.id);
  const keepsReport = unit.status !== 'aangeboden' && unit.currentReportId !== null;
  await changeUnit(tx, unit.id, { status: 'noodgeval', currentReportId: keepsReport ? unit.currentReportId : null }, actorOf(user), user.id, {
    emergency: true,
  });
  const id = await insertEmergency(tx.trx, {
    unitId: unit.id,
    source: s.source,
    alertId: raised.alert.id,
    previousStatus: unit.status,
    reportId: keepsReport ? unit.currentReportId : null,
    position: s.position,
    at: tx.at,
    by: user.id,
    note: s.note,
    acked: s.source === 'desk',
  });
  return emergencyEvent(tx, id, 'started', user.id);
}

/**
 * A press while the emergency is open folds into its alert while no console has acknowledged it; once one has,
 * the press alarms again: a new alert, and the emergency is unseen until a console acknowledges it again.
 */
async function pressAgain(tx: CommandTx, open: Emergency, user: User): Promise<Emergency> {
  const alert = open.alertId ? await alertById(tx.trx, open.alertId) : undefined;
  if (alert && !alert.ackedAt) return open;
  const raised = await raiseAlert(
    tx,
    { subject: { kind: 'emergency', unit: open.callsign }, unitId: open.unitId, reportId: open.reportId, position: open.position },
    user.id,
  );
  await realarmEmergency(tx.trx, open.id, raised.alert.id);
  return emergencyEvent(tx, open.id, 'started', user.id);
}

/** An emergency alert acknowledged through `alert:ack` (the alert banner): its emergency is seen too, and the field hears so. */
export async function ackEmergencyOfAlert(tx: CommandTx, alert: Alert, userId: string): Promise<void> {
  if (alert.kind !== 'emergency') return;
  const e = await emergencyOfAlert(tx.trx, alert.id);
  if (!e || e.endedAt || e.ackedAt) return;
  if (await ackEmergency(tx.trx, e.id, userId, tx.at)) await emergencyEvent(tx, e.id, 'acked', userId);
}

/**
 * NOODKNOP: the unit's emergency, at the fix the client sent, else the unit's live fix, else its last stored
 * one. Answers with the emergency's alert (as before emergencies were a status).
 */
export function raiseEmergency(liveFix: () => PositionFix | undefined) {
  return userCommand({
    name: 'emergency',
    access: 'field.connect',
    input: EmergencyCommand,
    commandId: (cmd) => cmd.commandId,
    async apply(tx, cmd, user): Promise<Alert> {
      const unitId = ownUnitId(user);
      const unit = await requireUnit(tx.trx, unitId);
      const fix = cmd.position ?? liveFix() ?? unit.position;
      const e = await startEmergency(tx, { unitId, source: 'field', position: fix ? { lat: fix.lat, lng: fix.lng } : null, note: null }, user);
      const alert = e.alertId ? await alertById(tx.trx, e.alertId) : undefined;
      if (!alert) throw new CommandError('not_found', emergencyText('emergency.not_found'));
      return alert;
    },
  });
}

/** The desk puts a unit in 'noodgeval' by hand (an emergency over the radio), with a note. */
export function setEmergency(liveFixes: LiveFixes) {
  return userCommand({
    name: 'emergency.set',
    access: 'emergency.manage',
    input: EmergencySetCommand,
    commandId: (cmd) => cmd.commandId,
    async apply(tx, cmd, user): Promise<Emergency> {
      const unit = await requireUnit(tx.trx, cmd.unitId);
      const fix = liveFixes().get(unit.id) ?? unit.position;
      return startEmergency(tx, { unitId: unit.id, source: 'desk', position: fix ? { lat: fix.lat, lng: fix.lng } : null, note: cmd.note }, user);
    },
  });
}

/** A console has seen the emergency: the field screen says so. The first acknowledgement wins. */
export const acknowledgeEmergency = userCommand({
  name: 'emergency.ack',
  access: 'alerts.ack',
  input: EmergencyAckCommand,
  async apply(tx, cmd, user): Promise<Emergency> {
    const e = await requireEmergency(tx, cmd.emergencyId);
    if (e.endedAt) throw new CommandError('conflict', emergencyText('emergency.ended'));
    if (!(await ackEmergency(tx.trx, e.id, user.id, tx.at))) throw new CommandError('conflict', emergencyText('emergency.already_acknowledged'));
    if (e.alertId) {
      const alert = await ackAlert(tx.trx, e.alertId, user.id, tx.at);
      if (alert) await tx.emit(() => ({ type: 'alert.acked' as const, at: tx.at, actorId: user.id, alert }));
    }
    return emergencyEvent(tx, e.id, 'acked', user.id);
  },
});

/** The unit lets go of its accepted report (as unassign): the report goes back to the queue when no other unit holds it. */
async function releaseReport(tx: CommandTx, unit: Unit, user: User): Promise<void> {
  if (!unit.currentReportId) return;
  const report = await requireReport(tx.trx, unit.currentReportId);
  const id = await acceptedAssignmentOf(tx.trx, unit.id, report.id);
  if (!id || !(await moveAssignment(tx.trx, id, 'accepted', 'withdrawn', tx.at))) return;
  const a = await getAssignment(tx.trx, id);
  if (a) await assignmentEvent(tx, a, user.id);
  const others = (await assignmentIdsOfReport(tx.trx, report.id, ['accepted'])).length > 0;
  if (!others && (report.status === 'dispatched' || report.status === 'in_progress') && isAllowed('dispatch.offer', user.role)) {
    await applyTransition(tx, { kind: user.role, id: user.id }, report.id, { to: 'triaged' });
  }
}

/** The desk ends the emergency: a note (required) and the status the unit returns to. */
export const endEmergencyCommand = userCommand({
  name: 'emergency.end',
  access: 'emergency.manage',
  input: EmergencyEndCommand,
  commandId: (cmd) => cmd.commandId,
  async apply(tx, cmd, user): Promise<Emergency> {
    const e = await requireEmergency(tx, cmd.emergencyId);
    if (e.endedAt) throw new CommandError('conflict', emergencyText('emergency.ended'));
    const unit = await requireUnit(tx.trx, e.unitId);
    const refusal = checkReturnStatus(cmd.returnStatus, unit.currentReportId !== null);
    if (refusal) throw new CommandError('validation', refusal, { returnStatus: refusal });
    const withReport = EMERGENCY_RETURN_WITH_REPORT.includes(cmd.returnStatus);
    if (!withReport) await releaseReport(tx, unit, user);
    await changeUnit(tx, unit.id, { status: cmd.returnStatus, ...(withReport ? {} : { currentReportId: null }) }, actorOf(user), user.id, { emergency: true });
    await endEmergency(tx.trx, e.id, { by: user.id, at: tx.at, note: cmd.note, returnStatus: cmd.returnStatus });
    if (e.alertId) {
      const alert = await ackAlert(tx.trx, e.alertId, user.id, tx.at);
      if (alert) await tx.emit(() => ({ type: 'alert.acked' as const, at: tx.at, actorId: user.id, alert }));
    }
    return emergencyEvent(tx, e.id, 'ended', user.id);
  },
});

/** "Assistentie vragen": the `count` nearest available units (rules in domain/emergency.ts) get a request on their field screen. */
export function assistEmergency(liveFixes: LiveFixes) {
  return userCommand({
    name: 'emergency.assist',
    access: 'emergency.manage',
    input: EmergencyAssistCommand,
    commandId: (cmd) => cmd.commandId,
    async apply(tx, cmd, user): Promise<Emergency> {
      const e = await requireEmergency(tx, cmd.emergencyId);
      if (e.endedAt) throw new CommandError('conflict', emergencyText('emergency.ended'));
      const live = liveFixes();
      const at = live.get(e.unitId) ?? e.position;
      if (!at) throw new CommandError('conflict', emergencyText('emergency.no_position'));
      const units = (await listUnits(tx.trx)).map((u) => ({ id: u.id, status: u.status, position: live.get(u.id) ?? u.position }));
      const exclude = new Set([e.unitId, ...e.assists.map((a) => a.unitId)]);
      const nearest = nearestForAssist(at, units, cmd.count, exclude);
      if (nearest.length === 0) throw new CommandError('conflict', emergencyText('emergency.no_units'));
      await insertAssists(tx.trx, e.id, nearest, user.id, tx.at);
      return emergencyEvent(tx, e.id, 'assist', user.id);
    },
  });
}
