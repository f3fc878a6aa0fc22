import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { commandText } from '../domain/command-texts';
import type { DomainText } from '../domain/domain-text';
import {
  checkAnswerText,
  MAX_ANSWER_PHOTOS,
  type ReferralState,
  referralExpiry,
  referralMail,
  referralState,
  sayExternal,
} from '../domain/external-referrals';
import type { ImagePool } from '../images/image-pool';
import { ImageRefused, isImageType, type ReencodedImage } from '../images/reencode';
import { EntityId } from '../protocol/common';
import { type CreatedReferral, type ExternalReferral, NewReferralBody } from '../protocol/external';
import type { Report } from '../protocol/report';
import { getCategory } from '../store/categories';
import {
  insertReferral,
  type ReferralRow,
  recordReferralAnswer,
  referralById,
  referralByToken,
  referralTokenHash,
  revokeReferralRow,
  toReferral,
} from '../store/external-referrals';
import { enqueueMessage } from '../store/outbox';
import { insertPhoto } from '../store/photos';
import { getReport } from '../store/reports';
import type { HubDeps } from './context';
import { CommandError } from './errors';
import { MAX_PHOTO_BYTES, photoRefusalText } from './photos';
import { type CommandTx, systemCommand, userCommand } from './run-command';
import { raiseAlert } from './unit-events';

/**
 * Hand-off to an external party (rules: domain/external-referrals.ts). The desk makes a link (e-mailed through the
 * outbox in the same transaction, and shown once to the desk to copy), revokes it, and reads the answer; the party
 * answers once through the public page (http/routes-external.ts), which raises an `external_answered` alert.
 */

/** The public page's address for a link's token. */
export function referralLink(deps: HubDeps, token: string): string {
  return `${deps.publicUrl}/extern/${token}`;
}

async function emitReferral(tx: CommandTx, report: Report, change: 'referred' | 'revoked' | 'answered', row: ReferralRow, actorId: string | null) {
  return tx.emit(() => ({ type: 'report.external' as const, at: tx.at, actorId, report, change, referralId: row.id, party: row.party_name }));
}

export function createReferral(linkDays: () => number) {
  return userCommand({
    name: 'external.create',
    access: 'external.manage',
    input: NewReferralBody.extend({ reportId: EntityId }),
    log: { message: 'report referred to an external party', fields: (r: CreatedReferral) => ({ referralId: r.referral.id, reportId: r.referral.reportId }) },
    async apply(tx, { reportId, party, email, question }, user): Promise<CreatedReferral> {
      const report = await getReport(tx.trx, reportId);
      if (!report) throw new CommandError('not_found', commandText('command.report.not_found'));
      if (report.status === 'closed') throw new CommandError('conflict', sayExternal('external.report_closed'));
      const token = randomBytes(32).toString('base64url');
      const row: ReferralRow = {
        id: randomUUID(),
        report_id: reportId,
        party_name: party,
        email: email ?? null,
        question,
        token_hash: referralTokenHash(token),
        created_by: user.id,
        created_at: tx.at,
        expires_at: referralExpiry(tx.now, linkDays()),
        revoked_at: null,
        revoked_by: null,
        answered_at: null,
        answer_text: null,
        answer_photo_ids: '[]',
      };
      await insertReferral(tx.trx, row);
      const link = referralLink(tx.deps, token);
      if (email) {
        const category = await getCategory(tx.trx, report.category);
        const mail = referralMail({
          party,
          number: report.number,
          category: category?.nameNl ?? report.category,
          address: report.address,
          question,
          link,
          expiresAt: row.expires_at,
        });
        await enqueueMessage(tx.trx, { reportId, reporterId: null, trigger: 'external_referral', channel: 'email', recipient: email, subject: mail.subject, bodyText: mail.text, at: tx.at });
        tx.queued(1);
      }
      await emitReferral(tx, report, 'referred', row, user.id);
      return { referral: toReferral(row, tx.now, user.displayName), link };
    },
  });
}

export const revokeReferral = userCommand({
  name: 'external.revoke',
  access: 'external.manage',
  input: z.object({ referralId: EntityId }),
  log: { message: 'external link revoked', fields: (r: ExternalReferral) => ({ referralId: r.id, reportId: r.reportId }) },
  async apply(tx, { referralId }, user): Promise<ExternalReferral> {
    const row = await referralById(tx.trx, referralId);
    if (!row) throw new CommandError('not_found', sayExternal('external.not_found'));
    if (!(await revokeReferralRow(tx.trx, referralId, user.id, tx.at))) throw new CommandError('conflict', sayExternal('external.already_revoked'));
    const report = await getReport(tx.trx, row.report_id);
    if (report) await emitReferral(tx, report, 'revoked', row, user.id);
    return toReferral({ ...row, revoked_at: tx.at, revoked_by: user.id }, tx.now);
  },
});

