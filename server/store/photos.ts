import type { Kysely, Selectable } from 'kysely';
import { photoSourceOf } from '../domain/photo-source';
import type { PhotoInfo, PhotoKind, PhotoRect, PhotoSource } from '../protocol/photos';
import type { DB, PhotoLegacyTable, PhotoTable } from './schema';
import './schema-external';

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

const INFO_COLUMNS = [
  'id',
  'report_id',
  'unit_id',
  'content_type',
  'size',
  'width',
  'height',
  'finding_seq',
  'created_at',
  'kind',
  'approval_state',
  'approval_params',
  'approved_size',
  'approved_width',
  'approved_height',
  'approved_by',
  'approved_at',
] as const;

type InfoRow = Pick<Selectable<PhotoTable>, (typeof INFO_COLUMNS)[number]>;

function approvalOf(r: InfoRow): PhotoInfo['approval'] {
  if (r.approval_state !== 'approved' || !r.approved_at) return null;
  const params = parseParams(r.approval_params);
  return {
    crop: params.crop,
    blurs: params.blurs,
    send: params.send,
    width: Number(r.approved_width),
    height: Number(r.approved_height),
    size: Number(r.approved_size),
    approvedBy: r.approved_by,
    approvedAt: r.approved_at,
  };
}

function parseParams(text: string | null): { crop: PhotoRect | null; blurs: PhotoRect[]; send: boolean } {
  try {
    const parsed = JSON.parse(text ?? '{}') as { crop?: PhotoRect | null; blurs?: PhotoRect[]; send?: boolean };
    return { crop: parsed.crop ?? null, blurs: Array.isArray(parsed.blurs) ? parsed.blurs : [], send: parsed.send === true };
  } catch {
    return { crop: null, blurs: [], send: false };
  }
}

/** The photos of a report's answers: the reporter's (status page) and the external parties' (photo-source.ts). */
async function answerPhotosOf(db: Kysely<DB>, reportId: string): Promise<{ reporter: Set<string>; external: Set<string> }> {
  const [questions, referrals] = await Promise.all([
    db.selectFrom('reporter_questions').select('answer_photo_id').where('report_id', '=', reportId).where('answer_photo_id', 'is not', null).execute(),
    db.selectFrom('external_referrals').select('answer_photo_ids').where('report_id', '=', reportId).where('answered_at', 'is not', null).execute(),
  ]);
  const external = new Set<string>();
  for (const r of referrals) for (const id of JSON.parse(r.answer_photo_ids) as string[]) external.add(id);
  return { reporter: new Set(questions.flatMap((q) => (q.answer_photo_id ? [q.answer_photo_id] : []))), external };
}

function infoOf(r: InfoRow, source: PhotoSource): PhotoInfo {
  return {
    id: r.id,
    reportId: r.report_id,
    contentType: r.content_type as PhotoInfo['contentType'],
    size: Number(r.size),
    width: Number(r.width),
    height: Number(r.height),
    findingSeq: r.finding_seq === null ? null : Number(r.finding_seq),
    createdAt: r.created_at,
    kind: r.kind === 'before' || r.kind === 'after' ? r.kind : null,
    source,
    approval: approvalOf(r),
  };
}

/** The report's photos without their bytes, oldest first. */
export async function photosOfReport(db: Kysely<DB>, reportId: string): Promise<PhotoInfo[]> {
  const rows = await db.selectFrom('photos').select(INFO_COLUMNS).where('report_id', '=', reportId).orderBy('created_at').orderBy('id').execute();
  if (rows.length === 0) return [];
  const answers = await answerPhotosOf(db, reportId);
  return rows.map((r) => infoOf(r, photoSourceOf({ id: r.id, unitId: r.unit_id }, answers)));
}

