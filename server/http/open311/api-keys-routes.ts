import type { FastifyInstance } from 'fastify';
import { issueApiKey, revokeApiKeyCommand } from '../../commands/admin';
import type { HubDeps } from '../../commands/context';
import { runCommand } from '../../commands/run-command';
import { type ApiKeyInfo, listApiKeys } from '../../store/api-keys';
import { requireUser } from '../access';

export type { CreatedApiKey } from '../../commands/admin';

/** Console API for admins: issue, list and revoke Open311 API keys (one per client app). */
export function registerApiKeyRoutes(app: FastifyInstance, deps: HubDeps): void {
  const { store } = deps;

  app.post('/api/admin/api-keys', { config: { access: 'apikeys.manage' } }, async (request, reply) => {
    const created = await runCommand(deps, issueApiKey, requireUser(request), request.body);
    return reply.status(201).header('cache-control', 'no-store').send(created);
  });

  app.get('/api/admin/api-keys', { config: { access: 'apikeys.manage' } }, async (): Promise<{ keys: ApiKeyInfo[] }> => {
    return { keys: await listApiKeys(store.db) };
  });

  app.delete<{ Params: { id: string } }>('/api/admin/api-keys/:id', { config: { access: 'apikeys.manage' } }, async (request) => {
    return { key: await runCommand(deps, revokeApiKeyCommand, requireUser(request), { id: request.params.id }) };
  });
}
