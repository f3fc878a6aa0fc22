import type { FastifyInstance } from 'fastify';
import { setCategoryPhrases, setCategorySlaTerms } from '../commands/categories';
import type { HubDeps } from '../commands/context';
import { createReportCommand } from '../commands/reports';
import { runCommand } from '../commands/run-command';
import { eventForRole } from '../domain/privacy-events';
import { listCategories } from '../store/categories';
import { eventsPageWithLatest } from '../store/events';
import { decodeQueueCursor, encodeQueueCursor, QUEUE_ROW_FIELDS } from '../protocol/report-queue';
import { openQueuePageJson } from '../store/report-queue';
import { reportsSnapshot } from '../store/reports';
import { ConcurrencyLimit } from './concurrency-limit';
import { JsonText, route } from './route';

/** The console's first page (200) never waits. */
const SMALL_QUEUE_PAGE = 500;

/** The start of every queue page: the names of the row values, then the rows as the database wrote them. */
const QUEUE_FIELDS_JSON = `{"fields":${JSON.stringify(QUEUE_ROW_FIELDS)},"rows":`;

export function registerReportRoutes(app: FastifyInstance, deps: HubDeps): void {
  const { store } = deps;
  // Large queue pages (5,000 reports, ~1 MB each as slim rows) two at a time: with 50 consoles signing in together, every page
  // in flight is held several times over (the database's text, the driver's buffer, the answer); one at a time
  // would let one slow page hold up the rest. The pages are as quick in total; the hub's peak memory is lower.
  const largeQueuePages = new ConcurrencyLimit(2);

  // The snapshot and its seq agree, so clients resume from exactly there.
  route(app, 'reports.list', ({ query }) => reportsSnapshot(store.db, query.scope));

  // The console's queue, page by page: each page is one snapshot; the client merges later pages by version.
  route(app, 'reports.queue', async ({ query }) => {
    const read = () => openQueuePageJson(store.db, query.after ? decodeQueueCursor(query.after) : null, query.limit);
    const page = query.limit > SMALL_QUEUE_PAGE ? await largeQueuePages.run(read) : await read();
    const next = JSON.stringify(page.next ? encodeQueueCursor(page.next) : null);
    return new JsonText([QUEUE_FIELDS_JSON, page.rowsJson, `,"next":${next},"total":${page.total},"seq":${page.seq}}`]);
  });

  route(app, 'reports.create', ({ body, user }) => runCommand(deps, createReportCommand, user, body));

  route(app, 'categories.list', async () => ({ categories: await listCategories(store.db) }));
  route(app, 'categories.setSlaTerms', ({ params, body, user }) =>
    runCommand(deps, setCategorySlaTerms, user, { ...body, code: params.code }),
  );
  route(app, 'categories.setPhrases', ({ params, body, user }) => runCommand(deps, setCategoryPhrases, user, { ...body, code: params.code }));

  route(app, 'events.list', async ({ query, user }) => {
    const page = await eventsPageWithLatest(store.db, query.after, query.limit);
    // Masked for roles that may not read citizens' comments, as on the live socket (domain/privacy-events).
    return { ...page, events: page.events.map((event) => eventForRole(event, user.role)) };
  });
}
