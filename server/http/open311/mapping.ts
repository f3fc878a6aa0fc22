import type { Category, ReportStatus } from '../../protocol/report';
import type { RequestRecord } from '../../store/open311';
import type { PublicStatus } from './params';
import type { ServiceRequestEntry } from './render';
import { maskWord, replaceTokenRuns } from './secret-mask';
import type { Locale } from './service-attributes';
import { civilDateToW3c, formatW3cDateTime } from './w3c';

/** A report as Open311 reads it (from the reports table, plus what Open311 stored next to it). */
export type RequestSource = Omit<RequestRecord, 'id' | 'citizenToken' | 'citizenCode' | 'source' | 'sensitive' | 'outcome' | 'latestMessage'>;

/** GeoReport knows open and closed; every Meldkamer status but `closed` is still open for the citizen. */
export function publicStatus(status: ReportStatus): PublicStatus {
  return status === 'closed' ? 'closed' : 'open';
}

/** Statuses still inside the first handling, where the category's handling time is the expectation. */
const WITHIN_SLA: ReadonlySet<ReportStatus> = new Set(['new', 'triaged', 'dispatched', 'in_progress', 'awaiting_review']);

/**
 * When the citizen may expect it fixed: the follow-up date of a scheduled report (ingepland: still open,
 * with that date), the handling deadline while first handled, nothing once closed or reopen-requested.
 */
export function expectedDatetime(source: Pick<RequestSource, 'status' | 'followUpDate' | 'slaDeadline'>): string | null {
  if (source.status === 'scheduled') return source.followUpDate ? civilDateToW3c(source.followUpDate) : null;
  if (WITHIN_SLA.has(source.status) && source.slaDeadline) return formatW3cDateTime(source.slaDeadline);
  return null;
}

export function serviceName(category: Category | undefined, code: string, locale: Locale): string {
  if (!category) return code;
  return locale === 'en' ? category.nameEn : category.nameNl;
}

/** Each category's notice per locale, written once per category read (a status poll lists 20,000 requests). */
const notices = new WeakMap<Category, Partial<Record<Locale, string>>>();

/** The handling promise of a category, for `service_notice`. */
export function serviceNotice(category: Category | undefined, locale: Locale): string | null {
  if (!category) return null;
  let known = notices.get(category);
  if (!known) {
    known = {};
    notices.set(category, known);
  }
  known[locale] ??= noticeText(category, locale);
  return known[locale];
}

function noticeText(category: Category, locale: Locale): string {
  const days = category.slaWorkingDays;
  if (locale === 'en') {
    return `${category.department} handles reports like this within ${days} working day${days === 1 ? '' : 's'}. You will hear what was found and what was done.`;
  }
  return `${category.department} handelt meldingen als deze binnen ${days} werkdag${days === 1 ? '' : 'en'} af. U hoort wat er is aangetroffen en wat eraan is gedaan.`;
}

/**
 * A feedback message made public as `status_notes`: the citizen's personal status link and access code
 * grant answering on their behalf, so the link becomes the public lookup page and the code is masked.
 */
export function publicNotes(text: string, secrets: { token: string | null; code: string | null }, lookupUrl: string): string {
  let notes = text;
  if (secrets.token) notes = replaceTokenRuns(notes, secrets.token, lookupUrl);
  if (secrets.code) notes = maskWord(notes, secrets.code, '******');
  return notes;
}

export function toServiceRequest(
  source: RequestSource,
  category: Category | undefined,
  statusNotes: string | null,
  locale: Locale,
): ServiceRequestEntry {
  return {
    service_request_id: source.number,
    status: publicStatus(source.status),
    status_notes: statusNotes,
    service_name: serviceName(category, source.category, locale),
    service_code: source.category,
    description: source.description,
    agency_responsible: category?.department ?? null,
    service_notice: serviceNotice(category, locale),
    requested_datetime: formatW3cDateTime(source.createdAt),
    updated_datetime: formatW3cDateTime(source.updatedAt),
    expected_datetime: expectedDatetime(source),
    address: source.address,
    address_id: null,
    zipcode: null,
    lat: source.lat,
    long: source.lng,
    media_url: source.mediaUrl,
  };
}
