import type { FastifyInstance } from 'fastify';
import { saveTemplateCommand } from '../commands/admin';
import type { HubDeps } from '../commands/context';
import { viewOutboxContacts } from '../commands/contacts-view';
import { retryMessage } from '../commands/delivery';
import { runCommand } from '../commands/run-command';
import { isAllowed } from '../domain/permissions';
import { messageViewFor } from '../domain/privacy-view';
import { listOutbox, toMessageView } from '../store/outbox';
import { loadTemplates } from '../store/templates';
import { route } from './route';

/** Citizen messages (the outbox and its retry) and the templates they are composed from. */
export function registerOutboxRoutes(app: FastifyInstance, deps: HubDeps): void {
  const { store } = deps;

  route(app, 'outbox.list', async ({ query, user }) => {
    const options = { limit: query.limit, ...(query.status ? { status: query.status } : {}) };
    // Recipients whole only when asked for, and then logged (viewOutboxContacts); masked otherwise.
    if (query.contacts === '1') return { messages: await runCommand(deps, viewOutboxContacts, user, options) };
    const view = isAllowed('contacts.read', user.role) ? 'masked' : 'hidden';
    const rows = await listOutbox(store.db, options);
    return { messages: rows.map((row) => messageViewFor(toMessageView(row), view, { token: null, code: null })) };
  });

  route(app, 'outbox.retry', async ({ params, user }) =>
    messageViewFor(toMessageView(await runCommand(deps, retryMessage, user, { messageId: params.id })), 'masked', { token: null, code: null }),
  );

  route(app, 'templates.list', async () => ({ templates: await loadTemplates(store.db) }));

  route(app, 'templates.save', ({ params, body, user }) => runCommand(deps, saveTemplateCommand, user, { ...body, id: params.id }));
}
