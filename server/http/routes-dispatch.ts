import type { FastifyInstance } from 'fastify';
import type { HubDeps } from '../commands/context';
import { offerUnits, recommendForReport } from '../commands/dispatch';
import { MAX_PHOTO_BYTES, PHOTO_TYPES, uploadPhoto } from '../commands/photos';
import { runCommand } from '../commands/run-command';
import { createFocusArea, createTasking } from '../commands/tasking';
import { localDateString } from '../domain/sla';
import type { PositionFix } from '../protocol/dispatch';
import { openAlerts } from '../store/alerts';
import { openAssignments } from '../store/assignments';
import { activeFocusAreas, taskingForDate } from '../store/tasking';
import { listUnits } from '../store/units';
import { route } from './route';

/** The units board, alerts, recommendations and offers, the day's tasking, and photos from the field. */
export function registerDispatchRoutes(app: FastifyInstance, deps: HubDeps, livePositions: () => Map<string, PositionFix>, photoDir: string): void {
  const { store } = deps;

  route(app, 'units.list', async () => {
    const live = livePositions();
    const units = (await listUnits(store.db)).map((u) => ({ ...u, position: live.get(u.id) ?? u.position }));
    return { units, assignments: await openAssignments(store.db) };
  });

  route(app, 'alerts.list', async () => ({ alerts: await openAlerts(store.db) }));

  route(app, 'reports.recommendations', async ({ params }) => ({ recommendations: await recommendForReport(deps, params.id, livePositions()) }));

  route(app, 'offers.create', async ({ body, user }) => ({ assignments: await runCommand(deps, offerUnits, user, body) }));

  route(app, 'tasking.get', async ({ query }) => {
    const date = query.date ?? localDateString(deps.clock());
    return { date, tasking: await taskingForDate(store.db, date), areas: await activeFocusAreas(store.db, deps.clock().toISOString()) };
  });

  route(app, 'focusAreas.create', ({ body, user }) => runCommand(deps, createFocusArea, user, body));

  route(app, 'tasking.create', ({ body, user }) => runCommand(deps, createTasking, user, body));

  const photo = uploadPhoto(photoDir);
  app.register(async (scope) => {
    for (const type of Object.keys(PHOTO_TYPES)) {
      scope.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: MAX_PHOTO_BYTES }, (_req, body, done) => done(null, body));
    }
    route(
      scope,
      'photos.upload',
      ({ params, request, user }) => {
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        return runCommand(deps, photo, user, { reportId: params.id, contentType: String(request.headers['content-type']), body });
      },
      { bodyLimit: MAX_PHOTO_BYTES },
    );
  });
}
