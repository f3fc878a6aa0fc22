import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { HubDeps } from '../../commands/context';
import { postOpen311Comment } from '../../commands/open311';
import { feedbackTrigger } from '../../commands/lifecycle';
import { runCommand } from '../../commands/run-command';
import type { Outcome, ReportStatus } from '../../protocol/report';
import type { Resolution } from '../../protocol/resolution';
import { type ApiClient, findApiClient } from '../../store/api-keys';
import { listCategories } from '../../store/categories';
import { isUniqueViolation } from '../../store/signal-batches';
import { apiKeyOfReport, approvedPhotoIds, citizenSecrets, findComment, findRequestByNumber, messagesAt, publicApprovedPhoto, reporterNames, transitionHistory, transitionsOfKey } from '../../store/open311';
import { Open311Error } from './errors';
import { apiKeyOf, bound, parseRequestId, type RawParams, single, withinLength } from './params';
import { FORMATS, type Format, type Open311Document, type RequestUpdateEntry, sendDocument } from './render';
import {
  citizenStatuses,
  describeResolution,
  type ExtendedStatus,
  EXTENDED_STATUSES,
  externalStatusCode,
  extendedStatus,
  isInternalReferral,
  publicDescription,
  SENSITIVE_DESCRIPTIONS,
  type StatusChange,
  survivingReportNumber,
} from './updates';
import { formatW3cDateTime } from './w3c';

/** Without dates: the last 24 hours. Two dates may not span more than 90 days. A window with more status changes than this is refused (400). */
const DEFAULT_WINDOW_MS = 24 * 3_600_000;
const MAX_WINDOW_MS = 90 * 86_400_000;
export const MAX_UPDATES = 10_000;

interface TransitionPayload {
  from: ReportStatus;
  to: ReportStatus;
  outcome: Outcome | null;
  resolution: Resolution | null;
  messages?: number;
  report?: { category?: string };
}

async function clientOf(deps: HubDeps, params: RawParams): Promise<ApiClient> {
  const key = apiKeyOf(params);
  if (!key) throw new Open311Error(403, 'api_key was not provided');
  const client = await findApiClient(deps.store.db, key);
  if (!client) throw new Open311Error(403, 'Invalid api_key: unknown or revoked');
  return client;
}

/** The key's status updates in the window, one per citizen-facing change (updates.ts). */
export async function listUpdates(deps: HubDeps, client: ApiClient, params: RawParams): Promise<RequestUpdateEntry[]> {
  const problems: string[] = [];
  const start = bound('start_date', params, problems);
  const end = bound('end_date', params, problems);
  const to = end ?? (start ? new Date(start.getTime() + DEFAULT_WINDOW_MS) : deps.clock());
  const from = start ?? new Date(to.getTime() - DEFAULT_WINDOW_MS);
  if (to < from) problems.push('end_date is before start_date');
  else if (to.getTime() - from.getTime() > MAX_WINDOW_MS) problems.push('start_date and end_date may not span more than 90 days');
  if (problems.length > 0) throw new Open311Error(400, problems);

  const { db } = deps.store;
  // One more than the cap: a window that holds more is refused whole, never cut short without a word (FixMyStreet has
  // no paging for updates; it asks again with a shorter window, e.g. its fetch script's --start/--end).
  const rows = await transitionsOfKey(db, { apiKeyId: client.keyId, from: from.toISOString(), to: to.toISOString(), limit: MAX_UPDATES + 1 });
  if (rows.length > MAX_UPDATES) {
    const last = rows[MAX_UPDATES - 1]?.at ?? to.toISOString();
    throw new Open311Error(
      400,
      `start_date ${formatW3cDateTime(from)} to end_date ${formatW3cDateTime(to)} holds more than ${MAX_UPDATES} status changes, the most one answer gives: ask for a shorter window (the ${MAX_UPDATES}th is at ${formatW3cDateTime(last)}; end the window before it)`,
    );
  }
  const changes = rows.map((row) => ({ row, payload: JSON.parse(row.payload) as TransitionPayload }));
  const categories = await listCategories(db);
  const departments = [...new Set(categories.map((c) => c.department))];
  const sensitive = new Set(categories.filter((c) => c.sensitive).map((c) => c.code));
  const reportIds = [...new Set(rows.map((r) => r.reportId))];
  const messages = await messagesAt(
    db,
    changes.flatMap(({ row, payload }) => {
      const trigger = feedbackTrigger(payload.from, payload.to);
      return trigger ? [{ reportId: row.reportId, at: row.at, trigger }] : [];
    }),
  );
  const names = await reporterNames(db, reportIds);
  const secrets = await citizenSecrets(db, reportIds);
  const photos = await approvedPhotoIds(db, reportIds);
  const seen = await citizenStatusesOf(db, reportIds, departments, to.toISOString());

  const updates: RequestUpdateEntry[] = [];
  for (const { row, payload } of changes) {
    const read = seen.get(row.seq);
    const status = read?.after ?? extendedStatus(payload.to, payload.outcome, isInternalReferral(payload.resolution, departments));
    const previous = read ? read.before : payload.from === 'closed' ? undefined : extendedStatus(payload.from, null);
    const trigger = feedbackTrigger(payload.from, payload.to);
    // Not citizen-facing: the same extended status and no message (dispatched → in_progress → awaiting_review).
    if (status === previous && !trigger) continue;
    // A sensitive category: a fixed sentence and no media (updates.ts SENSITIVE_DESCRIPTIONS).
    if (sensitive.has(payload.report?.category ?? '')) {
      updates.push({
        update_id: String(row.seq),
        service_request_id: row.number,
        status,
        updated_datetime: formatW3cDateTime(row.at),
        description: SENSITIVE_DESCRIPTIONS[status],
        media_url: null,
        external_status_code: externalStatusCode(payload.to, payload.outcome),
      });
      continue;
    }
    updates.push({
      update_id: String(row.seq),
      service_request_id: row.number,
      status,
      updated_datetime: formatW3cDateTime(row.at),
      description: describeChange(payload, status, trigger ? messages.get(`${row.reportId} ${row.at} ${trigger}`) : undefined, {
        token: secrets.get(row.reportId)?.token ?? null,
        code: secrets.get(row.reportId)?.code ?? null,
        names: names.get(row.reportId) ?? [],
      }),
      // The approved photo of the fix goes with the closing update (its own id, not the citizen's status token).
      media_url: payload.to === 'closed' && photos.has(row.reportId) ? mediaUrl(deps, photos.get(row.reportId) ?? '') : null,
      external_status_code: externalStatusCode(payload.to, payload.outcome),
    });
  }
  return updates;
}

