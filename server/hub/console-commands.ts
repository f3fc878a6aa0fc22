import { CommandError } from '../commands/errors';
import { transitionReport } from '../commands/lifecycle';
import { createReport } from '../commands/reports';
import type { SocketCommand } from './socket-server';

function reportIdOf(payload: unknown): string {
  const id = (payload as { reportId?: unknown } | null)?.reportId;
  if (typeof id !== 'string' || id.length === 0 || id.length > 64) {
    throw new CommandError('validation', 'Ongeldige invoer', { reportId: 'Verplicht' });
  }
  return id;
}

export const consoleCommands: SocketCommand<'report:create' | 'report:transition'>[] = [
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
