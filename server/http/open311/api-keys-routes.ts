import type { FastifyInstance } from 'fastify';
import { issueApiKey, revokeApiKeyCommand, updateApiKeyCommand } from '../../commands/admin';
import type { HubDeps } from '../../commands/context';
import { runCommand } from '../../commands/run-command';
import { listApiKeys } from '../../store/api-keys';
import { route } from '../route';

/** Console API for admins: issue, list, change (sendMessages) and revoke Open311 API keys (one per client app). */
export function registerApiKeyRoutes(app: FastifyInstance, deps: HubDeps): void {
  route(app, 'apiKeys.create', async ({ body, user, reply }) => {
    reply.header('cache-control', 'no-store');
    return runCommand(deps, issueApiKey, user, body);
  });

  route(app, 'apiKeys.list', async () => ({ keys: await listApiKeys(deps.store.db) }));

  route(app, 'apiKeys.update', async ({ params, body, user }) => ({
    key: await runCommand(deps, updateApiKeyCommand, user, { id: params.id, sendMessages: body.sendMessages }),
  }));

  route(app, 'apiKeys.revoke', async ({ params, user }) => ({ key: await runCommand(deps, revokeApiKeyCommand, user, { id: params.id }) }));
}
