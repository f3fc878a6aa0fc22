import { z } from 'zod';
import { EntityId } from './common';
import { OutboxMessageView } from './detail';
import { ReadabilityView } from './readability';
import { ReportStatus } from './report';

/** A status change from the console or field client. The resolution is validated by the domain (Dutch field errors). */
export const TransitionRequestBody = z.object({
  to: ReportStatus,
  /** The report version the user saw; a stale one is refused with 409 instead of overwriting someone else's change. */
  expectedVersion: z.number().int().optional(),
  resolution: z.unknown().optional(),
  /** The dispatcher's edit of the previewed citizen message. */
  message: z
    .object({ subject: z.string().max(300).optional(), text: z.string().max(8000).optional() })
    .optional(),
  /** The explanation to the citizen on a reopen decision. */
  reply: z.string().max(4000).optional(),
  /**
   * "Foto meesturen": true links the report's approved photo of the fix in the message (422 when none is approved),
   * false leaves it out; absent: as the desk ticked it at the photo's approval.
   */
  includePhoto: z.boolean().optional(),
  /** Send a scheduling or closing message that scores below the readability floor anyway (commands/readability-gate.ts). */
  confirmLowReadability: z.boolean().optional(),
});
export type TransitionRequestBody = z.infer<typeof TransitionRequestBody>;

/** A status change as a command: the body plus the report it is for (the URL's id over HTTP). */
export const TransitionCommand = TransitionRequestBody.extend({ reportId: EntityId });
export type TransitionCommand = z.infer<typeof TransitionCommand>;

export const FeedbackPreview = z.object({
  trigger: z.enum(['receipt', 'scheduled', 'closed', 'reopen_accepted', 'reopen_rejected', 'follow_up_visit']),
  subject: z.string(),
  text: z.string(),
  recipients: z.number().int().min(0),
  /** The plain-language check of `text` (domain/readability.ts). */
  readability: ReadabilityView.optional(),
});
export type FeedbackPreview = z.infer<typeof FeedbackPreview>;

/** `null` when the transition sends the citizen nothing. */
export const PreviewResponse = z.object({ preview: FeedbackPreview.nullable() });
export type PreviewResponse = z.infer<typeof PreviewResponse>;

export const OutboxQuery = z.object({
  status: z.enum(['queued', 'sent', 'failed']).optional(),
  /** 1: the recipients whole (a logged view of contact details); masked otherwise. */
  contacts: z.enum(['0', '1']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/** Newest first. */
export const OutboxList = z.object({ messages: z.array(OutboxMessageView) });
export type OutboxList = z.infer<typeof OutboxList>;

export const CitizenResponseBody = z.object({
  satisfied: z.boolean(),
  comment: z.string().trim().max(2000).optional(),
});
export type CitizenResponseBody = z.infer<typeof CitizenResponseBody>;