/** The status changes of these reports, oldest first per report, as citizenStatuses reads them. */
async function changesByReport(db: HubDeps['store']['db'], reportIds: readonly string[], departments: readonly string[], to?: string) {
  const byReport = new Map<string, StatusChange[]>();
  for (const row of await transitionHistory(db, reportIds, to)) {
    const payload = JSON.parse(row.payload) as TransitionPayload;
    const change = { seq: row.seq, from: payload.from, to: payload.to, outcome: payload.outcome, internal: isInternalReferral(payload.resolution, departments) };
    const list = byReport.get(row.reportId);
    if (list) list.push(change);
    else byReport.set(row.reportId, [change]);
  }
  return byReport;
}

/** How each status change of these reports read to the citizen (updates.ts citizenStatuses), by event seq. */
export async function citizenStatusesOf(
  db: HubDeps['store']['db'],
  reportIds: readonly string[],
  departments: readonly string[],
  to?: string,
): Promise<Map<number, { before: ExtendedStatus | undefined; after: ExtendedStatus }>> {
  const all = new Map<number, { before: ExtendedStatus | undefined; after: ExtendedStatus }>();
  for (const changes of (await changesByReport(db, reportIds, departments, to)).values()) {
    for (const [seq, read] of citizenStatuses(changes)) all.set(seq, read);
  }
  return all;
}

/** The extended status each of these reports reads as now (its last change as the citizen reads it), by report id. */
export async function currentCitizenStatuses(db: HubDeps['store']['db'], reportIds: readonly string[]): Promise<Map<string, ExtendedStatus>> {
  const departments = [...new Set((await listCategories(db)).map((c) => c.department))];
  const now = new Map<string, ExtendedStatus>();
  for (const [reportId, changes] of await changesByReport(db, reportIds, departments)) {
    const last = changes.at(-1);
    const read = last ? citizenStatuses(changes).get(last.seq) : undefined;
    if (read) now.set(reportId, read.after);
  }
  return now;
}

function describeChange(
  payload: TransitionPayload,
  status: ExtendedStatus,
  message: string | undefined,
  secrets: { token: string | null; code: string | null; names: string[] },
): string {
  const surviving = status === 'DUPLICATE' ? survivingReportNumber(payload.resolution) : undefined;
  if (message) {
    const text = publicDescription(message, secrets);
    return surviving && !text.includes(surviving) ? `${text}\n\nZie melding ${surviving}.` : text;
  }
  return describeResolution(payload.to, payload.resolution, surviving);
}

/** The public URL of an approved photo of the fix (registerUpdateRoutes serves it). */
export function mediaUrl(deps: HubDeps, photoId: string): string {
  return `${deps.publicUrl}/open311/v2/media/${photoId}.jpg`;
}

/** The spec's statuses of a posted update, upper case; anything else is refused. */
const POSTED_STATUSES = new Set<string>([...EXTENDED_STATUSES, 'REOPEN']);

