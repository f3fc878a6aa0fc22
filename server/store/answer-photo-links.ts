import type { Kysely } from 'kysely';
import type { DB } from './schema';
import './schema-external';

/**
 * The answers that name photos by id, the reporter's answer to the desk's question and an external party's answer,
 * lose those ids when the reports' photos are deleted (privacy erasure, retention), in the same transaction: no
 * record points at a photo that is gone. The event log's copies are rewritten by the callers' own payload scrub.
 */
export async function dropAnswerPhotoLinks(trx: Kysely<DB>, reportIds: readonly string[]): Promise<void> {
  if (reportIds.length === 0) return;
  const ids = [...reportIds];
  await trx.updateTable('reporter_questions').set({ answer_photo_id: null }).where('report_id', 'in', ids).where('answer_photo_id', 'is not', null).execute();
  await trx.updateTable('external_referrals').set({ answer_photo_ids: '[]' }).where('report_id', 'in', ids).where('answer_photo_ids', '<>', '[]').execute();
}
