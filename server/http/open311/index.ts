import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HubDeps } from '../../commands/context';
import { createOpen311Request } from '../../commands/open311';
import { runCommand } from '../../commands/run-command';
import type { CreateReportInput } from '../../protocol/report';
import { type ApiClient, findApiClient } from '../../store/api-keys';
import { getCategory, listCategories } from '../../store/categories';
import { registerApiKeyRoutes } from './api-keys-routes';
import { Open311Error, toOpen311Error } from './errors';
import { locateRequest } from './locate';
import { publicNotes, serviceName, serviceNotice, toServiceRequest } from './mapping';
import { apiKeyOf, localeOf, parseCreateParams, parseListQuery, parseRequestId, type RawParams } from './params';
import { findRequestByNumber, findRequests, type RequestRecord } from '../../store/open311';
import { reportForCitizenToken } from '../../store/reports';
import { PUBLIC_SOURCE, publicEntry, readableAs } from './public-view';
import { SlidingWindowLimiter } from './rate-limit';
import {
  type AttributeEntry,
  type DiscoveryDocument,
  FORMATS,
  type Format,
  formatOfUrl,
  type Open311Document,
  type ServiceEntry,
  sendDocument,
} from './render';
import {
  attributesOf,
  describeAnswers,
  describeExtras,
  type Locale,
  SERVICE_DEFINITIONS_CHANGESET,
  SERVICE_EXTRAS,
  validateAttributes,
} from './service-attributes';
import { extendedStatus, externalStatusCode } from './updates';
import { currentCitizenStatuses, registerUpdateRoutes } from './updates-routes';

export const OPEN311_BASE = '/open311/v2';
export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
/** mySociety's extension (servicerequestupdates, extended statuses), listed in discovery. */
export const MYSOCIETY_EXTENSION = 'https://github.com/mysociety/FixMyStreet/wiki/Open311-FMS---Proposed-differences-to-Open311';

export interface Open311Options {
  /** Accepted POSTs allowed per API key per minute (each hub node counts its own). */
  postsPerMinute?: number;
  /** Refused POSTs (400/404) allowed per API key per minute, counted apart: a client fixing its requests is not locked out. */
  refusedPerMinute?: number;
}

/** The two POST limits of a key: accepted ones, and refused ones with their own, larger limit. */
export interface PostLimits {
  accepted: SlidingWindowLimiter;
  refused: SlidingWindowLimiter;
}

const MAX_DESCRIPTION = 4000;

/**
 * Open311 GeoReport v2 under /open311/v2 (discovery also at /open311/discovery.*), both .xml and .json,
 * and the admin API for its keys. The Open311 routes are public: POST authenticates by api_key itself.
 */
