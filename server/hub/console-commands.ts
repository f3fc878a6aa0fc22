import { CommandError } from '../commands/errors';
import { acknowledgeAlert, offerUnits, recommendForReport, setUnitStatus, unassign } from '../commands/dispatch';
import { transitionReport } from '../commands/lifecycle';
import { createReport } from '../commands/reports';
import type { PositionTracker } from './positions';
import type { SocketCommand } from './socket-server';

function reportIdOf(payload: unknown): string {
  const id = (payload as { reportId?: unknown } | null)?.reportId;
  if (typeof id !== 'string' || id.length === 0 || id.length > 64) {
    throw new CommandError('validation', 'Ongeldige invoer', { reportId: 'Verplicht' });
  }
  return id;
}

export function consoleCommands(positions: PositionTracker): SocketCommand<keyof import('../protocol/socket').ConsoleClientToServer>[] {
  return [...reportCommands, ...dispatchCommands(positions)];
}

function dispatchCommands(positions: PositionTracker): SocketCommand<keyof import('../protocol/socket').ConsoleClientToServer>[] {
  return [
    { name: 'unit:recommend', action: 'dispatch.read', run: (deps, _user, payload) => recommendForReport(deps, reportIdOf(payload), positions.latest) },
    { name: 'offer:create', action: 'dispatch.offer', run: (deps, user, payload) => offerUnits(deps, user, payload) },
    { name: 'assignment:unassign', action: 'dispatch.offer', run: (deps, user, payload) => unassign(deps, user, payload) },
    { name: 'unit:status', action: 'dispatch.offer', run: (deps, user, payload) => setUnitStatus(deps, user, payload) },
    { name: 'alert:ack', action: 'alerts.ack', run: (deps, user, payload) => acknowledgeAlert(deps, user, payload) },
  ];
}

const reportCommands: SocketCommand<'report:create' | 'report:transition'>[] = [
  { name: 'report:create', action: 'report.create', run: (deps, user, payload) => createReport({ ...deps, actor: user }, payload) },
  {
    name: 'report:transition',
    action: 'report.transition',
    run: (deps, user, payload) => {
      const { reportId: _omit, ...body } = (payload ?? {}) as Record<string, unknown>;
      return transitionReport(deps, { kind: user.role, id: user.id }, reportIdOf(payload), body);
    },
  },
];
