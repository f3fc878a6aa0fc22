import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { commandText } from '../domain/command-texts';
import { isAllowed } from '../domain/permissions';
import type { ImagePool } from '../images/image-pool';
import { DEFAULT_IMAGE_LIMITS, ImageRefused, isImageType, type ReencodedImage } from '../images/reencode';
import type { User } from '../protocol/auth';
import { EntityId } from '../protocol/common';
import { isAssignedToUnit } from '../store/assignments';
import { deleteLegacyPhoto, insertPhoto, linkPhotoToFinding, reportExists } from '../store/photos';
import { getReport } from '../store/reports';
import type { Store } from '../store/open';
import type { HubDeps } from './context';
import { CommandError } from './errors';
import { ownUnitId } from './dispatch';
import { type CommandTx, systemCommand, userCommand } from './run-command';

export const PHOTO_CONTENT_TYPES = ['image/jpeg', 'image/png'] as const;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

const PhotoUpload = z.object({ reportId: EntityId, contentType: z.string(), body: z.instanceof(Buffer) });

function invalidPhoto(reason: ImageRefused['reason'] | 'type'): CommandError {
  const text =
    reason === 'type'
      ? commandText('command.photo.invalid')
      : reason === 'too_many_pixels'
        ? commandText('command.photo.too_many_pixels', { megapixels: DEFAULT_IMAGE_LIMITS.maxPixels / 1_000_000 })
        : commandText('command.photo.unreadable');
  return new CommandError('validation', text, { photo: commandText('command.photo.invalid_field') });
}

async function requireAssigned(db: Store['db'], user: User, reportId: string): Promise<void> {
  if (!(await isAssignedToUnit(db, ownUnitId(user), reportId))) throw new CommandError('forbidden', commandText('command.access.not_assigned'));
}

/**
 * A field unit's photo of a report it was assigned. The upload is decoded and encoded anew on a worker
 * thread before the transaction (so only pixels are kept: no EXIF or GPS, nothing riding along), and
 * stored in the database, so every hub node can serve it. What does not decode is refused (422).
 */
export function uploadPhoto(images: ImagePool) {
  return userCommand({
    name: 'photo.upload',
    access: 'field.photo',
    input: PhotoUpload,
    async prepare(deps, { reportId, contentType, body }, user): Promise<{ reportId: string; image: ReencodedImage }> {
      const type = (contentType.split(';')[0] ?? '').trim().toLowerCase();
      if (!isImageType(type) || body.length === 0 || body.length > MAX_PHOTO_BYTES) throw invalidPhoto('type');
      // Checked before the work, and again in the transaction.
      await requireAssigned(deps.store.db, user, reportId);
      try {
        return { reportId, image: await images.reencode(body, type) };
      } catch (err) {
        if (err instanceof ImageRefused) throw invalidPhoto(err.reason);
        throw err;
      }
    },
    async apply(tx, { reportId, image }, user): Promise<{ photoId: string; size: number }> {
      await requireAssigned(tx.trx, user, reportId);
      const id = randomUUID();
      await insertPhoto(tx.trx, { id, reportId, unitId: user.unitId, contentType: image.type, width: image.width, height: image.height, data: image.bytes, at: tx.at });
      return { photoId: id, size: image.bytes.byteLength };
    },
  });
}

/** Ties the photo sent with a finding to it (in the finding's transaction); refuses a photo of another report or unit. */
export async function attachFindingPhoto(tx: CommandTx, user: User, link: { photoId: string; reportId: string; seq: number }): Promise<void> {
  const linked = await linkPhotoToFinding(tx.trx, { ...link, unitId: ownUnitId(user) });
  if (!linked) throw new CommandError('validation', commandText('command.photo.not_of_report'), { photoId: commandText('command.photo.not_of_report') });
}

/**
 * Who may see a report's photos: the roles that may read the report, and the field unit assigned to it.
 * Throws not_found for an unknown report, forbidden for anyone else.
 */
export async function requirePhotoAccess(deps: HubDeps, user: User, reportId: string): Promise<void> {
  if (!(await getReport(deps.store.db, reportId))) throw new CommandError('not_found', commandText('command.report.not_found'));
  if (isAllowed('report.read', user.role)) return;
  if (isAllowed('field.connect', user.role) && user.unitId && (await isAssignedToUnit(deps.store.db, user.unitId, reportId))) return;
  throw new CommandError('forbidden', commandText('command.access.not_assigned'));
}

const LegacyImport = z.object({
  legacy: z.object({ id: z.string(), reportId: z.string(), unitId: z.string().nullable(), createdAt: z.string() }),
  image: z.object({ type: z.enum(PHOTO_CONTENT_TYPES), bytes: z.instanceof(Uint8Array), width: z.number().int(), height: z.number().int() }).nullable(),
});

/**
 * A photo stored as a file before photos moved into the store: its re-encoded image takes its place
 * (same id), or, when its file is gone or no image, it is dropped.
 */
export const importLegacyPhoto = systemCommand({
  name: 'photo.import_legacy',
  input: LegacyImport,
  async apply(tx, { legacy, image }): Promise<boolean> {
    await deleteLegacyPhoto(tx.trx, legacy.id);
    if (!image || !(await reportExists(tx.trx, legacy.reportId))) return false;
    await insertPhoto(tx.trx, { id: legacy.id, reportId: legacy.reportId, unitId: legacy.unitId, contentType: image.type, width: image.width, height: image.height, data: image.bytes, at: legacy.createdAt });
    return true;
  },
});
