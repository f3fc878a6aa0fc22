import type { FastifyInstance } from 'fastify';
import type { HubDeps } from '../commands/context';
import { runCardAdvice } from '../commands/dispatch';
import { createRunCard, deleteRunCardCommand, updateRunCardCommand } from '../commands/run-cards';
import { runCommand } from '../commands/run-command';
import type { PositionFix } from '../protocol/dispatch';
import { listRunCards } from '../store/run-cards';
import { route } from './route';

/** Run cards: the list, the shift lead's changes, and a report's card with its slots (domain/run-cards.ts). */
export function registerRunCardRoutes(app: FastifyInstance, deps: HubDeps, livePositions: () => Map<string, PositionFix>): void {
  route(app, 'runCards.list', async () => ({ runCards: await listRunCards(deps.store.db) }));
  route(app, 'runCards.create', ({ body, user }) => runCommand(deps, createRunCard, user, body));
  route(app, 'runCards.update', ({ params, body, user }) => runCommand(deps, updateRunCardCommand, user, { ...body, id: params.id }));
  route(app, 'runCards.delete', async ({ params, user }) => {
    await runCommand(deps, deleteRunCardCommand, user, { id: params.id });
    return undefined;
  });
  route(app, 'reports.runCard', ({ params }) => runCardAdvice(deps, params.id, livePositions()));
}