export async function registerOpen311Routes(app: FastifyInstance, deps: HubDeps, options: Open311Options = {}): Promise<void> {
  registerApiKeyRoutes(app, deps);
  const limits: PostLimits = {
    accepted: new SlidingWindowLimiter(options.postsPerMinute ?? 60, 60_000),
    refused: new SlidingWindowLimiter(options.refusedPerMinute ?? 300, 60_000),
  };
  const { db } = deps.store;

  await app.register(async (scope) => {
    await scope.register(formbody, { bodyLimit: 64_000 });
    scope.setErrorHandler((error, request, reply) => {
      const { error: refusal, unexpected } = toOpen311Error(error);
      if (unexpected) request.log.error({ err: error }, 'open311 request failed');
      if (refusal.retryAfterSeconds !== undefined) reply.header('retry-after', String(refusal.retryAfterSeconds));
      return sendDocument(reply, formatOfUrl(request.url), { kind: 'errors', body: refusal.entries() }, refusal.status);
    });

    const publicAccess = { config: { access: 'public' as const } };
    const get = <P>(path: string, handler: (request: FastifyRequest<{ Params: P }>, format: Format) => Promise<Open311Document>) => {
      for (const format of FORMATS) {
        scope.get<{ Params: P }>(`${path}.${format}`, publicAccess, async (request, reply) =>
          sendDocument(reply, format, await handler(request, format)),
        );
      }
    };

    const discovery = async (): Promise<Open311Document> => {
      const body: DiscoveryDocument = {
        changeset: SERVICE_DEFINITIONS_CHANGESET,
        contact: `Meldkamer ${deps.publicUrl}: questions about this Open311 endpoint go to the administrator of the control room.`,
        key_service: 'An api_key is issued per client app by the administrator (admin) of the control room; ask them for one.',
        endpoints: [
          {
            specification: SPECIFICATION,
            url: `${deps.publicUrl}${OPEN311_BASE}`,
            changeset: SERVICE_DEFINITIONS_CHANGESET,
            type: 'production',
            formats: ['text/xml', 'application/json'],
          },
          {
            specification: MYSOCIETY_EXTENSION,
            url: `${deps.publicUrl}${OPEN311_BASE}`,
            changeset: SERVICE_DEFINITIONS_CHANGESET,
            type: 'production',
            formats: ['text/xml', 'application/json'],
          },
        ],
      };
      return { kind: 'discovery', body };
    };
    get('/open311/discovery', discovery);
    get(`${OPEN311_BASE}/discovery`, discovery);

    get(`${OPEN311_BASE}/services`, async (request) => {
      const locale = localeOf(request.headers['accept-language']);
      const body: ServiceEntry[] = (await listCategories(db)).map((category) => {
        const extras = SERVICE_EXTRAS[category.code];
        const name = serviceName(category, category.code, locale);
        return {
          service_code: category.code,
          service_name: name,
          description: extras?.description?.[locale] ?? serviceNotice(category, locale) ?? name,
          metadata: attributesOf(category.code).length > 0,
          type: 'realtime',
          // Each keyword once (a category's code and Dutch name are often the same word).
          keywords: [...new Set((extras?.keywords ?? [category.code, category.nameNl.toLowerCase()]).map((k) => k.trim().toLowerCase()))].join(', '),
          group: category.department,
        };
      });
      return { kind: 'services', body };
    });

    get<{ service_code: string }>(`${OPEN311_BASE}/services/:service_code`, async (request) => {
      const locale = localeOf(request.headers['accept-language']);
      const code = request.params.service_code;
      const category = await getCategory(db, code);
      if (!category) throw new Open311Error(404, `service_code "${code}" was not found`);
      const attributes: AttributeEntry[] = attributesOf(code).map((a, index) => ({
        variable: a.variable,
        code: a.code,
        datatype: a.datatype,
        required: a.required,
        datatype_description: a.datatypeDescription?.[locale] ?? null,
        order: index + 1,
        description: a.description[locale],
        values: (a.values ?? []).map((v) => ({ key: v.key, name: v.name[locale] })),
      }));
      return { kind: 'service_definition', body: { service_code: category.code, attributes } };
    });

    /** `owner`: the reporter asks with their status token and reads their report whole. */
    const asRequests = async (records: RequestRecord[], locale: Locale, owner = false, extensions = false): Promise<Open311Document> => {
      const categories = new Map((await listCategories(db)).map((c) => [c.code, c]));
      // As the updates read them (updates.ts citizenStatuses): back in the queue after being scheduled still reads
      // ACTION_SCHEDULED, and a referral to an own department INTERNAL_REFERRAL. Only reports where that can differ.
      const byHistory = extensions
        ? await currentCitizenStatuses(db, records.filter((r) => READ_FROM_HISTORY.has(r.status) || r.outcome === 'referred').map((r) => r.id))
        : new Map<string, string>();
      const lookupUrl = `${deps.publicUrl}/status`;
      const body = records.map((record) => {
        const message = record.latestMessage;
        const notes = message ? publicNotes(message, { token: record.citizenToken, code: record.citizenCode }, lookupUrl) : null;
        const entry = toServiceRequest(record, categories.get(record.category), notes, locale);
        if (extensions) {
          entry.extended_attributes = {
            status: byHistory.get(record.id) ?? extendedStatus(record.status, record.outcome),
            external_status_code: externalStatusCode(record.status, record.outcome),
          };
        }
        return owner ? entry : publicEntry(entry, record.sensitive);
      });
      return { kind: 'service_requests', body };
    };

    get(`${OPEN311_BASE}/requests`, async (request) => {
      const raw = request.query as RawParams;
      const query = parseListQuery(raw, deps.clock());
      const records = await findRequests(db, { ...query, source: PUBLIC_SOURCE });
      return asRequests(records, localeOf(request.headers['accept-language']), false, wantsExtensions(raw));
    });

    get<{ id: string }>(`${OPEN311_BASE}/requests/:id`, async (request) => {
      const number = parseRequestId(request.params.id);
      const record = number === undefined ? undefined : await findRequestByNumber(db, number);
      // ?token=<the status token of the reporter's messages>: their own report, whole, however it came in.
      const token = (request.query as RawParams).token;
      const owner = typeof token === 'string' && record ? (await reportForCitizenToken(db, token))?.id : undefined;
      const readable = record ? readableAs(record, owner) : 'none';
      if (!record || readable === 'none') throw new Open311Error(404, `service_request_id "${request.params.id}" was not found`);
      return asRequests([record], localeOf(request.headers['accept-language']), readable === 'owner', wantsExtensions(request.query as RawParams));
    });

    get<{ token: string }>(`${OPEN311_BASE}/tokens/:token`, async (request) => {
      const number = (await reportForCitizenToken(db, request.params.token))?.number;
      if (!number) throw new Open311Error(404, `token "${request.params.token}" was not found`);
      return { kind: 'service_requests', body: [{ service_request_id: number, token: request.params.token }] };
    });

    const guardPost = <T>(client: ApiClient, work: () => Promise<T>) => limitedPost(limits, client, work);
    for (const format of FORMATS) {
      scope.post(`${OPEN311_BASE}/requests.${format}`, publicAccess, async (request, reply) =>
        sendDocument(reply, format, await createRequest(request, deps, guardPost)),
      );
    }
    registerUpdateRoutes(scope, deps, OPEN311_BASE, guardPost);

    // Anything else under /open311 answers in the spec's error format, not the console's.
    scope.route({
      method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      url: '/open311/*',
      ...publicAccess,
      handler: async (request: FastifyRequest, _reply: FastifyReply) => {
        throw new Open311Error(404, `No such Open311 resource: ${request.method} ${request.url.split('?')[0]}`);
      },
    });
  });
}

