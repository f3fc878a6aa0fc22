import type { FastifyInstance } from 'fastify';
import { reportIdForToken } from '../commands/citizen';
import type { HubDeps } from '../commands/context';
import { approvedFixPhoto } from '../store/photos';

/**
 * The one exception to "photos only for staff": the photo of the fix the desk approved (cropped and blurred, a separate
 * JPEG; never the original) under the report's unguessable status token, `GET /status/:token/foto`. An unknown token,
 * or a report without an approved photo, is a plain 404 (which of the two is not told). Not cached by shared caches:
 * the approval can be withdrawn and the report's personal data erased.
 */
export function registerCitizenPhotoRoute(app: FastifyInstance, deps: HubDeps): void {
  app.get<{ Params: { token: string } }>('/status/:token/foto', { config: { access: 'public' } }, async (request, reply) => {
    const reportId = await reportIdForToken(deps, request.params.token);
    const photo = reportId ? await approvedFixPhoto(deps.store.db, reportId) : undefined;
    if (!photo) {
      return reply.status(404).header('content-type', 'text/plain; charset=utf-8').header('cache-control', 'no-store').send('Geen foto gevonden.');
    }
    return reply
      .header('content-type', photo.contentType)
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', 'inline; filename="foto-na-afhandeling.jpg"')
      .header('referrer-policy', 'no-referrer')
      .send(photo.data);
  });
}
