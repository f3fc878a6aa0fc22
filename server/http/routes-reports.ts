import type { FastifyInstance } from 'fastify';
import type { HubDeps } from '../commands/context';
import { createReportCommand } from '../commands/reports';
import { runCommand } from '../commands/run-command';
import { parseOrThrow } from '../commands/validate';
import { type CategoriesResponse, ReportsQuery, type ReportsSnapshot } from '../protocol/api';
import { EventsQuery, type EventsPage } from '../protocol/events';
import { listCategories } from '../store/categories';
import { eventsAfter, latestSeq } from '../store/events';
import { listReports } from '../store/reports';
import { requireUser } from './access';

export function registerReportRoutes(app: FastifyInstance, deps: HubDeps): void {
  const { store } = deps;
  app.get('/api/reports', { config: { access: 'report.list' } }, async (request): Promise<ReportsSnapshot> => {
    const { scope } = parseOrThrow(ReportsQuery, request.query);
    // One read transaction: the snapshot and its seq agree, so clients resume from exactly there.
    return store.db.transaction().execute(async (trx) => {
      const seq = await latestSeq(trx);
      return { reports: await listReports(trx, scope), seq };
    });
  });

  app.post('/api/reports', { config: { access: 'report.create' } }, async (request, reply) => {
    const report = await runCommand(deps, createReportCommand, requireUser(request), request.body);
    return reply.status(201).send(report);
  });

  app.get('/api/categories', { config: { access: 'categories.read' } }, async (): Promise<CategoriesResponse> => {
    return { categories: await listCategories(store.db) };
  });

  app.get('/api/events', { config: { access: 'events.read' } }, async (request): Promise<EventsPage> => {
    const { after, limit } = parseOrThrow(EventsQuery, request.query);
    return store.db.transaction().execute(async (trx) => {
      const page = await eventsAfter(trx, after, limit);
      return { ...page, latestSeq: await latestSeq(trx) };
    });
  });
}
