/** The table of migration 0030_external_referrals, merged into DB here (module augmentation of schema.ts). */

export interface ExternalReferralTable {
  id: string;
  report_id: string;
  party_name: string;
  email: string | null;
  question: string;
  /** SHA-256 (hex) of the link's token; the token itself is never stored. */
  token_hash: string;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
  answered_at: string | null;
  answer_text: string | null;
  /** JSON array of photo ids (rows of `photos`). */
  answer_photo_ids: string;
}

declare module './schema' {
  interface DB {
    external_referrals: ExternalReferralTable;
  }
}
