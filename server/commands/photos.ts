import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { commandText } from '../domain/command-texts';
import type { DomainText } from '../domain/domain-text';
import { isAllowed } from '../domain/permissions';
import type { ImagePool } from '../images/image-pool';
import { rectInside } from '../images/fix-variant';
import { DEFAULT_IMAGE_LIMITS, ImageRefused, isImageType, type ReencodedImage } from '../images/reencode';
import type { User } from '../protocol/auth';
import { EntityId } from '../protocol/common';
import { isAssignedToUnit } from '../store/assignments';
import { type FindingPhoto, MAX_FINDING_PHOTOS, PhotoApprovalBody, type PhotoInfo, type PhotoRect } from '../protocol/photos';
import {
  approvePhoto,
  deleteLegacyPhoto,
  insertPhoto,
  linkPhotoToFinding,
  photoForApproval,
  photoInfo,
  reportExists,
  withdrawApprovals,
} from '../store/photos';
import { isFixPhotoCandidate } from '../domain/photo-source';
import { getReport, touchReport } from '../store/reports';
import type { Store } from '../store/open';
import type { HubDeps } from './context';
import { CommandError } from './errors';
import { ownUnitId } from './dispatch';
import { type CommandTx, systemCommand, userCommand } from './run-command';

export const PHOTO_CONTENT_TYPES = ['image/jpeg', 'image/png'] as const;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

const PhotoUpload = z.object({ reportId: EntityId, contentType: z.string(), body: z.instanceof(Buffer) });

/** Why a photo is refused: not a JPEG or PNG within the size (`type`), more pixels than allowed, or unreadable. */
export function photoRefusalText(reason: ImageRefused['reason'] | 'type'): DomainText {
  return reason === 'type'
    ? commandText('command.photo.invalid')
    : reason === 'too_many_pixels'
      ? commandText('command.photo.too_many_pixels', { megapixels: DEFAULT_IMAGE_LIMITS.maxPixels / 1_000_000 })
      : commandText('command.photo.unreadable');
}

