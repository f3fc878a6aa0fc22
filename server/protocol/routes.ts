import { z } from 'zod';
import type { Action } from '../domain/permissions';
import { ApiKeysResponse, CreateApiKeyBody, CreatedApiKey, RevokedApiKey, TemplateBody, TemplatesResponse, UpdateApiKeyBody } from './admin';
import { CategoriesResponse, ClientConfig, ReportsQuery, ReportsSnapshot } from './api';
import { Address, AddressLookupQuery, AddressReverseQuery, AddressReverseResponse, AddressSuggestQuery, AddressSuggestResponse } from './address';
import { LoginRequest, LoginResponse, User } from './auth';
import { NewUserBody, PasswordReset, TotpCodeBody, TotpEnrolment, TotpStatus, UnlockBody, UpdateUserBody, UserAccount, UsersResponse } from './users';
import { EntityId } from './common';
import { ReportDetail, OutboxMessageView } from './detail';
import { FocusArea, OfferCommand, TaskingEntry } from './dispatch';
import {
  AlertsResponse,
  NewFocusArea,
  NewTaskingEntry,
  OffersResponse,
  PhotoUploaded,
  RecommendationsResponse,
  TaskingQuery,
  TaskingResponse,
  UnitsResponse,
} from './dispatch-api';
import { EmergenciesResponse } from './emergency';
import { EventsPage, EventsQuery } from './events';
import { CreatedReferral, ExternalReferral, ExternalReferralsResponse, NewReferralBody } from './external';
import { DeclarePriorityTrafficCommand, LiftPriorityTrafficCommand, PriorityTraffic, PriorityTrafficList, SafetyStatus } from './safety';
import {
  HotspotsAnswer,
  HotspotsQuery,
  LinkReporterBody,
  MergeBody,
  MergeResponse,
  NearbyQuery,
  NearbyResponse,
  SignalImportBody,
  SignalImportResult,
  SignalsQuery,
  SignalsResponse,
  SignalWebhookBody,
  SignalWebhookResponse,
} from './intake';
import { OutboxList, OutboxQuery, PreviewResponse, TransitionRequestBody } from './lifecycle-api';
import { AccessLogQuery, AccessLogResponse, PrivacyErased, PrivacyExport, PrivacyFindings, PrivacyRequest, ReportContacts } from './privacy';
import { Category, CategoryPhrases, CategorySlaTerms, CreateReportInput, Report } from './report';
import { QueuePage, QueueQuery } from './report-queue';
import { AskReporterBody, AskReporterResponse, ReporterQuestionsResponse, SatisfactionAnswer, SatisfactionQuery } from './reporter-question';
import { FeedbackTemplate } from './resolution';
import { SplitReportBody, SplitReportResponse, SubReportsDetail } from './sub-reports';
import { PhotoApprovalBody, PhotoBytes, PhotoInfo, PhotosResponse } from './photos';
import { RetentionLogQuery, RetentionLogResponse } from './retention';
import { RunCard, RunCardAdvice, RunCardFields, RunCardsResponse } from './run-cards';
import { SearchAnswer, SearchQuery } from './search';
import { LoginThrottle, LoginThrottlesResponse } from './throttles';
import { AddressNote, AddressNotesResponse, NewAddressNote, ReportContext } from './report-context';
import { ReplaySnapshotAnswer, ReplaySnapshotQuery, ReplayWindow, ReplayWindowQuery } from './replay';
import { ForecastAnswer, ForecastQuery } from './forecast';
import { HandoverAnswer, PdfBytes, SaveShiftReportBody, ShiftQuery, ShiftReport, ShiftReportContent, ShiftReportsList, ShiftReportsQuery } from './shift-report';
import { SignalsBoard, SignalsBoardQuery } from './signals-board';
import { OverviewSnapshot } from './overview';
import { IssuedWallboardDevice, NewWallboardDevice, WallboardDevice, WallboardDevicesResponse, WallboardSession, WallboardSignIn } from './wallboard';
import { StatsAnswer, StatsQuery } from './stats';

/**
 * Every HTTP route of the console API, declared once: the hub registers them from this table
 * (server/http/route.ts) and the console calls them by name (renderer/shared/api/call.ts).
 * `access` is what the caller's role must be allowed (domain/permissions), or 'public'.
 */
