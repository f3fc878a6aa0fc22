import type { FastifyInstance } from 'fastify';
import { saveTemplateCommand } from '../commands/admin';
import type { HubDeps } from '../commands/context';
import { retryMessage } from '../commands/delivery';
import { runCommand } from '../commands/run-command';
import { listOutbox, toMessageView } from '../store/outbox';
import { loadTemplates } from '../store/templates';
import { route } from './route';

/** Citizen messages (the outbox and its retry) and the templates they are composed from. */
export function registerOutboxRoutes(app: FastifyInstance, deps: HubDeps): void {
  const { store } = deps;

  route(app, 'outbox.list', async ({ query }) => {
    const rows = await listOutbox(store.db, { limit: query.limit, ...(query.status ? { status: query.status } : {}) });
    return { messages: rows.map(toMessageView) };
  });

  route(app, 'outbox.retry', async ({ params, user }) => toMessageView(await runCommand(deps, retryMessage, user, { messageId: params.id })));

  route(app, 'templates.list', async () => ({ templates: await loadTemplates(store.db) }));

  route(app, 'templates.save', ({ params, body, user }) => runCommand(deps, saveTemplateCommand, user, { ...body, id: params.id }));
}
