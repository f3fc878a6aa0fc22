import type { Kysely } from 'kysely';
import type { PhotoInfo } from '../protocol/photos';
import type { DB, PhotoLegacyTable } from './schema';

/** Photos are re-encoded images kept in the store (not on one node's disk), so any hub node serves them. */

export interface NewPhoto {
  id: string;
  reportId: string;
  unitId: string | null;
  contentType: string;
  width: number;
  height: number;
  data: Uint8Array;
  at: string;
}

export async function insertPhoto(trx: Kysely<DB>, photo: NewPhoto): Promise<void> {
  await trx
    .insertInto('photos')
    .values({
      id: photo.id,
      report_id: photo.reportId,
      unit_id: photo.unitId,
      content_type: photo.contentType,
      size: photo.data.byteLength,
      width: photo.width,
      height: photo.height,
      data: photo.data,
      finding_seq: null,
      created_at: photo.at,
    })
    .execute();
}

/** The report's photos without their bytes, oldest first. */
export async function photosOfReport(db: Kysely<DB>, reportId: string): Promise<PhotoInfo[]> {
  const rows = await db
    .selectFrom('photos')
    .select(['id', 'report_id', 'content_type', 'size', 'width', 'height', 'finding_seq', 'created_at'])
    .where('report_id', '=', reportId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    reportId: r.report_id,
    contentType: r.content_type as PhotoInfo['contentType'],
    size: Number(r.size),
    width: Number(r.width),
    height: Number(r.height),
    findingSeq: r.finding_seq === null ? null : Number(r.finding_seq),
    createdAt: r.created_at,
  }));
}

/** Which report a photo belongs to (for the access check before its bytes are read). */
export async function reportOfPhoto(db: Kysely<DB>, photoId: string): Promise<string | undefined> {
  const row = await db.selectFrom('photos').select('report_id').where('id', '=', photoId).executeTakeFirst();
  return row?.report_id;
}

export async function photoBytes(db: Kysely<DB>, photoId: string): Promise<{ contentType: string; data: Buffer } | undefined> {
  const row = await db.selectFrom('photos').select(['content_type', 'data']).where('id', '=', photoId).executeTakeFirst();
  if (!row) return undefined;
  const data = row.data as Uint8Array;
  return { contentType: row.content_type, data: Buffer.isBuffer(data) ? data : Buffer.from(data) };
}

/**
 * Ties a photo the unit uploaded to the finding it was sent with. Only a photo of this report by this
 * unit that is not tied yet; returns whether it was.
 */
export async function linkPhotoToFinding(trx: Kysely<DB>, link: { photoId: string; reportId: string; unitId: string; seq: number }): Promise<boolean> {
  const result = await trx
    .updateTable('photos')
    .set({ finding_seq: link.seq })
    .where('id', '=', link.photoId)
    .where('report_id', '=', link.reportId)
    .where('unit_id', '=', link.unitId)
    .where('finding_seq', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

// ---- photos stored as files before migration 0008 ----

export async function legacyPhotos(db: Kysely<DB>, limit: number): Promise<PhotoLegacyTable[]> {
  return db.selectFrom('photos_legacy').selectAll().orderBy('created_at').limit(limit).execute();
}

export async function deleteLegacyPhoto(trx: Kysely<DB>, id: string): Promise<void> {
  await trx.deleteFrom('photos_legacy').where('id', '=', id).execute();
}

/** Is the report still there (a legacy photo of a report deleted since is dropped)? */
export async function reportExists(db: Kysely<DB>, reportId: string): Promise<boolean> {
  return (await db.selectFrom('reports').select('id').where('id', '=', reportId).executeTakeFirst()) !== undefined;
}
