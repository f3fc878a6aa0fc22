import { z } from 'zod';
import { IsoDateTime } from './common';

/** Hand-off to an external party (server/domain/external-referrals.ts): the desk's API shapes. */

export const NewReferralBody = z.object({
  /** Who the report goes to ("Woningcorporatie Staedion", "Rijkswaterstaat"). */
  party: z.string().trim().min(2, 'Vul de naam van de partij in').max(120),
  /** Where the hub e-mails the link; absent: the desk copies the link from the answer. */
  email: z.email('Geen geldig e-mailadres').max(254).optional(),
  /** What the desk asks the party to do. */
  question: z.string().trim().min(3, 'Vul de vraag of opdracht in').max(2000),
});
export type NewReferralBody = z.infer<typeof NewReferralBody>;

export const ReferralStateSchema = z.enum(['open', 'answered', 'expired', 'revoked']);

export const ExternalReferral = z.object({
  id: z.string(),
  reportId: z.string(),
  party: z.string(),
  email: z.string().nullable(),
  question: z.string(),
  state: ReferralStateSchema,
  createdAt: IsoDateTime,
  createdBy: z.string().nullable(),
  expiresAt: IsoDateTime,
  revokedAt: IsoDateTime.nullable(),
  answeredAt: IsoDateTime.nullable(),
  answer: z.string().nullable(),
  /** The photos the party sent with its answer (bytes: GET /api/photos/:id, staff only). */
  answerPhotoIds: z.array(z.string()),
});
export type ExternalReferral = z.infer<typeof ExternalReferral>;

export const ExternalReferralsResponse = z.object({ referrals: z.array(ExternalReferral) });
export type ExternalReferralsResponse = z.infer<typeof ExternalReferralsResponse>;

/** The answer to creating one: the referral and its link, shown once (only its hash is kept). */
export const CreatedReferral = z.object({ referral: ExternalReferral, link: z.string() });
export type CreatedReferral = z.infer<typeof CreatedReferral>;
