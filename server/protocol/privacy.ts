import { z } from 'zod';
import { Role } from './auth';
import { EntityId, IsoDateTime } from './common';
import { OutboxMessageView } from './detail';
import { Report } from './report';

/** Bodies and answers of the privacy routes: contact details on request, the access log, a citizen's rights. */

export const ConsentVia = z.enum(['console', 'open311']);

/** A reporter's contact details, whole: only from `GET /api/reports/:id/contacts` (logged). */
export const ReporterContactView = z.object({
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  /** When they agreed to be contacted; null for reporters taken before consent was recorded. */
  consentAt: IsoDateTime.nullable(),
  consentVia: ConsentVia.nullable(),
});
export type ReporterContactView = z.infer<typeof ReporterContactView>;

export const ReportContacts = z.object({
  reporters: z.array(ReporterContactView),
  /** The recipient of each citizen message of the report (null once erased). */
  recipients: z.array(z.object({ messageId: z.string(), channel: z.enum(['email', 'sms']), recipient: z.string().nullable() })),
});
export type ReportContacts = z.infer<typeof ReportContacts>;

export const AccessAction = z.enum(['contacts.view', 'outbox.view', 'privacy.search', 'privacy.export', 'privacy.erase']);
export type AccessAction = z.infer<typeof AccessAction>;

export const AccessLogQuery = z.object({
  reportId: EntityId.optional(),
  userId: EntityId.optional(),
  from: IsoDateTime.optional(),
  to: IsoDateTime.optional(),
  limit: z.coerce.number().int().min(1).max(2000).default(500),
});

export const AccessLogEntry = z.object({
  id: z.string(),
  at: IsoDateTime,
  userId: z.string(),
  username: z.string().nullable(),
  displayName: z.string().nullable(),
  role: Role,
  action: AccessAction,
  route: z.string(),
  reportId: z.string().nullable(),
  reportNumber: z.string().nullable(),
  /** The address or number a privacy request was about, masked. */
  subject: z.string().nullable(),
  reason: z.string().nullable(),
});
export type AccessLogEntry = z.infer<typeof AccessLogEntry>;

/** Newest first. */
export const AccessLogResponse = z.object({ entries: z.array(AccessLogEntry) });
export type AccessLogResponse = z.infer<typeof AccessLogResponse>;

/** One citizen, by e-mail address and/or phone number, and why the privacy officer looks (kept in the access log). */
export const PrivacyRequest = z.object({
  email: z.email('Ongeldig e-mailadres').max(320).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{6,20}$/, 'Ongeldig telefoonnummer')
    .optional(),
  reason: z.string().trim().min(10).max(1000),
}).refine((r) => r.email !== undefined || r.phone !== undefined, { message: 'Geef een e-mailadres of telefoonnummer', path: ['email'] });
export type PrivacyRequest = z.infer<typeof PrivacyRequest>;

export const PrivacyReporter = z.object({
  reportId: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  consentAt: IsoDateTime.nullable(),
  consentVia: ConsentVia.nullable(),
  createdAt: IsoDateTime,
});

export const PrivacyResponse = z.object({
  reportId: z.string(),
  satisfied: z.boolean(),
  comment: z.string().nullable(),
  at: IsoDateTime,
});

/** Everything the hub keeps about one citizen (inzage). */
export const PrivacyFindings = z.object({
  reports: z.array(Report),
  reporters: z.array(PrivacyReporter),
  messages: z.array(OutboxMessageView),
  responses: z.array(PrivacyResponse),
  /** What an Open311 client app sent about its user with those reports. */
  open311: z.array(z.object({ reportId: z.string(), deviceId: z.string().nullable(), accountId: z.string().nullable() })),
});
export type PrivacyFindings = z.infer<typeof PrivacyFindings>;

/** The export file: the findings with when, by whom and why it was made. */
export const PrivacyExport = PrivacyFindings.extend({
  exportedAt: IsoDateTime,
  exportedBy: z.string(),
  subject: z.object({ email: z.string().nullable(), phone: z.string().nullable() }),
  reason: z.string(),
});
export type PrivacyExport = z.infer<typeof PrivacyExport>;

export const PrivacyErased = z.object({
  reports: z.number().int().min(0),
  reporters: z.number().int().min(0),
  messages: z.number().int().min(0),
  responses: z.number().int().min(0),
});
export type PrivacyErased = z.infer<typeof PrivacyErased>;
