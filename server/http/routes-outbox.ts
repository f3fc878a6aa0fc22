import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { saveTemplateCommand } from '../commands/admin';
import type { HubDeps } from '../commands/context';
import { retryMessage } from '../commands/delivery';
import { runCommand } from '../commands/run-command';
import { parseOrThrow } from '../commands/validate';
import { listOutbox, toMessageView } from '../store/outbox';
import { loadTemplates } from '../store/templates';
import { requireUser } from './access';

const OutboxQuery = z.object({ status: z.enum(['queued', 'sent', 'failed']).optional(), limit: z.coerce.number().int().min(1).max(1000).default(200) });

export function registerOutboxRoutes(app: FastifyInstance, deps: HubDeps): void {
  const { store } = deps;

  app.get('/api/outbox', { config: { access: 'outbox.read' } }, async (request) => {
    const query = parseOrThrow(OutboxQuery, request.query);
    const rows = await listOutbox(store.db, { limit: query.limit, ...(query.status ? { status: query.status } : {}) });
    return { messages: rows.map(toMessageView) };
  });

  app.post<{ Params: { id: string } }>('/api/outbox/:id/retry', { config: { access: 'outbox.retry' } }, async (request) => {
    return toMessageView(await runCommand(deps, retryMessage, requireUser(request), { messageId: request.params.id }));
  });

  app.get('/api/templates', { config: { access: 'templates.read' } }, async () => ({ templates: await loadTemplates(store.db) }));

  app.put<{ Params: { id: string } }>('/api/templates/:id', { config: { access: 'templates.write' } }, async (request) => {
    return runCommand(deps, saveTemplateCommand, requireUser(request), { ...(request.body as object), id: request.params.id });
  });
}