/** Statuses in which a report may still read ACTION_SCHEDULED to the citizen (it was scheduled before). */
const READ_FROM_HISTORY = new Set<string>(['triaged', 'dispatched', 'in_progress', 'awaiting_review']);

/** `extensions=true`: each request also carries mySociety's extended status (`extended_attributes`). */
function wantsExtensions(params: RawParams): boolean {
  const value = params.extensions;
  return (Array.isArray(value) ? value : [value]).some((v) => typeof v === 'string' && v.trim().toLowerCase() === 'true');
}

/**
 * Runs a key's POST within its limits: an accepted one counts against `accepted`, a refused one (400/404) against
 * `refused`; either limit reached answers 429 with Retry-After before anything is read. The accepted slot is taken
 * before the work starts (so POSTs sent at once cannot all pass a limit none of them has counted yet) and handed
 * back to the refused limit when the work is refused.
 */
async function limitedPost<T>(limits: PostLimits, client: ApiClient, work: () => Promise<T>): Promise<T> {
  const tooMany = (limiter: SlidingWindowLimiter, what: string, retryAfterMs: number) => {
    const seconds = Math.ceil(retryAfterMs / 1000);
    return new Open311Error(429, `Too many ${what} for this api_key: at most ${limiter.limit} a minute; retry in ${seconds} s`, seconds);
  };
  const refused = limits.refused.peek(client.keyId);
  if (!refused.allowed) throw tooMany(limits.refused, 'refused requests', refused.retryAfterMs);
  const slot = limits.accepted.hit(client.keyId);
  if (!slot.allowed) throw tooMany(limits.accepted, 'requests', slot.retryAfterMs);
  try {
    return await work();
  } catch (err) {
    limits.accepted.release(client.keyId, slot.at);
    limits.refused.hit(client.keyId);
    throw err;
  }
}

