import { z } from 'zod';
import { Outcome } from './report';

/**
 * A resolution either closes a report (kind 'close', with an outcome) or schedules
 * the fix for a later date (kind 'schedule', follow-up required, no outcome yet).
 *
 * Two layers:
 * - `ResolutionDraft` is what a form or a field unit sends: every field optional, so
 *   parsing never fails on a half-filled form. The hub passes it (or the raw body
 *   value) to `validateResolution` in server/domain/resolution.ts, which answers with
 *   field-level Dutch errors.
 * - `Resolution` is the validated shape that is stored, put in events and used to
 *   compose feedback. Only the domain validator should produce one from user input.
 */

export const ResolutionKind = z.enum(['close', 'schedule']);
export type ResolutionKind = z.infer<typeof ResolutionKind>;

/** Calendar date in the municipality's time zone, YYYY-MM-DD. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const CodedText = z.object({ code: z.string(), text: z.string() });
export type CodedText = z.infer<typeof CodedText>;

export const FollowUp = z.object({
  date: IsoDate,
  /** What will happen, in words for the citizen ("snoeien in de onderhoudsronde"). */
  what: z.string(),
  /** Who does it: a team or party, never a staff member's name. */
  who: z.string(),
});
export type FollowUp = z.infer<typeof FollowUp>;

export const ClosingResolution = z.object({
  kind: z.literal('close'),
  outcome: Outcome,
  found: CodedText,
  action: CodedText,
  followUp: FollowUp.optional(),
  /** Required when outcome is 'referred'. */
  referredTo: z.string().optional(),
});
export type ClosingResolution = z.infer<typeof ClosingResolution>;

export const SchedulingResolution = z.object({
  kind: z.literal('schedule'),
  found: CodedText,
  action: CodedText,
  followUp: FollowUp,
});
export type SchedulingResolution = z.infer<typeof SchedulingResolution>;

export const Resolution = z.discriminatedUnion('kind', [ClosingResolution, SchedulingResolution]);
export type Resolution = z.infer<typeof Resolution>;

/** What a field unit proposes from the scene; the same shape, confirmed or edited at the desk. */
export const ProposedResolution = Resolution;
export type ProposedResolution = Resolution;

const OptionalText = z.string().optional();

export const ResolutionDraft = z.object({
  kind: OptionalText,
  outcome: OptionalText,
  found: z.object({ code: OptionalText, text: OptionalText }).optional(),
  action: z.object({ code: OptionalText, text: OptionalText }).optional(),
  followUp: z.object({ date: OptionalText, what: OptionalText, who: OptionalText }).optional(),
  referredTo: OptionalText,
});
export type ResolutionDraft = z.infer<typeof ResolutionDraft>;

/** Dot path ("found.text", "followUp.date") -> Dutch message. */
export const ResolutionFieldErrors = z.record(z.string(), z.string());
export type ResolutionFieldErrors = z.infer<typeof ResolutionFieldErrors>;

// ---- Feedback templates (data, editable by admin) ----

export const FeedbackTrigger = z.enum([
  'receipt',
  'scheduled',
  'closed',
  'reopen_accepted',
  'reopen_rejected',
  // The follow-up date came: "vandaag komen we langs" (hub/follow-up-job.ts; setting followUpVisitMessage, off by default).
  'follow_up_visit',
]);
export type FeedbackTrigger = z.infer<typeof FeedbackTrigger>;

export const FeedbackLocale = z.enum(['nl', 'en']);
export type FeedbackLocale = z.infer<typeof FeedbackLocale>;

export const FeedbackTemplate = z.object({
  id: z.string().min(1),
  /** A category code, or '*' for every category. */
  category: z.string().min(1),
  trigger: FeedbackTrigger,
  /** Only for trigger 'closed' (and required there). */
  outcome: Outcome.optional(),
  locale: FeedbackLocale,
  subject: z.string(),
  body: z.string(),
});
export type FeedbackTemplate = z.infer<typeof FeedbackTemplate>;
