import { z } from 'zod';
import { DomainText, IsoDateTime } from './common';
import { Outcome, Report, ReportStatus } from './report';
import { Resolution } from './resolution';

export const TimelineEntry = z.object({
  seq: z.number().int(),
  at: IsoDateTime,
  type: z.string(),
  actor: z.string().nullable(),
  from: ReportStatus.nullable(),
  to: ReportStatus.nullable(),
  outcome: Outcome.nullable(),
  resolution: Resolution.nullable(),
  resolutionState: z.enum(['proposed', 'confirmed']).nullable(),
  note: z.string().nullable(),
  /** A citizen's satisfaction answer (a "nee" that reopens, or a recorded one): the standard reason chosen, if any. */
  reason: z.object({ code: z.string(), nl: z.string(), en: z.string() }).nullable().optional(),
  /** The step in words (server/domain/timeline-texts.ts). */
  text: DomainText.optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const OutboxMessageView = z.object({
  id: z.string(),
  reportId: z.string(),
  trigger: z.string(),
  channel: z.enum(['email', 'sms']),
  /** Masked (j***@***.nl) unless asked for with the contacts; null for a role without `contacts.read`, or once erased. */
  recipient: z.string().nullable(),
  subject: z.string(),
  text: z.string(),
  status: z.enum(['queued', 'sent', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: IsoDateTime,
  sentAt: IsoDateTime.nullable(),
});
export type OutboxMessageView = z.infer<typeof OutboxMessageView>;

export const CodeOption = z.object({ code: z.string(), nl: z.string(), en: z.string() });

export const ReportDetail = z.object({
  report: Report,
  timeline: z.array(TimelineEntry),
  /** The newest resolution (a field proposal awaiting review, or the confirmed one). */
  resolution: z.object({ state: z.enum(['proposed', 'confirmed']), body: Resolution, at: IsoDateTime }).nullable(),
  messages: z.array(OutboxMessageView),
  reporters: z.array(z.object({ name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() })),
  citizenCode: z.string().nullable(),
  /** Status changes the caller's role may make now, with what each needs. */
  transitions: z.array(
    z.object({
      to: ReportStatus,
      label: z.string(),
      requires: z.enum(['proposal', 'closing', 'schedule', 'reply']).nullable(),
      outcomes: z.array(Outcome),
    }),
  ),
  codes: z.object({ found: z.array(CodeOption), action: z.array(CodeOption) }),
});
export type ReportDetail = z.infer<typeof ReportDetail>;
