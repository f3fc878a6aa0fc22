import { mayAcknowledge } from '../domain/alert-kinds';
import { commandText } from '../domain/command-texts';
import { type Alert, AlertAckCommand } from '../protocol/dispatch';
import type { Report } from '../protocol/report';
import { ackAlert, getAlert } from '../store/alerts';
import { ackEmergencyOfAlert } from './emergency';
import { CommandError } from './errors';
import { type CommandTx, userCommand } from './run-command';
import { raiseAlert } from './unit-events';

/** A dispatcher acknowledges an alert; the first one wins. */
export const acknowledgeAlert = userCommand({
  name: 'alert.ack',
  access: 'alerts.ack',
  input: AlertAckCommand,
  async apply(tx, cmd, user): Promise<Alert> {
    // A role outside the kind's audience never saw the alert: as if it did not exist.
    const before = await getAlert(tx.trx, cmd.alertId);
    if (before && !mayAcknowledge(before.kind, user.role)) throw new CommandError('forbidden', commandText('command.access.role_not_allowed'));
    const alert = await ackAlert(tx.trx, cmd.alertId, user.id, tx.at);
    if (!alert) throw new CommandError('conflict', commandText('command.alert.already_acknowledged'));
    const event = await tx.emit(() => ({ type: 'alert.acked' as const, at: tx.at, actorId: user.id, alert }));
    await ackEmergencyOfAlert(tx, alert, user.id);
    return event.alert;
  },
});

/** A new high or urgent report alerts every dispatcher console until one acknowledges it. */
export async function alertOnHighPriority(tx: CommandTx, report: Report, actorId: string | null): Promise<void> {
  if (report.priority !== 'high' && report.priority !== 'urgent') return;
  const subject = { kind: 'high_priority', number: report.number, priority: report.priority } as const;
  await raiseAlert(tx, { subject, reportId: report.id, position: { lat: report.lat, lng: report.lng } }, actorId);
}