/** One photo without its bytes. */
export async function photoInfo(db: Kysely<DB>, photoId: string): Promise<PhotoInfo | undefined> {
  const row = await db.selectFrom('photos').select(INFO_COLUMNS).where('id', '=', photoId).executeTakeFirst();
  if (!row) return undefined;
  return infoOf(row, photoSourceOf({ id: row.id, unitId: row.unit_id }, await answerPhotosOf(db, row.report_id)));
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
 * Ties a photo the unit uploaded to the finding it was sent with, marked before or after (null: a photo sent without
 * a mark, as older field clients do). Only a photo of this report by this unit that is not tied yet; returns whether it was.
 */
export async function linkPhotoToFinding(
  trx: Kysely<DB>,
  link: { photoId: string; reportId: string; unitId: string; seq: number; kind?: PhotoKind | null },
): Promise<boolean> {
  const result = await trx
    .updateTable('photos')
    .set({ finding_seq: link.seq, kind: link.kind ?? null })
    .where('id', '=', link.photoId)
    .where('report_id', '=', link.reportId)
    .where('unit_id', '=', link.unitId)
    .where('finding_seq', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

// ---- the photo of the fix approved for the citizen (migration 0025) ----

/** What the approval needs of a photo: its report, mark and original bytes. */
export async function photoForApproval(
  db: Kysely<DB>,
  photoId: string,
): Promise<{ reportId: string; kind: PhotoKind | null; source: PhotoSource; contentType: string; width: number; height: number; data: Uint8Array } | undefined> {
  const row = await db
    .selectFrom('photos')
    .select(['report_id', 'unit_id', 'kind', 'content_type', 'width', 'height', 'data'])
    .where('id', '=', photoId)
    .executeTakeFirst();
  if (!row) return undefined;
  const source = photoSourceOf({ id: photoId, unitId: row.unit_id }, await answerPhotosOf(db, row.report_id));
  const kind = row.kind === 'before' || row.kind === 'after' ? row.kind : null;
  return { reportId: row.report_id, kind, source, contentType: row.content_type, width: Number(row.width), height: Number(row.height), data: row.data as Uint8Array };
}

/**
 * Approves a photo for the citizen with its variant: the one public photo of its report, so any other approval of the
 * report is withdrawn in the same transaction.
 */
export async function approvePhoto(
  trx: Kysely<DB>,
  approval: { photoId: string; reportId: string; crop: PhotoRect | null; blurs: PhotoRect[]; send: boolean; variant: { bytes: Uint8Array; width: number; height: number }; by: string | null; at: string },
): Promise<void> {
  await withdrawApprovals(trx, approval.reportId);
  await trx
    .updateTable('photos')
    .set({
      approval_state: 'approved',
      approval_params: JSON.stringify({ crop: approval.crop, blurs: approval.blurs, send: approval.send }),
      approved_data: approval.variant.bytes,
      approved_size: approval.variant.bytes.byteLength,
      approved_width: approval.variant.width,
      approved_height: approval.variant.height,
      approved_by: approval.by,
      approved_at: approval.at,
    })
    .where('id', '=', approval.photoId)
    .where('report_id', '=', approval.reportId)
    .execute();
}

/** Withdraws the approval of every photo of the report: the variant is deleted, the original stays staff-only. */
export async function withdrawApprovals(trx: Kysely<DB>, reportId: string, photoId?: string): Promise<number> {
  let query = trx
    .updateTable('photos')
    .set({ approval_state: 'none', approval_params: null, approved_data: null, approved_size: null, approved_width: null, approved_height: null, approved_by: null, approved_at: null })
    .where('report_id', '=', reportId)
    .where('approval_state', '=', 'approved');
  if (photoId) query = query.where('id', '=', photoId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * The report's approved photo of the fix (the variant, a JPEG), if the desk approved one: what the status page serves
 * under the report's token, and what Open311 may give as media_url. Never an original.
 */
export async function approvedFixPhoto(
  db: Kysely<DB>,
  reportId: string,
): Promise<{ photoId: string; contentType: 'image/jpeg'; data: Buffer; width: number; height: number; approvedAt: string } | undefined> {
  const row = await db
    .selectFrom('photos')
    .select(['id', 'approved_data', 'approved_width', 'approved_height', 'approved_at'])
    .where('report_id', '=', reportId)
    .where('approval_state', '=', 'approved')
    .orderBy('approved_at', 'desc')
    .executeTakeFirst();
  if (!row?.approved_data || !row.approved_at) return undefined;
  const data = row.approved_data;
  return {
    photoId: row.id,
    contentType: 'image/jpeg',
    data: Buffer.isBuffer(data) ? data : Buffer.from(data),
    width: Number(row.approved_width),
    height: Number(row.approved_height),
    approvedAt: row.approved_at,
  };
}

/**
 * The size of the report's approved photo, if it has one (without reading its bytes): for the status page's <img>;
 * `send`: the desk ticked "foto meesturen" for the closing message.
 */
export async function approvedFixPhotoSize(db: Kysely<DB>, reportId: string): Promise<{ width: number; height: number; send: boolean } | undefined> {
  const row = await db
    .selectFrom('photos')
    .select(['approved_width', 'approved_height', 'approval_params'])
    .where('report_id', '=', reportId)
    .where('approval_state', '=', 'approved')
    .orderBy('approved_at', 'desc')
    .executeTakeFirst();
  return row ? { width: Number(row.approved_width), height: Number(row.approved_height), send: parseParams(row.approval_params).send } : undefined;
}

/** The approved variant of one photo (for the desk: what the citizen sees). */
export async function approvedVariantBytes(db: Kysely<DB>, photoId: string): Promise<Buffer | undefined> {
  const row = await db.selectFrom('photos').select('approved_data').where('id', '=', photoId).where('approval_state', '=', 'approved').executeTakeFirst();
  const data = row?.approved_data;
  if (!data) return undefined;
  return Buffer.isBuffer(data) ? data : Buffer.from(data);
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

// ---- with the report's personal data (privacy erase, retention) ----

/**
 * Withdraws the approved variants of these reports (the public photo goes with the status link when the report's
 * personal data is erased); the originals stay until the photos' own retention period.
 */
export async function withdrawApprovalsOf(trx: Kysely<DB>, reportIds: readonly string[]): Promise<void> {
  if (reportIds.length === 0) return;
  await trx
    .updateTable('photos')
    .set({ approval_state: 'none', approval_params: null, approved_data: null, approved_size: null, approved_width: null, approved_height: null, approved_by: null, approved_at: null })
    .where('report_id', 'in', [...reportIds])
    .where('approval_state', '=', 'approved')
    .execute();
}

/** Deletes every photo of these reports, originals and approved variants (a citizen's erasure); returns how many. */
export async function deletePhotosOfReports(trx: Kysely<DB>, reportIds: readonly string[]): Promise<number> {
  if (reportIds.length === 0) return 0;
  const result = await trx.deleteFrom('photos').where('report_id', 'in', [...reportIds]).executeTakeFirst();
  await trx.deleteFrom('photos_legacy').where('report_id', 'in', [...reportIds]).execute();
  return Number(result.numDeletedRows);
}
