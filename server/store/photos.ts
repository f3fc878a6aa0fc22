import type { Kysely } from 'kysely';
import type { DB } from './schema';

export async function insertPhoto(
  trx: Kysely<DB>,
  photo: { id: string; reportId: string; unitId: string | null; contentType: string; size: number; path: string; at: string },
): Promise<void> {
  await trx
    .insertInto('photos')
    .values({
      id: photo.id,
      report_id: photo.reportId,
      unit_id: photo.unitId,
      content_type: photo.contentType,
      size: photo.size,
      path: photo.path,
      created_at: photo.at,
    })
    .execute();
}
