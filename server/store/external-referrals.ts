import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { referralState } from '../domain/external-referrals';
import type { ExternalReferral } from '../protocol/external';
import type { DB } from './schema';
import type { ExternalReferralTable } from './schema-external';
import './schema-external';

/** External referrals (migration 0030): rows by id, by report, and by the hash of the link's token. */

export function referralTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export type ReferralRow = ExternalReferralTable;

export async function insertReferral(trx: Kysely<DB>, row: ReferralRow): Promise<void> {
  await trx.insertInto('external_referrals').values(row).execute();
}

export async function referralById(db: Kysely<DB>, id: string): Promise<ReferralRow | undefined> {
  return db.selectFrom('external_referrals').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The referral behind a link's token (by its hash: one indexed lookup; the token is never compared or stored). */
export async function referralByToken(db: Kysely<DB>, token: string): Promise<ReferralRow | undefined> {
  return db.selectFrom('external_referrals').selectAll().where('token_hash', '=', referralTokenHash(token)).executeTakeFirst();
}

export async function referralsOfReport(db: Kysely<DB>, reportId: string): Promise<ReferralRow[]> {
  return db.selectFrom('external_referrals').selectAll().where('report_id', '=', reportId).orderBy('created_at', 'desc').orderBy('id').execute();
}

/** Revokes an unrevoked referral; false when it was revoked already (by another desk, at the same moment). */
export async function revokeReferralRow(trx: Kysely<DB>, id: string, by: string, at: string): Promise<boolean> {
  const result = await trx
    .updateTable('external_referrals')
    .set({ revoked_at: at, revoked_by: by })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Records the one answer of a referral that is still open at `at`: unrevoked, unexpired and unanswered, checked in
 * the UPDATE itself, so two answers at once give one. False when it was not open.
 */
export async function recordReferralAnswer(trx: Kysely<DB>, id: string, answer: { text: string; photoIds: string[]; at: string }): Promise<boolean> {
  const result = await trx
    .updateTable('external_referrals')
    .set({ answered_at: answer.at, answer_text: answer.text, answer_photo_ids: JSON.stringify(answer.photoIds) })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .where('answered_at', 'is', null)
    .where('expires_at', '>', answer.at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export function toReferral(row: ReferralRow, now: Date, createdBy: string | null = null): ExternalReferral {
  return {
    id: row.id,
    reportId: row.report_id,
    party: row.party_name,
    email: row.email,
    question: row.question,
    state: referralState({ expiresAt: row.expires_at, revokedAt: row.revoked_at, answeredAt: row.answered_at }, now),
    createdAt: row.created_at,
    createdBy,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    answeredAt: row.answered_at,
    answer: row.answer_text,
    answerPhotoIds: JSON.parse(row.answer_photo_ids) as string[],
  };
}

/** The report's referrals for the desk, newest first, with the display name of who made each. */
export async function referralsForDesk(db: Kysely<DB>, reportId: string, now: Date): Promise<ExternalReferral[]> {
  const rows = await db
    .selectFrom('external_referrals')
    .leftJoin('users', 'users.id', 'external_referrals.created_by')
    .selectAll('external_referrals')
    .select('users.display_name')
    .where('external_referrals.report_id', '=', reportId)
    .orderBy('external_referrals.created_at', 'desc')
    .orderBy('external_referrals.id')
    .execute();
  return rows.map(({ display_name, ...row }) => toReferral(row, now, display_name ?? null));
}
