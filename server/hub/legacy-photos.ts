import { readFile, rm } from 'node:fs/promises';
import type { HubDeps } from '../commands/context';
import { importLegacyPhoto } from '../commands/photos';
import { runCommand } from '../commands/run-command';
import { ImagePool } from '../images/image-pool';
import { isImageType, type ReencodedImage } from '../images/reencode';
import { legacyPhotos } from '../store/photos';

/**
 * Photos uploaded before they moved into the store were files on one node's disk (`<dataDir>/photos`),
 * stored as sent. At start-up each is decoded and encoded anew into the store, like a new upload, and
 * its file removed; a file that is gone or no image is dropped. Returns how many were imported.
 */
export async function importLegacyPhotos(deps: HubDeps): Promise<number> {
  let rows = await legacyPhotos(deps.store.db, 50);
  if (rows.length === 0) return 0;
  const images = new ImagePool();
  let imported = 0;
  try {
    while (rows.length > 0) {
      for (const row of rows) {
        const image = await reencoded(images, row.path, row.content_type);
        const legacy = { id: row.id, reportId: row.report_id, unitId: row.unit_id, createdAt: row.created_at };
        if (await runCommand(deps, importLegacyPhoto, 'system', { legacy, image })) imported++;
        else deps.log.warn({ photoId: row.id }, 'legacy photo dropped: its file is gone, no image, or its report was deleted');
        await rm(row.path, { force: true }).catch(() => undefined);
      }
      rows = await legacyPhotos(deps.store.db, 50);
    }
  } finally {
    await images.close();
  }
  deps.log.info({ imported }, 'legacy photos moved into the store');
  return imported;
}

async function reencoded(images: ImagePool, path: string, contentType: string): Promise<ReencodedImage | null> {
  if (!isImageType(contentType)) return null;
  try {
    return await images.reencode(await readFile(path), contentType);
  } catch {
    return null;
  }
}
