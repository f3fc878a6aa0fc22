import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { HubDeps } from '../commands/context';
import { offerUnits, recommendForReport } from '../commands/dispatch';
import { CommandError } from '../commands/errors';
import { parseOrThrow } from '../commands/validate';
import { localDateString } from '../domain/sla';
import { FocusArea, type PositionFix, TaskingEntry } from '../protocol/dispatch';
import type { HubEvent } from '../protocol/events';
import { openAlerts } from '../store/alerts';
import { rowToAssignment } from '../store/assignments';
import { insertEvent, nextSeq } from '../store/events';
import { activeFocusAreas, getFocusArea, insertFocusArea, insertTasking, taskingForDate } from '../store/tasking';
import { getUnit, listUnits } from '../store/units';
import { requireUser } from './access';

const PHOTO_TYPES: Record<string, { ext: string; magic: number[] }> = {
  'image/jpeg': { ext: 'jpg', magic: [0xff, 0xd8, 0xff] },
  'image/png': { ext: 'png', magic: [0x89, 0x50, 0x4e, 0x47] },
};
const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

const NewFocusArea = FocusArea.omit({ id: true });
const NewTasking = TaskingEntry.omit({ id: true });

export function registerDispatchRoutes(app: FastifyInstance, deps: HubDeps, livePositions: () => Map<string, PositionFix>, photoDir: string): void {
  const { store } = deps;

  app.get('/api/units', { config: { access: 'dispatch.read' } }, async () => {
    const live = livePositions();
    const units = (await listUnits(store.db)).map((u) => ({ ...u, position: live.get(u.id) ?? u.position }));
    const rows = await store.db.selectFrom('assignments').selectAll().where('state', 'in', ['offered', 'accepted']).execute();
    return { units, assignments: rows.map(rowToAssignment) };
  });

  app.get('/api/alerts', { config: { access: 'dispatch.read' } }, async () => ({ alerts: await openAlerts(store.db) }));

  app.get<{ Params: { id: string } }>('/api/reports/:id/recommendations', { config: { access: 'dispatch.read' } }, async (request) => ({
    recommendations: await recommendForReport(deps, request.params.id, livePositions()),
  }));

  app.post('/api/offers', { config: { access: 'dispatch.offer' } }, async (request, reply) => {
    const assignments = await offerUnits(deps, requireUser(request), request.body);
    return reply.status(201).send({ assignments });
  });

  app.get<{ Querystring: { date?: string } }>('/api/tasking', { config: { access: 'dispatch.read' } }, async (request) => {
    const date = parseOrThrow(z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }), request.query).date ?? localDateString(deps.clock());
    return { date, tasking: await taskingForDate(store.db, date), areas: await activeFocusAreas(store.db, deps.clock().toISOString()) };
  });

  app.post('/api/focus-areas', { config: { access: 'tasking.write' } }, async (request, reply) => {
    const area = parseOrThrow(NewFocusArea, request.body);
    if (Date.parse(area.endsAt) <= Date.parse(area.startsAt)) throw new CommandError('validation', 'Einde moet na begin liggen', { endsAt: 'Einde moet na begin liggen' });
    const created = await insertFocusArea(store.db, area, requireUser(request).id, deps.clock().toISOString());
    await publishTaskingChange(deps, requireUser(request).id, localDateString(deps.clock()));
    return reply.status(201).send(created);
  });

  app.post('/api/tasking', { config: { access: 'tasking.write' } }, async (request, reply) => {
    const entry = parseOrThrow(NewTasking, request.body);
    if (!(await getUnit(store.db, entry.unitId))) throw new CommandError('validation', 'Onbekende eenheid', { unitId: 'Onbekende eenheid' });
    if (!(await getFocusArea(store.db, entry.areaId))) throw new CommandError('validation', 'Onbekend gebied', { areaId: 'Onbekend gebied' });
    const created = await insertTasking(store.db, entry, requireUser(request).id);
    await publishTaskingChange(deps, requireUser(request).id, entry.date);
    return reply.status(201).send(created);
  });

  app.register(async (scope) => {
    for (const type of Object.keys(PHOTO_TYPES)) {
      scope.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: MAX_PHOTO_BYTES }, (_req, body, done) => done(null, body));
    }
    scope.put<{ Params: { id: string } }>('/api/field/reports/:id/photo', { config: { access: 'field.photo' }, bodyLimit: MAX_PHOTO_BYTES }, async (request, reply) => {
      const user = requireUser(request);
      const type = PHOTO_TYPES[String(request.headers['content-type']).split(';')[0] ?? ''];
      const body = request.body as Buffer;
      if (!type || !Buffer.isBuffer(body) || !type.magic.every((b, i) => body[i] === b)) {
        throw new CommandError('validation', 'Alleen een JPEG- of PNG-foto tot 5 MB', { photo: 'Ongeldige foto' });
      }
      const assigned = await store.db
        .selectFrom('assignments')
        .select('id')
        .where('unit_id', '=', user.unitId ?? '')
        .where('report_id', '=', request.params.id)
        .where('state', 'in', ['accepted', 'completed'])
        .executeTakeFirst();
      if (!assigned) throw new CommandError('forbidden', 'Deze melding is niet aan uw eenheid toegewezen');
      const id = randomUUID();
      await mkdir(photoDir, { recursive: true });
      const path = join(photoDir, `${id}.${type.ext}`);
      await writeFile(path, body);
      await store.db
        .insertInto('photos')
        .values({ id, report_id: request.params.id, unit_id: user.unitId, content_type: String(request.headers['content-type']), size: body.length, path, created_at: deps.clock().toISOString() })
        .execute();
      return reply.status(201).send({ photoId: id, size: body.length });
    });
  });
}

async function publishTaskingChange(deps: HubDeps, actorId: string, date: string): Promise<void> {
  const event = await deps.store.writeTransaction(async (trx) => {
    const e: HubEvent = { seq: await nextSeq(trx), type: 'tasking.updated', at: deps.clock().toISOString(), actorId, date };
    await insertEvent(trx, e, null);
    return e;
  });
  deps.publisher.publish(event);
}
