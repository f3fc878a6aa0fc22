import type { FastifyInstance } from 'fastify';
import type { HubDeps } from '../commands/context';
import { createAddressNote, deleteAddressNote, fieldReportNotes, reportContext } from '../commands/context-notes';
import { runCommand } from '../commands/run-command';
import { route } from './route';

/** A report's context panel and the address notes (commands/context-notes.ts). */
export function registerContextRoutes(app: FastifyInstance, deps: HubDeps): void {
  route(app, 'reports.context', ({ params, user }) => reportContext(deps, user, params.id));
  route(app, 'addressNotes.create', ({ body, user }) => runCommand(deps, createAddressNote, user, body));
  route(app, 'addressNotes.delete', ({ params, user }) => runCommand(deps, deleteAddressNote, user, params));
  route(app, 'field.reportNotes', async ({ params, user }) => ({ notes: await fieldReportNotes(deps, user, params.id) }));
}
