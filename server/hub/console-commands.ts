import type { z } from 'zod';
import { acknowledgeAlert } from '../commands/alerts';
import { offerUnits, recommendForReport, unassign } from '../commands/dispatch';
import { CommandError } from '../commands/errors';
import { runCommand, type UserCommand } from '../commands/run-command';
import { setUnitStatus } from '../commands/unit-status';
import { acknowledgeEmergency, assistEmergency, endEmergencyCommand, setEmergency } from '../commands/emergency';
import { inputText } from '../domain/input-texts';
import type { ConsoleClientToServer } from '../protocol/socket';
import type { PositionTracker } from './positions';
import type { SocketCommand } from './socket-server';

function reportIdOf(payload: unknown): string {
  const id = (payload as { reportId?: unknown } | null)?.reportId;
  if (typeof id !== 'string' || id.length === 0 || id.length > 64) {
    throw new CommandError('validation', inputText('input.invalid'), { reportId: inputText('input.required') });
  }
  return id;
}

/** A socket event that runs a command: its action is the command's. */
function command<S extends z.ZodType, P>(name: keyof ConsoleClientToServer, cmd: UserCommand<S, unknown, P>): SocketCommand<keyof ConsoleClientToServer> {
  return { name, action: cmd.access, run: (deps, user, payload) => runCommand(deps, cmd, user, payload) };
}

/** What consoles may send over their socket: dispatch. Reports are created and transitioned over HTTP. */
export function consoleCommands(positions: PositionTracker): SocketCommand<keyof ConsoleClientToServer>[] {
  return [
    { name: 'unit:recommend', action: 'dispatch.read', run: (deps, _user, payload) => recommendForReport(deps, reportIdOf(payload), positions.latest) },
    command('offer:create', offerUnits),
    command('assignment:unassign', unassign),
    command('unit:status', setUnitStatus),
    command('alert:ack', acknowledgeAlert),
    command('emergency:set', setEmergency(() => positions.latest)),
    command('emergency:ack', acknowledgeEmergency),
    command('emergency:end', endEmergencyCommand),
    command('emergency:assist', assistEmergency(() => positions.latest)),
  ];
}
