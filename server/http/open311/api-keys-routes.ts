import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { HubDeps } from '../../commands/context';
import { CommandError } from '../../commands/errors';
import { parseOrThrow } from '../../commands/validate';
import { type ApiKeyInfo, createApiKey, listApiKeys, revokeApiKey } from '../../store/api-keys';
import { requireUser } from '../access';

export const CreateApiKeyBody = z.object({
  clientName: z.string().trim().min(1, 'Geef de naam van de app').max(100),
});

export interface CreatedApiKey extends ApiKeyInfo {
  /** The key itself: shown once, only its hash is kept. */
  key: string;
}

/** Console API for admins: issue, list and revoke Open311 API keys (one per client app). */
export function registerApiKeyRoutes(app: FastifyInstance, deps: HubDeps): void {
  const { store } = deps;

  app.post('/api/admin/api-keys', { config: { access: 'apikeys.manage' } }, async (request, reply) => {
    const user = requireUser(request);
    const { clientName } = parseOrThrow(CreateApiKeyBody, request.body);
    const { info, key } = await createApiKey(store.db, { clientName, createdBy: user.id, at: deps.clock().toISOString() });
    deps.log.info({ apiKeyId: info.id, clientName, by: user.username }, 'open311 api key issued');
    const body: CreatedApiKey = { ...info, key };
    return reply.status(201).header('cache-control', 'no-store').send(body);
  });

  app.get('/api/admin/api-keys', { config: { access: 'apikeys.manage' } }, async (): Promise<{ keys: ApiKeyInfo[] }> => {
    return { keys: await listApiKeys(store.db) };
  });

  app.delete<{ Params: { id: string } }>('/api/admin/api-keys/:id', { config: { access: 'apikeys.manage' } }, async (request) => {
    const user = requireUser(request);
    const info = await revokeApiKey(store.db, request.params.id, deps.clock().toISOString());
    if (!info) throw new CommandError('not_found', 'API-sleutel niet gevonden');
    deps.log.info({ apiKeyId: info.id, clientName: info.clientName, by: user.username }, 'open311 api key revoked');
    return { key: info };
  });
}
