import { z } from 'zod';
import { IsoDateTime } from './common';

export const Priority = z.enum(['low', 'normal', 'high', 'urgent']);
export type Priority = z.infer<typeof Priority>;

/** The lifecycle statuses of DESIGN.md; the allowed transitions live in server/domain. */
export const ReportStatus = z.enum([
  'new',
  'triaged',
  'dispatched',
  'in_progress',
  'awaiting_review',
  'scheduled',
  'closed',
  'reopen_requested',
]);
export type ReportStatus = z.infer<typeof ReportStatus>;

export const Outcome = z.enum(['resolved', 'referred', 'no_action', 'not_found', 'duplicate', 'cancelled']);
export type Outcome = z.infer<typeof Outcome>;

export const SourceChannel = z.enum(['phone', 'counter', 'web', 'app', 'open311', 'email', 'social']);
export type SourceChannel = z.infer<typeof SourceChannel>;

export const Category = z.object({
  code: z.string(),
  nameNl: z.string(),
  nameEn: z.string(),
  department: z.string(),
  slaWorkingDays: z.number().int().nonnegative(),
  /** Terms for urgent and high reports in clock hours, 24/7 (domain/sla.ts); absent or null: the hub's defaults. */
  slaUrgentHours: z.number().int().positive().nullable().optional(),
  slaHighHours: z.number().int().positive().nullable().optional(),
  /** Its reports describe people (overlast): public answers leave out description and address, coordinates rounded. */
  sensitive: z.boolean().optional(),
  /** The category written for a sentence in citizen messages ("uw melding over een boomtak"); absent or null: its name. */
  phraseNl: z.string().nullable().optional(),
  phraseEn: z.string().nullable().optional(),
});
export type Category = z.infer<typeof Category>;

/** How a category reads in a sentence of a citizen message, per language ({categorie}); null: its name. */
export const CategoryPhrases = z.object({
  phraseNl: z.string().trim().min(1).max(120).nullable(),
  phraseEn: z.string().trim().min(1).max(120).nullable(),
});
export type CategoryPhrases = z.infer<typeof CategoryPhrases>;

/** How the reporter wishes to be addressed ("mevrouw Jansen", "de heer De Vries"): typed at intake, never guessed. */
export const Salutation = z.string().trim().max(100, 'Aanhef is te lang (hoogstens 100 tekens)');

/** The shift lead's change of a category's urgent and high terms in clock hours (null: the hub's defaults, 4 and 24). */
export const CategorySlaTerms = z.object({
  slaUrgentHours: z.number().int().min(1).max(720).nullable(),
  slaHighHours: z.number().int().min(1).max(720).nullable(),
});
export type CategorySlaTerms = z.infer<typeof CategorySlaTerms>;

export const ReporterContact = z
  .object({
    name: z.string().trim().max(200).optional(),
    /** "Beste mevrouw Jansen," instead of "Beste Jan Jansen,": only as given, with or without a name. */
    salutation: Salutation.optional(),
    email: z.email().max(320).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{6,20}$/, 'Ongeldig telefoonnummer')
      .optional(),
  })
  .refine((c) => c.email !== undefined || c.phone !== undefined || c.name !== undefined, {
    message: 'Geef minstens een naam, e-mailadres of telefoonnummer',
  });
export type ReporterContact = z.infer<typeof ReporterContact>;

export const CreateReportInput = z.object({
  category: z.string().min(1, 'Kies een categorie').max(64),
  location: z.object({
    lat: z.number().min(-90).max(90),
    lng: z.number().min(-180).max(180),
  }),
  address: z.string().trim().max(300).optional(),
  description: z.string().trim().min(3, 'Beschrijving is te kort').max(4000),
  reporter: ReporterContact.optional(),
  /**
   * Whether the reporter agreed to be contacted about this report (asked on the phone or at the counter; for
   * Open311, declared by the client app's key). Recorded with its time; contact details without it are refused.
   */
  consent: z.object({ contact: z.boolean() }).optional(),
  source: SourceChannel,
  /** Absent: the report's run card's priority (domain/run-cards.ts), else 'normal'. */
  priority: Priority.optional(),
  /** Language of the citizen's messages. */
  locale: z.enum(['nl', 'en']).default('nl'),
});
export type CreateReportInput = z.input<typeof CreateReportInput>;
export type CreateReportCommand = z.output<typeof CreateReportInput>;

export const Report = z.object({
  id: z.string(),
  /** Human-facing report number (meldingnummer), e.g. "M-000123". */
  number: z.string(),
  category: z.string(),
  lat: z.number(),
  lng: z.number(),
  address: z.string().nullable(),
  description: z.string(),
  source: SourceChannel,
  priority: Priority,
  status: ReportStatus,
  outcome: Outcome.nullable(),
  hasReporter: z.boolean(),
  /** Number of citizens following this report (the original reporter and linked callers) with contact details. */
  reporterCount: z.number().int().min(0),
  /** Follow-up date (YYYY-MM-DD) while scheduled. */
  followUpDate: z.string().nullable(),
  /** When the category's handling time (working days) runs out. */
  slaDeadline: IsoDateTime.nullable(),
  /**
   * When the report becomes "bijna te laat": the start of the last 20 % of its term, in the term's own units (working
   * time or clock hours; domain/sla.ts atRiskFrom), set with the deadline. Null without a deadline. The console
   * compares it with the clock and needs no holiday calendar. Optional: absent from reports built before it existed.
   */
  slaAtRiskFrom: IsoDateTime.nullable().optional(),
  /**
   * "Wacht op reactie": when the open question to the reporter was asked (commands/reporter-question.ts); null or
   * absent: not waiting. A flag, not a status; its handling-time clock is paused meanwhile.
   */
  awaitingReplySince: IsoDateTime.nullable().optional(),
  /** A part (deelmelding, domain/sub-reports.ts): its main report's number; null or absent for any other report. */
  parentNumber: z.string().nullable().optional(),
  /** A report split into parts: how many (open and closed); 0, null or absent when it has none. */
  partCount: z.number().int().min(0).nullable().optional(),
  /** Summary of the feedback messages to the citizen: the worst state of any message. */
  delivery: z.enum(['none', 'queued', 'sent', 'failed']),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  /** seq of the last event that changed this report; clients use it to ignore stale snapshots. */
  version: z.number().int(),
});
export type Report = z.infer<typeof Report>;

export const DeliverySummary = Report.shape.delivery;
export type DeliverySummary = z.infer<typeof DeliverySummary>;

export function isOpenStatus(status: ReportStatus): boolean {
  return status !== 'closed';
}
