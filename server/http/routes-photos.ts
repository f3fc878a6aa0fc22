import type { FastifyInstance } from 'fastify';
import type { HubDeps } from '../commands/context';
import { CommandError } from '../commands/errors';
import { approveFixPhoto, MAX_PHOTO_BYTES, PHOTO_CONTENT_TYPES, requirePhotoAccess, uploadPhoto, withdrawFixPhoto } from '../commands/photos';
import { runCommand } from '../commands/run-command';
import { commandText } from '../domain/command-texts';
import { isAllowed } from '../domain/permissions';
import { reporterPhotoHidden } from '../domain/privacy-mask';
import { ImagePool } from '../images/image-pool';
import type { Role } from '../protocol/auth';
import { approvedVariantBytes, photoBytes, photoInfo, photosOfReport, reportOfPhoto } from '../store/photos';
import { route } from './route';

/**
 * Photos from the field: the upload (re-encoded on a worker thread), a report's list and each photo's bytes; the desk's
 * approval of a photo of the fix for the citizen (its variant made on the same worker) and that variant's bytes.
 */
export function registerPhotoRoutes(app: FastifyInstance, deps: HubDeps): void {
  /** A reporter's answer photo, for a role that reads the reporter's answer masked: 403 (domain/privacy-mask.ts). */
  const requireNotHiddenReporterPhoto = async (role: Role, photoId: string) => {
    const info = await photoInfo(deps.store.db, photoId);
    if (info && reporterPhotoHidden(info.source, isAllowed('contacts.read', role))) {
      throw new CommandError('forbidden', commandText('command.access.role_not_allowed'));
    }
  };
  const images = new ImagePool();
  app.addHook('onClose', () => images.close());
  const upload = uploadPhoto(images);
  const approve = approveFixPhoto(images);

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
    const readsContacts = isAllowed('contacts.read', user.role);
    return { photos: (await photosOfReport(deps.store.db, params.id)).filter((p) => !reporterPhotoHidden(p.source, readsContacts)) };
  });

  route(app, 'photos.get', async ({ params, user, reply }) => {
    const reportId = await reportOfPhoto(deps.store.db, params.id);
    if (!reportId) throw new CommandError('not_found', commandText('command.photo.not_found'));
    await requirePhotoAccess(deps, user, reportId);
    await requireNotHiddenReporterPhoto(user.role, params.id);
    const photo = await photoBytes(deps.store.db, params.id);
    if (!photo) throw new CommandError('not_found', commandText('command.photo.not_found'));
    reply
      .header('Content-Type', photo.contentType)
      .header('Cache-Control', 'private')
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Disposition', 'inline');
    return photo.data;
  });

  route(app, 'photos.approve', ({ params, body, user }) => runCommand(deps, approve, user, { ...body, photoId: params.id }));
  route(app, 'photos.unapprove', ({ params, user }) => runCommand(deps, withdrawFixPhoto, user, { photoId: params.id }));

  route(app, 'photos.approved', async ({ params, user, reply }) => {
    const reportId = await reportOfPhoto(deps.store.db, params.id);
    if (!reportId) throw new CommandError('not_found', commandText('command.photo.not_found'));
    await requirePhotoAccess(deps, user, reportId);
    await requireNotHiddenReporterPhoto(user.role, params.id);
    const data = await approvedVariantBytes(deps.store.db, params.id);
    if (!data) throw new CommandError('not_found', commandText('command.photo.not_approved'));
    reply.header('Content-Type', 'image/jpeg').header('Cache-Control', 'private, no-cache').header('X-Content-Type-Options', 'nosniff').header('Content-Disposition', 'inline');
    return data;
  });
}
