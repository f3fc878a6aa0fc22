import type { FastifyInstance } from 'fastify';
import type { HubDeps } from '../commands/context';
import { CommandError } from '../commands/errors';
import { MAX_PHOTO_BYTES, PHOTO_CONTENT_TYPES, requirePhotoAccess, uploadPhoto } from '../commands/photos';
import { runCommand } from '../commands/run-command';
import { commandText } from '../domain/command-texts';
import { ImagePool } from '../images/image-pool';
import { photoBytes, photosOfReport, reportOfPhoto } from '../store/photos';
import { route } from './route';

/** Photos from the field: the upload (re-encoded on a worker thread), a report's list and each photo's bytes. */
export function registerPhotoRoutes(app: FastifyInstance, deps: HubDeps): void {
  const images = new ImagePool();
  app.addHook('onClose', () => images.close());
  const upload = uploadPhoto(images);

  app.register(async (scope) => {
    for (const type of PHOTO_CONTENT_TYPES) {
      scope.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: MAX_PHOTO_BYTES }, (_req, body, done) => done(null, body));
    }
    route(
      scope,
      'photos.upload',
      ({ params, request, user }) => {
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        return runCommand(deps, upload, user, { reportId: params.id, contentType: String(request.headers['content-type']), body });
      },
      { bodyLimit: MAX_PHOTO_BYTES },
    );
  });

  route(app, 'photos.list', async ({ params, user }) => {
    await requirePhotoAccess(deps, user, params.id);
    return { photos: await photosOfReport(deps.store.db, params.id) };
  });

  route(app, 'photos.get', async ({ params, user, reply }) => {
    const reportId = await reportOfPhoto(deps.store.db, params.id);
    if (!reportId) throw new CommandError('not_found', commandText('command.photo.not_found'));
    await requirePhotoAccess(deps, user, reportId);
    const photo = await photoBytes(deps.store.db, params.id);
    if (!photo) throw new CommandError('not_found', commandText('command.photo.not_found'));
    reply
      .header('Content-Type', photo.contentType)
      .header('Cache-Control', 'private')
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Disposition', 'inline');
    return photo.data;
  });
}