/** POST servicerequestupdates: a citizen comment (commands/open311.ts postOpen311Comment). */
async function postUpdate(deps: HubDeps, client: ApiClient, params: RawParams): Promise<{ update_id: string }[]> {
  const problems: string[] = [];
  const requestId = single(params, 'service_request_id', problems);
  const clientUpdateId = withinLength('update_id', single(params, 'update_id', problems) ?? single(params, 'update_id_ext', problems), 200, problems);
  const statusText = single(params, 'status', problems)?.toUpperCase();
  const description = withinLength('description', single(params, 'description', problems), 4000, problems) ?? '';
  const mediaUrl = withinLength('media_url', single(params, 'media_url', problems), 2000, problems);
  if (requestId === undefined && !problems.some((p) => p.startsWith('service_request_id'))) problems.push('service_request_id was not provided');
  if (clientUpdateId === undefined && !problems.some((p) => p.startsWith('update_id'))) problems.push('update_id was not provided');
  if (statusText === undefined) problems.push('status was not provided');
  else if (!POSTED_STATUSES.has(statusText)) problems.push(`status must be one of ${[...POSTED_STATUSES].join(', ')}, got "${statusText}"`);
  if (mediaUrl !== undefined && !/^https?:\/\/\S+$/i.test(mediaUrl)) problems.push('media_url must be an http(s) URL');
  const updated = single(params, 'updated_datetime', problems);
  if (updated !== undefined && bound('start_date', { start_date: updated }, []) === undefined) {
    problems.push(`updated_datetime must be a W3C datetime, got "${updated}"`);
  }
  if (problems.length > 0) throw new Open311Error(400, problems);
  const number = parseRequestId(requestId ?? '');
  const record = number === undefined ? undefined : await findRequestByNumber(deps.store.db, number);
  // Deny by default: a key comments on (and asks to reopen) only the reports it sent; any other is not found to it.
  if (!record || (await apiKeyOfReport(deps.store.db, record.id)) !== client.keyId) throw new Open311Error(404, `service_request_id "${requestId}" was not found`);
  const comment = {
    apiKeyId: client.keyId,
    clientName: client.clientName,
    clientUpdateId: clientUpdateId ?? '',
    reportId: record.id,
    status: statusText,
    description,
    ...(mediaUrl ? { mediaUrl } : {}),
  };
  const result = await runCommand(deps, postOpen311Comment, 'system', comment).catch(async (err: unknown) => {
    // The same update_id written at the same instant by another transaction (another hub node): the unique index
    // refused ours, nothing of it was written, and the client gets the id of the one that was (idempotent).
    const earlier = isUniqueViolation(err) ? await findComment(deps.store.db, client.keyId, comment.clientUpdateId) : undefined;
    if (!earlier) throw err;
    deps.log.info({ reportId: record.id, updateId: earlier.id }, 'open311 comment posted twice at once: answered with the stored one');
    return { id: earlier.id };
  });
  return [{ update_id: result.id }];
}

/**
 * mySociety's servicerequestupdates extension under /open311/v2 (README "Open311"): GET (api_key required: a key reads
 * the updates of the reports it sent) and POST (citizen comments), .xml and .json.
 */
export function registerUpdateRoutes(
  scope: FastifyInstance,
  deps: HubDeps,
  base: string,
  guardPost: <T>(client: ApiClient, work: () => Promise<T>) => Promise<T>,
): void {
  const publicAccess = { config: { access: 'public' as const } };
  // An approved photo of the fix, by its photo id (a random UUID): never an original, never by the status token.
  scope.get<{ Params: { file: string } }>(`${base}/media/:file`, publicAccess, async (request, reply) => {
    const id = /^([0-9a-f-]{36})\.jpg$/i.exec(request.params.file)?.[1];
    const photo = id ? await publicApprovedPhoto(deps.store.db, id) : undefined;
    if (!photo) throw new Open311Error(404, `media "${request.params.file}" was not found`);
    return reply
      .header('content-type', 'image/jpeg')
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .send(photo);
  });
  for (const format of FORMATS) {
    scope.get(`${base}/servicerequestupdates.${format}`, publicAccess, async (request: FastifyRequest, reply) => {
      const params = request.query as RawParams;
      const client = await clientOf(deps, params);
      return sendDocument(reply, format as Format, { kind: 'request_updates', body: await listUpdates(deps, client, params) } satisfies Open311Document);
    });
    scope.post(`${base}/servicerequestupdates.${format}`, publicAccess, async (request: FastifyRequest, reply) => {
      const params = (request.body && typeof request.body === 'object' ? request.body : {}) as RawParams;
      const client = await clientOf(deps, params);
      const body = await guardPost(client, () => postUpdate(deps, client, params));
      return sendDocument(reply, format as Format, { kind: 'posted_updates', body });
    });
  }
}
