import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { HubDeps } from '../commands/context';
import { offerUnits, recommendForReport } from '../commands/dispatch';
import { MAX_PHOTO_BYTES, PHOTO_TYPES, uploadPhoto } from '../commands/photos';
import { runCommand } from '../commands/run-command';
import { createFocusArea, createTasking } from '../commands/tasking';
import { parseOrThrow } from '../commands/validate';
import { localDateString } from '../domain/sla';
import type { PositionFix } from '../protocol/dispatch';
import { openAlerts } from '../store/alerts';
import { openAssignments } from '../store/assignments';
import { activeFocusAreas, taskingForDate } from '../store/tasking';
import { listUnits } from '../store/units';
import { requireUser } from './access';

export function registerDispatchRoutes(app: FastifyInstance, deps: HubDeps, livePositions: () => Map<string, PositionFix>, photoDir: string): void {
  const { store } = deps;

  app.get('/api/units', { config: { access: 'dispatch.read' } }, async () => {
    const live = livePositions();
    const units = (await listUnits(store.db)).map((u) => ({ ...u, position: live.get(u.id) ?? u.position }));
    return { units, assignments: await openAssignments(store.db) };
  });

  app.get('/api/alerts', { config: { access: 'dispatch.read' } }, async () => ({ alerts: await openAlerts(store.db) }));

  app.get<{ Params: { id: string } }>('/api/reports/:id/recommendations', { config: { access: 'dispatch.read' } }, async (request) => ({
    recommendations: await recommendForReport(deps, request.params.id, livePositions()),
  }));

  app.post('/api/offers', { config: { access: 'dispatch.offer' } }, async (request, reply) => {
    const assignments = await runCommand(deps, offerUnits, requireUser(request), request.body);
    return reply.status(201).send({ assignments });
  });

  app.get<{ Querystring: { date?: string } }>('/api/tasking', { config: { access: 'dispatch.read' } }, async (request) => {
    const date = parseOrThrow(z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }), request.query).date ?? localDateString(deps.clock());
    return { date, tasking: await taskingForDate(store.db, date), areas: await activeFocusAreas(store.db, deps.clock().toISOString()) };
  });

  app.post('/api/focus-areas', { config: { access: 'tasking.write' } }, async (request, reply) => {
    return reply.status(201).send(await runCommand(deps, createFocusArea, requireUser(request), request.body));
  });

  app.post('/api/tasking', { config: { access: 'tasking.write' } }, async (request, reply) => {
    return reply.status(201).send(await runCommand(deps, createTasking, requireUser(request), request.body));
  });

  const photo = uploadPhoto(photoDir);
  app.register(async (scope) => {
    for (const type of Object.keys(PHOTO_TYPES)) {
      scope.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: MAX_PHOTO_BYTES }, (_req, body, done) => done(null, body));
    }
    scope.put<{ Params: { id: string } }>('/api/field/reports/:id/photo', { config: { access: 'field.photo' }, bodyLimit: MAX_PHOTO_BYTES }, async (request, reply) => {
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const input = { reportId: request.params.id, contentType: String(request.headers['content-type']), body };
      return reply.status(201).send(await runCommand(deps, photo, requireUser(request), input));
    });
  });
}
