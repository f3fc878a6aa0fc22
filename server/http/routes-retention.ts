import type { FastifyInstance } from 'fastify';
import type { HubDeps } from '../commands/context';
import { listRetentionLog } from '../store/retention-log';
import { route } from './route';

/** What the retention job erased and deleted (shift lead, admin). */
export function registerRetentionRoutes(app: FastifyInstance, deps: HubDeps): void {
  route(app, 'retention.log', async ({ query }) => ({ entries: await listRetentionLog(deps.store.db, query) }));
}
