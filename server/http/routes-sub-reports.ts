import type { FastifyInstance } from 'fastify';
import type { HubDeps } from '../commands/context';
import { CommandError } from '../commands/errors';
import { runCommand } from '../commands/run-command';
import { splitReport, subReportsDetail } from '../commands/sub-reports';
import { commandText } from '../domain/command-texts';
import { getReport } from '../store/reports';
import { route } from './route';

/** Sub-reports (deelmeldingen): splitting a report for other teams, and a report's parts or main report. */
export function registerSubReportRoutes(app: FastifyInstance, deps: HubDeps): void {
  route(app, 'reports.split', ({ params, body, user }) => runCommand(deps, splitReport, user, { ...body, reportId: params.id }));

  route(app, 'reports.parts', async ({ params }) => {
    if (!(await getReport(deps.store.db, params.id))) throw new CommandError('not_found', commandText('command.report.not_found'));
    return subReportsDetail(deps.store.db, params.id);
  });
}
