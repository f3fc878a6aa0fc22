import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { HubDeps } from '../commands/context';
import { recordDelivery } from '../commands/delivery';
import { CommandError } from '../commands/errors';
import { parseOrThrow } from '../commands/validate';
import { validateTemplate } from '../domain/feedback';
import { listOutbox, retryFailed } from '../notify/outbox-store';
import { loadTemplates, saveTemplate } from '../store/templates';
import { requireUser } from './access';
import { outboxView } from './routes-lifecycle';

const OutboxQuery = z.object({ status: z.enum(['queued', 'sent', 'failed']).optional(), limit: z.coerce.number().int().min(1).max(1000).default(200) });

export function registerOutboxRoutes(app: FastifyInstance, deps: HubDeps): void {
  const { store } = deps;

  app.get('/api/outbox', { config: { access: 'outbox.read' } }, async (request) => {
    const query = parseOrThrow(OutboxQuery, request.query);
    const rows = await listOutbox(store.db, { limit: query.limit, ...(query.status ? { status: query.status } : {}) });
    return { messages: rows.map(outboxView) };
  });

  app.post<{ Params: { id: string } }>('/api/outbox/:id/retry', { config: { access: 'outbox.retry' } }, async (request) => {
    const row = await retryFailed(store.db, request.params.id, deps.clock());
    if (!row) throw new CommandError('conflict', 'Alleen mislukte berichten kunnen opnieuw worden verstuurd');
    await recordDelivery(deps, row);
    deps.wakeOutbox();
    return outboxView(row);
  });

  app.get('/api/templates', { config: { access: 'templates.read' } }, async () => ({ templates: await loadTemplates(store.db) }));

  app.put<{ Params: { id: string } }>('/api/templates/:id', { config: { access: 'templates.write' } }, async (request) => {
    const user = requireUser(request);
    const result = validateTemplate({ ...(request.body as object), id: request.params.id });
    if (!result.ok) throw new CommandError('validation', 'Het sjabloon is niet geldig', result.fields);
    await saveTemplate(store.db, result.value, user.id, deps.clock().toISOString());
    return result.value;
  });
}