export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Fastify style: `/api/reports/:id`. */
  path: string;
  access: Action | 'public';
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  /** The status of a success; 200 unless given. */
  status?: 201 | 204;
}

const Id = z.object({ id: EntityId });
/** 204: no body. */
const NoContent = z.undefined();

export const ROUTES = {
  // ---- session and bootstrap ----
  'config.get': { method: 'GET', path: '/api/config', access: 'public', response: ClientConfig },
  'auth.login': { method: 'POST', path: '/api/auth/login', access: 'public', body: LoginRequest, response: LoginResponse },
  'auth.logout': { method: 'POST', path: '/api/auth/logout', access: 'session.read', response: NoContent, status: 204 },
  'auth.me': { method: 'GET', path: '/api/me', access: 'session.read', response: User },
  // Who is being tried at sign-in, and lifting a block (shift lead, admin).
  'auth.throttles': { method: 'GET', path: '/api/auth/throttles', access: 'auth.throttles', response: LoginThrottlesResponse },
  'auth.unblock': { method: 'POST', path: '/api/auth/throttles/:id/unblock', access: 'auth.throttles', params: Id, response: LoginThrottle },
  'categories.list': { method: 'GET', path: '/api/categories', access: 'categories.read', response: CategoriesResponse },
  'categories.setSlaTerms': {
    method: 'PUT',
    path: '/api/categories/:code/sla-terms',
    access: 'categories.write',
    params: z.object({ code: EntityId }),
    body: CategorySlaTerms,
    response: Category,
  },
  // How a category reads in a sentence of a citizen message ({categorie}): kept with the message texts (admin).
  'categories.setPhrases': {
    method: 'PUT',
    path: '/api/categories/:code/phrases',
    access: 'templates.write',
    params: z.object({ code: EntityId }),
    body: CategoryPhrases,
    response: Category,
  },
  'events.list': { method: 'GET', path: '/api/events', access: 'events.read', query: EventsQuery, response: EventsPage },

  // ---- reports and their lifecycle ----
  'reports.list': { method: 'GET', path: '/api/reports', access: 'report.list', query: ReportsQuery, response: ReportsSnapshot },
  // The console's open queue, paged newest first (keyset), each page with the open total and its event seq.
  'reports.queue': { method: 'GET', path: '/api/reports/queue', access: 'report.list', query: QueueQuery, response: QueuePage },
  'reports.create': { method: 'POST', path: '/api/reports', access: 'report.create', body: CreateReportInput, response: Report, status: 201 },
  // Any report, closed ones too, by number, address prefix or words (exact number first).
  'reports.search': { method: 'GET', path: '/api/reports/search', access: 'report.list', query: SearchQuery, response: SearchAnswer },
  'reports.nearby': { method: 'GET', path: '/api/reports/nearby', access: 'report.list', query: NearbyQuery, response: NearbyResponse },
  'reports.get': { method: 'GET', path: '/api/reports/:id', access: 'report.read', params: Id, response: ReportDetail },
  'reports.transition': {
    method: 'POST',
    path: '/api/reports/:id/transition',
    access: 'report.transition',
    params: Id,
    body: TransitionRequestBody,
    response: Report,
  },
  'reports.preview': {
    method: 'POST',
    path: '/api/reports/:id/preview',
    access: 'report.transition',
    params: Id,
    body: TransitionRequestBody,
    response: PreviewResponse,
  },
  'reports.linkReporter': {
    method: 'POST',
    path: '/api/reports/:id/reporters',
    access: 'report.create',
    params: Id,
    body: LinkReporterBody,
    response: Report,
    status: 201,
  },
  // The reporters' contact details and the messages' recipients, whole: each call is written to the access log.
  'reports.contacts': { method: 'GET', path: '/api/reports/:id/contacts', access: 'contacts.read', params: Id, response: ReportContacts },
  'reports.merge': { method: 'POST', path: '/api/reports/:id/duplicate-of', access: 'report.merge', params: Id, body: MergeBody, response: MergeResponse },
  'reports.recommendations': {
    method: 'GET',
    path: '/api/reports/:id/recommendations',
    access: 'dispatch.read',
    params: Id,
    response: RecommendationsResponse,
  },

  // ---- a report's context: nearby reports, the reporter's history (contacts.read roles only), address notes ----
  'reports.context': { method: 'GET', path: '/api/reports/:id/context', access: 'report.read', params: Id, response: ReportContext },
  'addressNotes.create': { method: 'POST', path: '/api/address-notes', access: 'address_notes.write', body: NewAddressNote, response: AddressNote, status: 201 },
  'addressNotes.delete': { method: 'DELETE', path: '/api/address-notes/:id', access: 'address_notes.write', params: Id, response: AddressNote },
  // The notes on a report the field unit's own unit is offered or works on (checked per report).
  'field.reportNotes': { method: 'GET', path: '/api/field/reports/:id/notes', access: 'field.notes', params: Id, response: AddressNotesResponse },

  // ---- citizen messages and templates ----
  'outbox.list': { method: 'GET', path: '/api/outbox', access: 'outbox.read', query: OutboxQuery, response: OutboxList },
  'outbox.retry': { method: 'POST', path: '/api/outbox/:id/retry', access: 'outbox.retry', params: Id, response: OutboxMessageView },
  'templates.list': { method: 'GET', path: '/api/templates', access: 'templates.read', response: TemplatesResponse },
  'templates.save': { method: 'PUT', path: '/api/templates/:id', access: 'templates.write', params: Id, body: TemplateBody, response: FeedbackTemplate },

  // ---- signals and hotspots ----
  'signals.list': { method: 'GET', path: '/api/signals', access: 'report.list', query: SignalsQuery, response: SignalsResponse },
  'signals.import': { method: 'POST', path: '/api/signals/import', access: 'signals.import', body: SignalImportBody, response: SignalImportResult },
  'signals.preview': { method: 'POST', path: '/api/signals/preview', access: 'signals.import', body: SignalImportBody, response: SignalImportResult },
  // Authenticates itself with a shared key (header X-Meldkamer-Webhook-Key); 201 when stored, 200 when delivered before.
  'signals.webhook': { method: 'POST', path: '/api/signals/webhook', access: 'public', body: SignalWebhookBody, response: SignalWebhookResponse, status: 201 },
  'hotspots.get': { method: 'GET', path: '/api/hotspots', access: 'report.list', query: HotspotsQuery, response: HotspotsAnswer },

  // ---- dispatch ----
  'units.list': { method: 'GET', path: '/api/units', access: 'dispatch.read', response: UnitsResponse },
  'alerts.list': { method: 'GET', path: '/api/alerts', access: 'dispatch.read', response: AlertsResponse },
  'emergencies.list': { method: 'GET', path: '/api/emergencies', access: 'dispatch.read', response: EmergenciesResponse },
  'offers.create': { method: 'POST', path: '/api/offers', access: 'dispatch.offer', body: OfferCommand, response: OffersResponse, status: 201 },
  'tasking.get': { method: 'GET', path: '/api/tasking', access: 'dispatch.read', query: TaskingQuery, response: TaskingResponse },
  'tasking.create': { method: 'POST', path: '/api/tasking', access: 'tasking.write', body: NewTaskingEntry, response: TaskingEntry, status: 201 },
  'focusAreas.create': { method: 'POST', path: '/api/focus-areas', access: 'tasking.write', body: NewFocusArea, response: FocusArea, status: 201 },
  // Run cards (domain/run-cards.ts): read with the recommendation, kept by the shift lead.
  'runCards.list': { method: 'GET', path: '/api/run-cards', access: 'dispatch.read', response: RunCardsResponse },
  'runCards.create': { method: 'POST', path: '/api/run-cards', access: 'runcards.write', body: RunCardFields, response: RunCard, status: 201 },
  'runCards.update': { method: 'PUT', path: '/api/run-cards/:id', access: 'runcards.write', params: Id, body: RunCardFields, response: RunCard },
  'runCards.delete': { method: 'DELETE', path: '/api/run-cards/:id', access: 'runcards.write', params: Id, response: NoContent, status: 204 },
  'reports.runCard': { method: 'GET', path: '/api/reports/:id/run-card', access: 'dispatch.read', params: Id, response: RunCardAdvice },
  // Officer safety (domain/safety-timers.ts, domain/priority-traffic.ts): spoedmeldingen, and the hub's view of check-ins and "geen positie".
  'priorityTraffic.list': { method: 'GET', path: '/api/priority-traffic', access: 'priority_traffic.read', response: PriorityTrafficList },
  'priorityTraffic.declare': { method: 'POST', path: '/api/priority-traffic', access: 'priority_traffic.declare', body: DeclarePriorityTrafficCommand, response: PriorityTraffic, status: 201 },
  'priorityTraffic.lift': { method: 'POST', path: '/api/priority-traffic/:id/lift', access: 'priority_traffic.declare', params: Id, body: LiftPriorityTrafficCommand, response: PriorityTraffic },
  'safety.status': { method: 'GET', path: '/api/safety', access: 'dispatch.read', response: SafetyStatus },
  // The body is the JPEG or PNG itself (content type image/jpeg or image/png), not JSON.
  'photos.upload': { method: 'PUT', path: '/api/field/reports/:id/photo', access: 'field.photo', params: Id, response: PhotoUploaded, status: 201 },
  'photos.list': { method: 'GET', path: '/api/reports/:id/photos', access: 'photos.read', params: Id, response: PhotosResponse },
  // The photo's bytes (image/jpeg or image/png, not JSON), private and never sniffed.
  'photos.get': { method: 'GET', path: '/api/photos/:id', access: 'photos.read', params: Id, response: PhotoBytes },
  // Hand-off to an external party (server/domain/external-referrals.ts): its links, made (the link shown once) and revoked.
  'external.list': { method: 'GET', path: '/api/reports/:id/external', access: 'external.read', params: Id, response: ExternalReferralsResponse },
  'external.create': { method: 'POST', path: '/api/reports/:id/external', access: 'external.manage', params: Id, body: NewReferralBody, response: CreatedReferral, status: 201 },
  'external.revoke': { method: 'POST', path: '/api/external/:id/revoke', access: 'external.manage', params: Id, response: ExternalReferral },
  // ---- the photo of the fix: the desk's approval for the citizen (protocol/photos.ts) ----

  'photos.approve': { method: 'POST', path: '/api/photos/:id/approval', access: 'photos.approve', params: Id, body: PhotoApprovalBody, response: PhotoInfo },
  'photos.unapprove': { method: 'DELETE', path: '/api/photos/:id/approval', access: 'photos.approve', params: Id, response: PhotoInfo },
  // The approved variant's bytes (image/jpeg), as the citizen sees it.
  'photos.approved': { method: 'GET', path: '/api/photos/:id/approved', access: 'photos.read', params: Id, response: PhotoBytes },

  // ---- address search (issue 12): the hub asks the configured source (offline index or PDOK); 503 address.unavailable when it fails ----
  'address.suggest': { method: 'GET', path: '/api/address/suggest', access: 'address.search', query: AddressSuggestQuery, response: AddressSuggestResponse },
  'address.lookup': { method: 'GET', path: '/api/address/lookup', access: 'address.search', query: AddressLookupQuery, response: Address },
  'address.reverse': { method: 'GET', path: '/api/address/reverse', access: 'address.search', query: AddressReverseQuery, response: AddressReverseResponse },

  // ---- retention (AVG): what the retention job erased and deleted ----
  'retention.log': { method: 'GET', path: '/api/retention/log', access: 'retention.read', query: RetentionLogQuery, response: RetentionLogResponse },

  // ---- privacy: the access log and a citizen's rights (POST: the address stays out of URLs and request logs) ----
  'accessLog.list': { method: 'GET', path: '/api/access-log', access: 'accesslog.read', query: AccessLogQuery, response: AccessLogResponse },
  'privacy.search': { method: 'POST', path: '/api/privacy/search', access: 'privacy.search', body: PrivacyRequest, response: PrivacyFindings },
  'privacy.export': { method: 'POST', path: '/api/privacy/export', access: 'privacy.search', body: PrivacyRequest, response: PrivacyExport },
  'privacy.erase': { method: 'POST', path: '/api/privacy/erase', access: 'privacy.erase', body: PrivacyRequest, response: PrivacyErased },

  // ---- administration ----
  'apiKeys.list': { method: 'GET', path: '/api/admin/api-keys', access: 'apikeys.manage', response: ApiKeysResponse },
  'apiKeys.create': { method: 'POST', path: '/api/admin/api-keys', access: 'apikeys.manage', body: CreateApiKeyBody, response: CreatedApiKey, status: 201 },
  'apiKeys.revoke': { method: 'DELETE', path: '/api/admin/api-keys/:id', access: 'apikeys.manage', params: Id, response: RevokedApiKey },
  'apiKeys.update': { method: 'PUT', path: '/api/admin/api-keys/:id', access: 'apikeys.manage', params: Id, body: UpdateApiKeyBody, response: RevokedApiKey },

  // ---- users (admin) and the signed-in user's own security ----
  'users.list': { method: 'GET', path: '/api/admin/users', access: 'users.manage', response: UsersResponse },
  'users.create': { method: 'POST', path: '/api/admin/users', access: 'users.manage', body: NewUserBody, response: UserAccount, status: 201 },
  'users.update': { method: 'PUT', path: '/api/admin/users/:id', access: 'users.manage', params: Id, body: UpdateUserBody, response: UserAccount },
  // Deactivating ends the user's sessions and disconnects their consoles.
  'users.deactivate': { method: 'POST', path: '/api/admin/users/:id/deactivate', access: 'users.manage', params: Id, response: UserAccount },
  'users.activate': { method: 'POST', path: '/api/admin/users/:id/activate', access: 'users.manage', params: Id, response: UserAccount },
  // A new password, shown once in this answer (only its hash is kept); ends the user's sessions.
  'users.resetPassword': { method: 'POST', path: '/api/admin/users/:id/password', access: 'users.manage', params: Id, response: PasswordReset },
  'users.resetTotp': { method: 'DELETE', path: '/api/admin/users/:id/totp', access: 'users.manage', params: Id, response: UserAccount },
  // The locked console's password check, for the current session's user.
  'auth.unlock': { method: 'POST', path: '/api/auth/unlock', access: 'session.read', body: UnlockBody, response: NoContent, status: 204 },
  // Their own second factor: a secret shown once, then confirmed with a first code.
  'auth.totpEnrol': { method: 'POST', path: '/api/me/totp', access: 'auth.totp', response: TotpEnrolment },
  'auth.totpConfirm': { method: 'POST', path: '/api/me/totp/confirm', access: 'auth.totp', body: TotpCodeBody, response: TotpStatus },
  // ---- asking the reporter and the satisfaction figures (protocol/reporter-question.ts) ----

  'reports.askReporter': {
    method: 'POST',
    path: '/api/reports/:id/question',
    access: 'report.ask_reporter',
    params: Id,
    body: AskReporterBody,
    response: AskReporterResponse,
    status: 201,
  },
  'reports.questions': { method: 'GET', path: '/api/reports/:id/questions', access: 'report.read', params: Id, response: ReporterQuestionsResponse },
  'satisfaction.get': { method: 'GET', path: '/api/satisfaction', access: 'satisfaction.read', query: SatisfactionQuery, response: SatisfactionAnswer },
  // ---- KPIs against targets (issue 14 point 2, protocol/stats.ts): JSON, or a CSV/XLSX download with format= ----
  'stats.get': {
    method: 'GET',
    path: '/api/stats',
    access: 'stats.read',
    query: StatsQuery,
    response: z.union([StatsAnswer, z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected the bytes of an export')]),
  },
  // ---- sub-reports (deelmeldingen, protocol/sub-reports.ts) ----

  // Split a report into parts for other teams (the desk).
  'reports.split': {
    method: 'POST',
    path: '/api/reports/:id/parts',
    access: 'report.split',
    params: Id,
    body: SplitReportBody,
    response: SplitReportResponse,
    status: 201,
  },
  // A report's parts, or the main report of a part (whoever reads the report).
  'reports.parts': { method: 'GET', path: '/api/reports/:id/parts', access: 'report.read', params: Id, response: SubReportsDetail },
  // ---- the shift lead's live overview and the wallboard (issue 14, points 1 and 4; protocol/overview.ts, protocol/wallboard.ts) ----
  'overview.get': { method: 'GET', path: '/api/overview', access: 'overview.read', response: OverviewSnapshot },
  'wallboards.list': { method: 'GET', path: '/api/admin/wallboards', access: 'wallboard.manage', response: WallboardDevicesResponse },
  // The device token is in this answer only (only its hash is kept).
  'wallboards.issue': { method: 'POST', path: '/api/admin/wallboards', access: 'wallboard.manage', body: NewWallboardDevice, response: IssuedWallboardDevice, status: 201 },
  // Ends the device's sessions and disconnects its wallboard at once.
  'wallboards.revoke': { method: 'POST', path: '/api/admin/wallboards/:id/revoke', access: 'wallboard.manage', params: Id, response: WallboardDevice },
  // The wallboard's one-time entry form: the token in the body, the answer sets the session cookie (http/wallboard-cookie.ts).
  'wallboard.signIn': { method: 'POST', path: '/api/wallboard/session', access: 'public', body: WallboardSignIn, response: WallboardSession },
  'wallboard.session': { method: 'GET', path: '/api/wallboard/session', access: 'wallboard.view', response: WallboardSession },
  'wallboard.signOut': { method: 'DELETE', path: '/api/wallboard/session', access: 'wallboard.view', response: NoContent, status: 204 },
  // ---- the shift report and its handover (issue 14 point 5; protocol/shift-report.ts) and the signals dashboard (point 3) ----
  // The report of a shift as it would be saved now (date and shift absent: the shift on now), nothing written.
  'shiftReport.draft': { method: 'GET', path: '/api/shift-report', access: 'shift_report.read', query: ShiftQuery, response: ShiftReportContent },
  'shiftReports.list': { method: 'GET', path: '/api/shift-reports', access: 'shift_report.read', query: ShiftReportsQuery, response: ShiftReportsList },
  // Saves the shift's report with the notes (again for the same shift: replaced, and the next shift lead reads it again).
  'shiftReports.save': { method: 'POST', path: '/api/shift-reports', access: 'shift_report.write', body: SaveShiftReportBody, response: ShiftReport, status: 201 },
  'shiftReports.get': { method: 'GET', path: '/api/shift-reports/:id', access: 'shift_report.read', params: Id, response: ShiftReport },
  // The saved report as a one-page PDF (application/pdf, not JSON).
  'shiftReports.pdf': { method: 'GET', path: '/api/shift-reports/:id/pdf', access: 'shift_report.read', params: Id, response: PdfBytes },
  // The handover (overdracht) waiting for the signed-in shift lead, shown at sign-in until acknowledged.
  'handover.get': { method: 'GET', path: '/api/handover', access: 'shift_report.handover', response: HandoverAnswer },
  'handover.acknowledge': { method: 'POST', path: '/api/shift-reports/:id/acknowledge', access: 'shift_report.handover', params: Id, response: ShiftReport },
  'signals.dashboard': { method: 'GET', path: '/api/signals/dashboard', access: 'signals.dashboard', query: SignalsBoardQuery, response: SignalsBoard },
  // ---- shift replay and hotspot forecast (issue 14, points 6 and 7; protocol/replay.ts, protocol/forecast.ts) ----
  'replay.snapshot': { method: 'GET', path: '/api/replay/snapshot', access: 'replay.read', query: ReplaySnapshotQuery, response: ReplaySnapshotAnswer },
  'replay.window': { method: 'GET', path: '/api/replay/window', access: 'replay.read', query: ReplayWindowQuery, response: ReplayWindow },
  'forecast.get': { method: 'GET', path: '/api/forecast', access: 'forecast.read', query: ForecastQuery, response: ForecastAnswer },
} as const satisfies Record<string, RouteSpec>;

export type Routes = typeof ROUTES;
export type RouteName = keyof Routes;

type SchemaOf<R extends RouteName, K extends 'params' | 'query' | 'body' | 'response'> = Routes[R] extends { [P in K]: infer S extends z.ZodType } ? S : never;

/** What a caller sends: the schemas' input types (defaults may be left out). */
export type RouteParams<R extends RouteName> = z.input<SchemaOf<R, 'params'>>;
export type RouteQuery<R extends RouteName> = z.input<SchemaOf<R, 'query'>>;
export type RouteBody<R extends RouteName> = z.input<SchemaOf<R, 'body'>>;
/** What the route answers, as the caller reads it after checking it against the schema. */
export type RouteResponse<R extends RouteName> = z.output<SchemaOf<R, 'response'>>;