async function createRequest(
  request: FastifyRequest,
  deps: HubDeps,
  guardPost: <T>(client: ApiClient, work: () => Promise<T>) => Promise<T>,
): Promise<Open311Document> {
  const body = (request.body && typeof request.body === 'object' ? request.body : {}) as RawParams;
  const key = apiKeyOf(body);
  if (!key) throw new Open311Error(403, 'api_key was not provided');
  const client = await findApiClient(deps.store.db, key);
  if (!client) throw new Open311Error(403, 'Invalid api_key: unknown or revoked');
  return guardPost(client, () => createForClient(request, deps, client, body));
}

async function createForClient(request: FastifyRequest, deps: HubDeps, client: ApiClient, body: RawParams): Promise<Open311Document> {
  const params = parseCreateParams(body);
  const category = await getCategory(deps.store.db, params.serviceCode);
  if (!category) throw new Open311Error(404, `service_code "${params.serviceCode}" was not found`);
  const checked = validateAttributes(category.code, params.attributes);
  if (!checked.ok) throw new Open311Error(400, checked.problems.map((p) => p.description));

  const locale = localeOf(request.headers['accept-language']);
  const extra = [
    ...(checked.answers.length > 0 ? [describeAnswers(checked.answers)] : []),
    ...(checked.extras.length > 0 ? [describeExtras(checked.extras)] : []),
    ...(params.mediaUrls.length > 0 ? [`Media: ${params.mediaUrls.join(' ')}`] : []),
  ].join(' — ');
  const given = params.title && params.description && !params.description.includes(params.title) ? `${params.title}\n\n${params.description}` : (params.description ?? params.title);
  let text = given ?? `${category.nameNl} (gemeld via ${client.clientName})`;
  const room = MAX_DESCRIPTION - (extra ? extra.length + 3 : 0);
  if (text.length > room) text = `${text.slice(0, Math.max(0, room - 1))}…`;
  const name = [params.firstName, params.lastName].filter((v) => v !== undefined).join(' ');
  const reporter = {
    ...(name ? { name } : {}),
    ...(params.email ? { email: params.email } : {}),
    ...(params.phone ? { phone: params.phone } : {}),
  };
  // Contact fields are kept only when the key declares that its app asks its users' consent (README "Consent").
  const keepContact = client.contactConsent && Object.keys(reporter).length > 0;
  const where = await locateRequest(deps, params);
  const input: CreateReportInput = {
    category: category.code,
    location: { lat: where.lat, lng: where.lng },
    ...(where.address ? { address: where.address } : {}),
    description: extra ? `${text} — ${extra}` : text,
    ...(keepContact ? { reporter } : {}),
    consent: { contact: client.contactConsent },
    source: 'open311',
    priority: 'normal',
    locale,
  };
  const open311 = {
    apiKeyId: client.keyId,
    attributes: [
      ...checked.answers.map(({ code, values }) => ({ code, values })),
      ...checked.extras.map(({ code, values }) => ({ code, values, extra: true as const })),
    ],
    ...(params.mediaUrls[0] ? { mediaUrl: params.mediaUrls[0] } : {}),
    ...(params.title ? { title: params.title } : {}),
    ...(params.deviceId ? { deviceId: params.deviceId } : {}),
    ...(params.accountId ? { accountId: params.accountId } : {}),
  };
  const report = await runCommand(deps, createOpen311Request, client.user, { ...input, open311 });
  return {
    kind: 'service_requests',
    body: [{ service_request_id: report.number, service_notice: serviceNotice(category, locale), account_id: params.accountId ?? null }],
  };
}
