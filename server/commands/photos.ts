import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { commandText } from '../domain/command-texts';
import { isAssignedToUnit } from '../store/assignments';
import { insertPhoto } from '../store/photos';
import { CommandError } from './errors';
import { ownUnitId } from './dispatch';
import { userCommand } from './run-command';

export const PHOTO_TYPES: Record<string, { ext: string; magic: number[] }> = {
  'image/jpeg': { ext: 'jpg', magic: [0xff, 0xd8, 0xff] },
  'image/png': { ext: 'png', magic: [0x89, 0x50, 0x4e, 0x47] },
};
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

const PhotoUpload = z.object({ reportId: z.string().min(1).max(64), contentType: z.string(), body: z.instanceof(Buffer) });

/** A field unit's photo of a report it was assigned: the file in `photoDir`, its row in the store. */
export function uploadPhoto(photoDir: string) {
  return userCommand({
    name: 'photo.upload',
    access: 'field.photo',
    input: PhotoUpload,
    async apply(tx, { reportId, contentType, body }, user): Promise<{ photoId: string; size: number }> {
      const type = PHOTO_TYPES[contentType.split(';')[0] ?? ''];
      if (!type?.magic.every((b, i) => body[i] === b)) {
        throw new CommandError('validation', commandText('command.photo.invalid'), { photo: commandText('command.photo.invalid_field') });
      }
      if (!(await isAssignedToUnit(tx.trx, ownUnitId(user), reportId))) {
        throw new CommandError('forbidden', commandText('command.access.not_assigned'));
      }
      const id = randomUUID();
      await mkdir(photoDir, { recursive: true });
      const path = join(photoDir, `${id}.${type.ext}`);
      await writeFile(path, body);
      await insertPhoto(tx.trx, { id, reportId, unitId: user.unitId, contentType, size: body.length, path, at: tx.at });
      return { photoId: id, size: body.length };
    },
  });
}
