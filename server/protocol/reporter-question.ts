import { z } from 'zod';
import { IsoDateTime } from './common';
import { Report } from './report';

/** Asking the reporter (server/domain/reporter-question.ts) and the satisfaction figures (server/domain/satisfaction.ts). */

export const AskReporterBody = z.object({
  question: z.string().trim().min(5).max(500),
  /** Absent: e-mail when the reporter gave an address, else SMS. */
  channel: z.enum(['email', 'sms']).optional(),
});
export type AskReporterBody = z.infer<typeof AskReporterBody>;

export const ReporterQuestion = z.object({
  id: z.string(),
  reportId: z.string(),
  question: z.string(),
  channel: z.enum(['email', 'sms']),
  askedAt: IsoDateTime,
  askedBy: z.string().nullable(),
  /** When it counts as unanswered (the setting's working days after asking). */
  dueAt: IsoDateTime,
  state: z.enum(['open', 'answered', 'expired']),
  /** The reporter's answer: masked ('[reactie van melder]') for a role without contacts.read. */
  answer: z.string().nullable(),
  answerPhotoId: z.string().nullable(),
  endedAt: IsoDateTime.nullable(),
});
export type ReporterQuestion = z.infer<typeof ReporterQuestion>;

export const ReporterQuestionsResponse = z.object({ questions: z.array(ReporterQuestion) });
export type ReporterQuestionsResponse = z.infer<typeof ReporterQuestionsResponse>;

/** What asking answers: the report (now waiting) and the question. */
export const AskReporterResponse = z.object({ report: Report, question: ReporterQuestion });
export type AskReporterResponse = z.infer<typeof AskReporterResponse>;

export const SatisfactionQuery = z
  .object({ from: IsoDateTime, to: IsoDateTime })
  .refine((q) => Date.parse(q.from) < Date.parse(q.to) && Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, {
    message: 'from must be before to, at most 366 days apart',
    path: ['to'],
  });
export type SatisfactionQuery = z.infer<typeof SatisfactionQuery>;

export const SatisfactionAnswer = z.object({
  from: IsoDateTime,
  to: IsoDateTime,
  /** Reports closed in the period with a reporter to ask. */
  asked: z.number().int().min(0),
  answered: z.number().int().min(0),
  /** answered / asked, 0..1. */
  responseRate: z.number().min(0).max(1),
  satisfied: z.number().int().min(0),
  unsatisfied: z.number().int().min(0),
  /** Per standard reason (and `none` for answers without one): its count and its words. */
  reasons: z.array(z.object({ code: z.string(), satisfied: z.boolean().nullable(), nl: z.string(), en: z.string(), count: z.number().int().min(0) })),
});
export type SatisfactionAnswer = z.infer<typeof SatisfactionAnswer>;


