import type { FastifyInstance } from 'fastify';
import type { HubDeps } from '../commands/context';
import { createReportCommand } from '../commands/reports';
import { runCommand } from '../commands/run-command';
import { listCategories } from '../store/categories';
import { eventsAfter, latestSeq } from '../store/events';
import { listReports } from '../store/reports';
import { route } from './route';

export function registerReportRoutes(app: FastifyInstance, deps: HubDeps): void {
  const { store } = deps;

  route(app, 'reports.list', ({ query }) =>
    // One read transaction: the snapshot and its seq agree, so clients resume from exactly there.
    store.db.transaction().execute(async (trx) => {
      const seq = await latestSeq(trx);
      return { reports: await listReports(trx, query.scope), seq };
    }),
  );

  route(app, 'reports.create', ({ body, user }) => runCommand(deps, createReportCommand, user, body));

  route(app, 'categories.list', async () => ({ categories: await listCategories(store.db) }));

  route(app, 'events.list', ({ query }) =>
    store.db.transaction().execute(async (trx) => {
      const page = await eventsAfter(trx, query.after, query.limit);
      return { ...page, latestSeq: await latestSeq(trx) };
    }),
  );
}
