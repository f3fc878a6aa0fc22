import { z } from 'zod';
import { alertText } from '../domain/alert-text';
import { commandText } from '../domain/command-texts';
import { ESCALATION_LEVELS, evaluateSafety, levelRank, type SafetySettings } from '../domain/safety-timers';
import { type ShiftSettings, shiftAt } from '../domain/shifts';
import { type CheckIn, CheckInAnswerCommand } from '../protocol/safety';
import { insertAlert } from '../store/alerts';
import { getReport } from '../store/reports';
import {
  closeAlertBySystem,
  closeCheckIn,
  getCheckIn,
  insertCheckIn,
  lastAnswerOf,
  openCheckInOfUnit,
  publicCheckIn,
  type StoredCheckIn,
  setAlertEscalation,
  setCheckInLevel,
} from '../store/safety-checks';
import { ownUnitId } from './dispatch';
import { CommandError } from './errors';
import { type CommandTx, systemCommand, userCommand } from './run-command';
import { requireUnit } from './unit-events';

/** Safety timers (domain/safety-timers.ts): the hub's step for one unit, and the unit's answer "Alles in orde". */

export interface SafetyRules {
  safety: SafetySettings;
  shifts: ShiftSettings;
}

function checkInEvent(tx: CommandTx, c: StoredCheckIn, actorId: string | null) {
  return tx.emit(() => ({ type: 'unit.check_in' as const, at: tx.at, actorId, checkIn: publicCheckIn(c) }));
}

/** Ends a request and closes its alert, if it has one (the consoles' line goes). */
async function endCheckIn(tx: CommandTx, c: StoredCheckIn, how: 'answered' | 'cancelled', actorId: string | null): Promise<boolean> {
  if (!(await closeCheckIn(tx.trx, c.id, how, tx.at))) return false;
  if (c.alertId) {
    const alert = await closeAlertBySystem(tx.trx, c.alertId, tx.at);
    if (alert) await tx.emit(() => ({ type: 'alert.acked' as const, at: tx.at, actorId, alert }));
  }
  const ended = { ...c, answeredAt: how === 'answered' ? tx.at : null, cancelledAt: how === 'cancelled' ? tx.at : null };
  await checkInEvent(tx, ended, actorId);
  return true;
}

/**
 * One unit, evaluated again under the write lock on the hub clock: several hub nodes may sweep the same unit at
 * once, but the write lock orders them and the second finds nothing left to do. Returns what was done.
 */
export function safetyStep(rules: () => SafetyRules) {
  return systemCommand({
    name: 'safety.step',
    input: z.object({ unitId: z.string() }),
    async apply(tx, { unitId }): Promise<'none' | 'request' | 'escalate' | 'cancel'> {
      const { safety, shifts } = rules();
      const unit = await requireUnit(tx.trx, unitId);
      const open = (await openCheckInOfUnit(tx.trx, unitId)) ?? null;
      const report = unit.currentReportId ? await getReport(tx.trx, unit.currentReportId) : undefined;
      const action = evaluateSafety(
        {
          unit,
          category: report?.category ?? null,
          shift: shiftAt(tx.now, shifts).shift,
          open,
          lastAnsweredAt: open ? null : await lastAnswerOf(tx.trx, unitId, unit.statusSince),
          now: tx.now,
        },
        safety,
      );
      if (action.kind === 'request') {
        await checkInEvent(tx, await insertCheckIn(tx.trx, { unitId, statusSince: unit.statusSince, at: tx.at }), null);
      } else if (action.kind === 'cancel' && open) {
        await endCheckIn(tx, open, 'cancelled', null);
      } else if (action.kind === 'escalate' && open) {
        let alertId = open.alertId;
        let raised = false;
        if (!alertId) {
          const created = await insertAlert(tx.trx, {
            kind: 'check_in_missed',
            unitId,
            reportId: unit.currentReportId,
            position: unit.position ? { lat: unit.position.lat, lng: unit.position.lng } : null,
            text: alertText({ kind: 'check_in_missed', unit: unit.callsign }),
            at: tx.at,
          });
          alertId = created.id;
          raised = true;
        }
        const alert = await setAlertEscalation(tx.trx, alertId, action.level);
        await setCheckInLevel(tx.trx, open.id, levelRank(action.level), alertId);
        if (alert) await tx.emit(() => ({ type: raised ? ('alert.raised' as const) : ('alert.escalated' as const), at: tx.at, actorId: null, alert }));
        await checkInEvent(tx, { ...open, level: levelRank(action.level), alertId }, null);
      }
      return action.kind;
    },
  });
}

/** "Alles in orde": the unit answers its own request; the timer starts again and the alert, if any, goes. */
export const answerCheckIn = userCommand({
  name: 'check_in.answer',
  access: 'field.connect',
  input: CheckInAnswerCommand,
  commandId: (cmd) => cmd.commandId,
  async apply(tx, cmd, user): Promise<CheckIn> {
    const unitId = ownUnitId(user);
    const c = await getCheckIn(tx.trx, cmd.checkInId);
    if (!c || c.unitId !== unitId) throw new CommandError('not_found', commandText('command.check_in.not_found'));
    // Answered or ended already (a retry, or the status changed first): the request is over either way.
    if (c.answeredAt || c.cancelledAt) return publicCheckIn(c);
    await endCheckIn(tx, c, 'answered', user.id);
    return publicCheckIn({ ...c, answeredAt: tx.at });
  },
});

export { ESCALATION_LEVELS };
