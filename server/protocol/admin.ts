import { z } from 'zod';
import { IsoDateTime } from './common';
import { FeedbackTemplate } from './resolution';

/** HTTP bodies and answers of the administration routes: Open311 API keys and feedback templates. */

export const ApiKeyInfo = z.object({
  id: z.string(),
  clientName: z.string(),
  /** First characters of the key, to tell keys apart; never enough to use it. */
  keyPrefix: z.string(),
  createdAt: IsoDateTime,
  createdBy: z.string().nullable(),
  revokedAt: IsoDateTime.nullable(),
  /** The client app asks its users' consent to be contacted: only then are their contact fields kept. */
  contactConsent: z.boolean(),
  /** false: the client app tells its users about their reports itself; the hub sends them no messages (README "Open311"). */
  sendMessages: z.boolean(),
});
export type ApiKeyInfo = z.infer<typeof ApiKeyInfo>;

export const CreateApiKeyBody = z.object({
  clientName: z.string().trim().min(1, 'Geef de naam van de app').max(100),
  /** Set by the admin when the client app asks its users for consent to be contacted (README "Consent"). */
  contactConsent: z.boolean().default(false),
  /** false for an app that tells its users itself (FixMyStreet): the hub sends that key's reporters no messages. */
  sendMessages: z.boolean().default(true),
});

/** `PUT /api/admin/api-keys/:id`: a key's settings after issue (only sendMessages; the key itself never changes). */
export const UpdateApiKeyBody = z.strictObject({
  /** false for an app that tells its users itself: from now on the hub sends that key's reporters no messages. */
  sendMessages: z.boolean(),
});

export const CreatedApiKey = ApiKeyInfo.extend({
  /** The key itself: shown once, only its hash is kept. */
  key: z.string(),
});
export type CreatedApiKey = z.infer<typeof CreatedApiKey>;

export const ApiKeysResponse = z.object({ keys: z.array(ApiKeyInfo) });
export const RevokedApiKey = z.object({ key: ApiKeyInfo });

export const TemplatesResponse = z.object({ templates: z.array(FeedbackTemplate) });
/** A template as sent to `PUT /api/templates/:id`; the domain validates it (field errors per placeholder). */
export const TemplateBody = z.looseObject({});