/** Why a link cannot take an answer, as the page says it: 410 for expired and revoked, 409 for answered. */
export function refusalOfState(state: Exclude<ReferralState, 'open'>): { status: 409 | 410; text: DomainText } {
  if (state === 'answered') return { status: 409, text: sayExternal('external.already_answered') };
  return { status: 410, text: sayExternal(state === 'expired' ? 'external.link_expired' : 'external.link_revoked') };
}

/** A refusal of the public page: the link is gone (410) or already answered (409); nothing was written. */
export class ReferralClosed extends Error {
  constructor(
    readonly status: 409 | 410,
    readonly text: DomainText,
  ) {
    super(text.message);
  }
}

export interface PhotoPart {
  contentType: string;
  body: Buffer;
}

function invalidPhoto(reason: ImageRefused['reason'] | 'type'): CommandError {
  const text = photoRefusalText(reason);
  return new CommandError('validation', text, { foto: text });
}

const AnswerInput = z.object({
  token: z.string().min(1).max(200),
  text: z.unknown(),
  photos: z.array(z.object({ contentType: z.string(), body: z.instanceof(Buffer) })),
});

/**
 * The party's one answer: text and up to MAX_ANSWER_PHOTOS photos. The photos are decoded and encoded anew on the
 * image pool's worker thread before the transaction (only pixels kept, as for the field's photos); the answer,
 * its photos, the event and the desk's alert commit together, and only while the link is still open.
 */
export function answerReferral(images: ImagePool) {
  return systemCommand({
    name: 'external.answer',
    input: AnswerInput,
    log: { message: 'external party answered', fields: (r: { referralId: string }) => r },
    async prepare(deps: HubDeps, { token, text, photos }) {
      const row = await referralByToken(deps.store.db, token);
      if (!row) throw new CommandError('not_found', sayExternal('external.not_found'));
      const state = referralState({ expiresAt: row.expires_at, revokedAt: row.revoked_at, answeredAt: row.answered_at }, deps.clock());
      if (state !== 'open') {
        const refusal = refusalOfState(state);
        throw new ReferralClosed(refusal.status, refusal.text);
      }
      const checked = checkAnswerText(text);
      if ('error' in checked) throw new CommandError('validation', checked.error, { antwoord: checked.error });
      if (photos.length > MAX_ANSWER_PHOTOS) {
        const tooMany = sayExternal('external.too_many_photos', { max: MAX_ANSWER_PHOTOS });
        throw new CommandError('validation', tooMany, { foto: tooMany });
      }
      const images_: ReencodedImage[] = [];
      for (const photo of photos) {
        const type = (photo.contentType.split(';')[0] ?? '').trim().toLowerCase();
        if (!isImageType(type) || photo.body.length === 0 || photo.body.length > MAX_PHOTO_BYTES) throw invalidPhoto('type');
        try {
          images_.push(await images.reencode(photo.body, type));
        } catch (err) {
          if (err instanceof ImageRefused) throw invalidPhoto(err.reason);
          throw err;
        }
      }
      return { row, text: checked.text, images: images_ };
    },
    async apply(tx, { row, text, images: encoded }): Promise<{ referralId: string }> {
      const photoIds = encoded.map(() => randomUUID());
      if (!(await recordReferralAnswer(tx.trx, row.id, { text, photoIds, at: tx.at }))) {
        // Revoked, expired or answered since prepare: say which, write nothing.
        const now = await referralById(tx.trx, row.id);
        const state = now ? referralState({ expiresAt: now.expires_at, revokedAt: now.revoked_at, answeredAt: now.answered_at }, tx.now) : 'revoked';
        const refusal = refusalOfState(state === 'open' ? 'answered' : state);
        throw new ReferralClosed(refusal.status, refusal.text);
      }
      for (const [i, image] of encoded.entries()) {
        const id = photoIds[i] as string;
        await insertPhoto(tx.trx, { id, reportId: row.report_id, unitId: null, contentType: image.type, width: image.width, height: image.height, data: image.bytes, at: tx.at });
      }
      const report = await getReport(tx.trx, row.report_id);
      if (!report) throw new CommandError('not_found', commandText('command.report.not_found'));
      await emitReferral(tx, report, 'answered', row, null);
      await raiseAlert(tx, { subject: { kind: 'external_answered', party: row.party_name, number: report.number }, reportId: report.id }, null);
      return { referralId: row.id };
    },
  });
}
