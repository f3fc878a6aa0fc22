/**
 * The new-report form's draft (strings as typed) and what it becomes: a report for the hub, or the caller's
 * details to link to an existing report. Pure: texts come in through `t`.
 */
import { fieldErrors } from '../../../server/protocol/common';
import { LinkReporterBody } from '../../../server/protocol/intake';
import { CreateReportInput, type Priority, type SourceChannel } from '../../../server/protocol/report';
import { type LatLngText, parseCoordinate } from '../../shared/geo/coordinates';
import type { Translate } from '../i18n';

export interface ReportDraft {
  category: string;
  address: string;
  description: string;
  priority: Priority;
  source: SourceChannel;
  reporterName: string;
  /** How the caller wishes to be addressed in messages ("mevrouw Jansen"); empty: by name. */
  reporterSalutation: string;
  reporterEmail: string;
  reporterPhone: string;
  /** The caller agreed that their contact details are kept to inform them. */
  consent: boolean;
}

export const EMPTY_REPORT_DRAFT: ReportDraft = {
  category: '',
  address: '',
  description: '',
  priority: 'normal',
  source: 'phone',
  reporterName: '',
  reporterSalutation: '',
  reporterEmail: '',
  reporterPhone: '',
  consent: false,
};

/** The hub's error key (ApiError.fields) for each draft field. */
export const REPORT_ERROR_KEYS: Record<keyof ReportDraft, string> = {
  category: 'category',
  address: 'address',
  description: 'description',
  priority: 'priority',
  source: 'source',
  reporterName: 'reporter.name',
  reporterSalutation: 'reporter.salutation',
  reporterEmail: 'reporter.email',
  reporterPhone: 'reporter.phone',
  consent: 'consent',
};

/** Error keys that have a place in the form; any other is listed above the submit button. */
export const PLACED_REPORT_ERRORS: ReadonlySet<string> = new Set([
  ...Object.values(REPORT_ERROR_KEYS),
  'location',
  'location.lat',
  'location.lng',
  'reporter',
]);

/** The hub's field names for linking a caller → this form's error keys. */
const LINK_FIELD_KEYS: Record<string, string> = {
  name: 'reporter.name',
  salutation: 'reporter.salutation',
  email: 'reporter.email',
  phone: 'reporter.phone',
  consent: 'consent',
};

export function linkErrorKey(hubField: string): string {
  return LINK_FIELD_KEYS[hubField] ?? hubField;
}

/** The caller's contact details that were filled in (trimmed); a salutation goes with them, never alone. */
export function contactOf(draft: ReportDraft): { name?: string; salutation?: string; email?: string; phone?: string } {
  const contact = {
    ...(draft.reporterName.trim() ? { name: draft.reporterName.trim() } : {}),
    ...(draft.reporterEmail.trim() ? { email: draft.reporterEmail.trim() } : {}),
    ...(draft.reporterPhone.trim() ? { phone: draft.reporterPhone.trim() } : {}),
  };
  const salutation = draft.reporterSalutation.replace(/\s+/g, ' ').trim();
  return Object.keys(contact).length > 0 && salutation ? { ...contact, salutation } : contact;
}

/** The report to create, and what is wrong with it before the hub is asked (empty: nothing). */
export function buildReportInput(
  draft: ReportDraft,
  location: LatLngText,
  t: Translate,
): { input: CreateReportInput; errors: Record<string, string> } {
  const found: Record<string, string> = {};
  const lat = parseCoordinate(location.lat);
  const lng = parseCoordinate(location.lng);
  const reporter = contactOf(draft);
  const input: CreateReportInput = {
    category: draft.category,
    location: { lat, lng },
    description: draft.description,
    priority: draft.priority,
    source: draft.source,
    ...(draft.address.trim() ? { address: draft.address.trim() } : {}),
    ...(Object.keys(reporter).length > 0 ? { reporter } : {}),
    // The hub records the answer with its time, and refuses contact details without it (README "Consent").
    consent: { contact: draft.consent },
  };
  const parsed = CreateReportInput.safeParse(input);
  if (!parsed.success) Object.assign(found, fieldErrors(parsed.error));
  if (Number.isNaN(lat) || Number.isNaN(lng)) {
    delete found['location.lat'];
    delete found['location.lng'];
    found.location = t('form.locationRequired');
  }
  // Contact details are kept only with the caller's consent (asked on the phone or at the counter).
  if (Object.keys(reporter).length > 0 && !draft.consent) found.consent = t('intake.consentRequired');
  return { input, errors: found };
}

/** The caller's details for linking to an existing report, or what is missing (a contact and consent). */
export function buildLinkBody(
  draft: ReportDraft,
  t: Translate,
): { ok: true; body: LinkReporterBody } | { ok: false; errors: Record<string, string> } {
  const contact = contactOf(draft);
  const parsed = LinkReporterBody.safeParse({ ...contact, consent: draft.consent });
  if (parsed.success) return { ok: true, body: parsed.data };
  const errors: Record<string, string> = {};
  for (const [key, message] of Object.entries(fieldErrors(parsed.error))) errors[linkErrorKey(key)] = message;
  if (!draft.consent) errors.consent = t('intake.consentRequired');
  if (Object.keys(contact).length === 0) errors['reporter.email'] = t('intake.contactRequired');
  return { ok: false, errors };
}