function invalidPhoto(reason: ImageRefused['reason'] | 'type'): CommandError {
  return new CommandError('validation', photoRefusalText(reason), { photo: commandText('command.photo.invalid_field') });
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

/**
 * Ties the photos sent with a finding to it (in the finding's transaction), each marked before or after; `photoId`
 * alone (older field clients) is tied without a mark. Refuses a photo of another report or unit, one already tied,
 * the same photo twice and more than MAX_FINDING_PHOTOS: the whole finding is refused, so nothing is half-written.
 */
export async function attachFindingPhotos(
  tx: CommandTx,
  user: User,
  link: { reportId: string; seq: number; photos: FindingPhoto[]; photoId?: string | undefined },
): Promise<void> {
  const photos: { photoId: string; kind: FindingPhoto['kind'] | null }[] = [...link.photos];
  if (link.photoId && !photos.some((p) => p.photoId === link.photoId)) photos.push({ photoId: link.photoId, kind: null });
  if (photos.length > MAX_FINDING_PHOTOS) {
    const text = commandText('command.photo.too_many', { max: MAX_FINDING_PHOTOS });
    throw new CommandError('validation', text, { photos: text });
  }
  const seen = new Set<string>();
  for (const [index, photo] of photos.entries()) {
    if (seen.has(photo.photoId)) {
      const text = commandText('command.photo.duplicate');
      throw new CommandError('validation', text, { [`photos.${index}.photoId`]: text });
    }
    seen.add(photo.photoId);
    const linked = await linkPhotoToFinding(tx.trx, { photoId: photo.photoId, reportId: link.reportId, seq: link.seq, kind: photo.kind, unitId: ownUnitId(user) });
    if (!linked) {
      const text = commandText('command.photo.not_of_report');
      const field = link.photos.some((p) => p.photoId === photo.photoId) ? `photos.${index}.photoId` : 'photoId';
      throw new CommandError('validation', text, { [field]: text });
    }
  }
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

// ---- the photo of the fix, approved for the citizen ----

const Approve = PhotoApprovalBody.extend({ photoId: EntityId });

function rectRefusal(field: string, size: { width: number; height: number }): CommandError {
  const text = commandText('command.photo.rect_outside', { width: size.width, height: size.height });
  return new CommandError('validation', text, { [field]: text });
}

/**
 * Refuses a photo that cannot be approved: unknown (404), of no report any more, or not a photo of the fix (422): a
 * field unit's after photo or an external party's answer photo may be approved, a reporter's own photo never
 * (domain/photo-source.ts).
 */
async function requireApprovable(db: Store['db'], photoId: string): Promise<NonNullable<Awaited<ReturnType<typeof photoForApproval>>>> {
  const photo = await photoForApproval(db, photoId);
  if (!photo || !(await reportExists(db, photo.reportId))) throw new CommandError('not_found', commandText('command.photo.not_found'));
  if (!isFixPhotoCandidate(photo)) {
    const text = commandText('command.photo.approve_after_only');
    throw new CommandError('validation', text, { photoId: text });
  }
  return photo;
}

/**
 * The desk approves an after photo for the citizen: the crop and the blur rectangles (in the original's pixels, inside
 * it) are applied on the image worker to a copy, a new JPEG that becomes the report's one public photo (status page,
 * closing message when `send`, "foto meesturen"); the original stays staff-only and unchanged. Approving again replaces
 * the variant.
 */
export function approveFixPhoto(images: ImagePool) {
  return userCommand({
    name: 'photo.approve',
    access: 'photos.approve',
    input: Approve,
    async prepare(deps, input): Promise<{ photoId: string; reportId: string; crop: PhotoRect | null; blurs: PhotoRect[]; send: boolean; variant: ReencodedImage }> {
      const photo = await requireApprovable(deps.store.db, input.photoId);
      const crop = input.crop ?? null;
      if (crop && !rectInside(crop, photo)) throw rectRefusal('crop', photo);
      for (const [index, rect] of input.blurs.entries()) if (!rectInside(rect, photo)) throw rectRefusal(`blurs.${index}`, photo);
      if (!isImageType(photo.contentType)) throw new CommandError('validation', commandText('command.photo.invalid'), { photoId: commandText('command.photo.invalid') });
      try {
        const variant = await images.fixVariant(photo.data, photo.contentType, { crop, blurs: input.blurs });
        return { photoId: input.photoId, reportId: photo.reportId, crop, blurs: input.blurs, send: input.send, variant };
      } catch (err) {
        if (err instanceof ImageRefused) throw invalidPhoto(err.reason);
        throw err;
      }
    },
    async apply(tx, prepared, user): Promise<PhotoInfo> {
      // The photo may have gone (report erased) while the variant was made.
      const photo = await requireApprovable(tx.trx, prepared.photoId);
      await approvePhoto(tx.trx, {
        photoId: prepared.photoId,
        reportId: photo.reportId,
        crop: prepared.crop,
        blurs: prepared.blurs,
        send: prepared.send,
        variant: prepared.variant,
        by: user.id,
        at: tx.at,
      });
      const info = await photoInfo(tx.trx, prepared.photoId);
      if (!info) throw new CommandError('not_found', commandText('command.photo.not_found'));
      await photoEvent(tx, info, 'approved', user.id);
      return info;
    },
  });
}

/**
 * The report with its new version and the event telling every console that its public photo changed, in the
 * command's transaction; published after commit (run-command.ts), so other consoles reload the report's photos.
 */
async function photoEvent(tx: CommandTx, info: PhotoInfo, change: 'approved' | 'withdrawn', actorId: string | null): Promise<void> {
  await tx.emit(async (seq) => {
    await touchReport(tx.trx, info.reportId, { version: seq, updatedAt: tx.at });
    const report = await getReport(tx.trx, info.reportId);
    if (!report) throw new Error(`report ${info.reportId} vanished inside its own transaction`);
    return { type: 'report.photo' as const, at: tx.at, actorId, report, change, photoId: info.id };
  });
}

/** The desk withdraws the approval: the variant is deleted, the status page shows no photo any more. */
export const withdrawFixPhoto = userCommand({
  name: 'photo.unapprove',
  access: 'photos.approve',
  input: z.object({ photoId: EntityId }),
  async apply(tx, { photoId }, user): Promise<PhotoInfo> {
    const before = await photoInfo(tx.trx, photoId);
    if (!before) throw new CommandError('not_found', commandText('command.photo.not_found'));
    if (!before.approval) throw new CommandError('conflict', commandText('command.photo.not_approved'));
    await withdrawApprovals(tx.trx, before.reportId, photoId);
    const info = await photoInfo(tx.trx, photoId);
    if (!info) throw new CommandError('not_found', commandText('command.photo.not_found'));
    await photoEvent(tx, info, 'withdrawn', user.id);
    return info;
  },
});
