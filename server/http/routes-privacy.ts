import type { FastifyInstance } from 'fastify';
import { viewContacts } from '../commands/contacts-view';
import type { HubDeps } from '../commands/context';
import { privacyErase, privacyExport, privacySearch } from '../commands/privacy-rights';
import { runCommand } from '../commands/run-command';
import { listAccessLog } from '../store/access-log';
import { route } from './route';

/** Contact details on request (logged), the access log, and a citizen's rights (inzage, export, erasure). */
export function registerPrivacyRoutes(app: FastifyInstance, deps: HubDeps): void {
  route(app, 'reports.contacts', async ({ params, user, reply }) => {
    reply.header('cache-control', 'no-store');
    return runCommand(deps, viewContacts, user, { reportId: params.id });
  });

  route(app, 'accessLog.list', ({ query }) => listAccessLog(deps.store.db, query).then((entries) => ({ entries })));

  route(app, 'privacy.search', async ({ body, user, reply }) => {
    reply.header('cache-control', 'no-store');
    return runCommand(deps, privacySearch, user, body);
  });

  route(app, 'privacy.export', async ({ body, user, reply }) => {
    const file = await runCommand(deps, privacyExport, user, body);
    reply.header('cache-control', 'no-store');
    reply.header('content-disposition', `attachment; filename="inzage-${file.exportedAt.slice(0, 10)}.json"`);
    return file;
  });

  route(app, 'privacy.erase', ({ body, user }) => runCommand(deps, privacyErase, user, body));
}
