import type { FastifyInstance } from 'fastify';
import { setCategoryPhrases, setCategorySlaTerms } from '../commands/categories';
import type { HubDeps } from '../commands/context';
import { createReportCommand } from '../commands/reports';
import { runCommand } from '../commands/run-command';
import { eventForRole } from '../domain/privacy-events';
import { listCategories } from '../store/categories';
import { eventsPageWithLatest } from '../store/events';
import { decodeQueueCursor, encodeQueueCursor, QUEUE_ROW_FIELDS } from '../protocol/report-queue';
import { writeQueuePageJson } from '../store/report-queue';
import { reportsSnapshot } from '../store/reports';
import { ConcurrencyLimit } from './concurrency-limit';
import { JsonStream, route } from './route';

/** The console's first page (200) never waits. */
const SMALL_QUEUE_PAGE = 500;

/** The start of every queue page: the names of the row values, then the rows as the database wrote them. */
const QUEUE_FIELDS_JSON = `{"fields":${JSON.stringify(QUEUE_ROW_FIELDS)},"rows":`;

export function registerReportRoutes(app: FastifyInstance, deps: HubDeps): void {
  const { store } = deps;
  // Large queue pages (5,000 reports, ~1 MB each as slim rows) two at a time: with 50 consoles signing in together, every page
  // in flight holds its read (SQLite: the database's text; PostgreSQL: a pool client and a chunk of rows); one at a
  // time would let one slow page hold up the rest. The pages are as quick in total; the hub's peak memory is lower.
  const largeQueuePages = new ConcurrencyLimit(2);

  // The snapshot and its seq agree, so clients resume from exactly there.
  route(app, 'reports.list', ({ query }) => reportsSnapshot(store.db, query.scope));

  // The console's queue, page by page: each page is one snapshot; the client merges later pages by version.
  // The rows go to the client as they are read (http/route.ts, JsonStream); the answer starts with the first of them.
  route(app, 'reports.queue', async ({ query }) => {
    const answer = new JsonStream();
    let first: { resolve: () => void; reject: (err: unknown) => void } | undefined;
    const started = new Promise<void>((resolve, reject) => {
      first = { resolve, reject };
    });
    const write = (piece: string | Buffer) => {
      if (first) {
        answer.write(QUEUE_FIELDS_JSON);
        first.resolve();
        first = undefined;
      }
      answer.write(piece);
    };
    const read = () => writeQueuePageJson(store.db, query.after ? decodeQueueCursor(query.after) : null, query.limit, write);
    (query.limit > SMALL_QUEUE_PAGE ? largeQueuePages.run(read) : read()).then(
      (page) => {
        const next = JSON.stringify(page.next ? encodeQueueCursor(page.next) : null);
        answer.end(`,"next":${next},"total":${page.total},"seq":${page.seq}}`);
      },
      (err: unknown) => {
        if (first) first.reject(err);
        else answer.fail(err instanceof Error ? err : new Error(String(err)));
      },
    );
    await started;
    return answer;
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
