import { createReport } from '../commands/reports';
import type { SocketCommand } from './socket-server';

export const consoleCommands: SocketCommand<'report:create'>[] = [
  { name: 'report:create', action: 'report.create', run: (deps, user, payload) => createReport({ ...deps, actor: user }, payload) },
];
