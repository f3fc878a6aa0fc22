import type { FastifyInstance } from 'fastify';
import type { HubDeps } from '../commands/context';
import { createReportCommand } from '../commands/reports';
import { runCommand } from '../commands/run-command';
import { eventForRole } from '../domain/privacy-events';
import { listCategories } from '../store/categories';
import { eventsPageWithLatest } from '../store/events';
import { decodeQueueCursor, encodeQueueCursor } from '../protocol/report-queue';
import { openQueuePageJson } from '../store/report-queue';
import { reportsSnapshot } from '../store/reports';
import { JsonText, route } from './route';

export function registerReportRoutes(app: FastifyInstance, deps: HubDeps): void {
  const { store } = deps;

  // The snapshot and its seq agree, so clients resume from exactly there.
  route(app, 'reports.list', ({ query }) => reportsSnapshot(store.db, query.scope));

  // The console's queue, page by page: each page is one snapshot; the client merges later pages by version.
  route(app, 'reports.queue', async ({ query }) => {
    const page = await openQueuePageJson(store.db, query.after ? decodeQueueCursor(query.after) : null, query.limit);
    const next = JSON.stringify(page.next ? encodeQueueCursor(page.next) : null);
    return new JsonText(['{"reports":', page.reportsJson, `,"next":${next},"total":${page.total},"seq":${page.seq}}`]);
  });

  route(app, 'reports.create', ({ body, user }) => runCommand(deps, createReportCommand, user, body));

  route(app, 'categories.list', async () => ({ categories: await listCategories(store.db) }));

  route(app, 'events.list', async ({ query, user }) => {
    const page = await eventsPageWithLatest(store.db, query.after, query.limit);
    // Masked for roles that may not read citizens' comments, as on the live socket (domain/privacy-events).
    return { ...page, events: page.events.map((event) => eventForRole(event, user.role)) };
  });
}
