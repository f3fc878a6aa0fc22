/**
 * The console's HTTP client for the hub. The session token lives in memory and in sessionStorage
 * (survives a reload, not a closed window). Every response is checked against server/protocol.
 */
import { z } from 'zod';
import { ApiError } from '../../../server/protocol/common';
import { ClientConfig, ReportsSnapshot, CategoriesResponse } from '../../../server/protocol/api';
import { LoginResponse, User } from '../../../server/protocol/auth';
import { OutboxMessageView, ReportDetail } from '../../../server/protocol/detail';
import { EventsPage } from '../../../server/protocol/events';
import { FeedbackPreview, type TransitionRequestBody } from '../../../server/protocol/lifecycle-api';
import { type CreateReportInput, Report } from '../../../server/protocol/report';
import { hubOrigin } from '../bridge';

const PreviewResponse = z.object({ preview: FeedbackPreview.nullable() });
const OutboxList = z.object({ messages: z.array(OutboxMessageView) });

export interface Session {
  token: string;
  user: User;
  expiresAt: string;
}

/** A failed call: the hub's ApiError body, or `network` / `bad_response` from the client itself. */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string> | undefined;

  constructor(status: number, body: ApiError) {
    super(body.message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.code = body.code;
    this.fields = body.fields;
  }
}

// ---- session ----

const SESSION_KEY = 'meldkamer.session';
let session: Session | null = readStoredSession();
const sessionListeners = new Set<() => void>();

function readStoredSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(SESSION_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Session;
    if (typeof parsed.token !== 'string' || !User.safeParse(parsed.user).success) return null;
    if (Date.parse(parsed.expiresAt) <= Date.now()) return null;
    return parsed;
  } catch {
    return null;
  }
}

export function getSession(): Session | null {
  return session;
}

export function setSession(next: Session | null): void {
  if (next === session) return;
  session = next;
  try {
    if (next) sessionStorage.setItem(SESSION_KEY, JSON.stringify(next));
    else sessionStorage.removeItem(SESSION_KEY);
  } catch {
    // storage unavailable: memory only
  }
  for (const fn of sessionListeners) fn();
}

export function subscribeSession(fn: () => void): () => void {
  sessionListeners.add(fn);
  return () => sessionListeners.delete(fn);
}

// ---- requests ----

interface RequestOptions<S extends z.ZodType> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  schema?: S;
  /** Send the bearer token (default true). */
  auth?: boolean;
  signal?: AbortSignal;
}

export async function request<S extends z.ZodType>(path: string, opts: RequestOptions<S> = {}): Promise<z.output<S>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  const sent = opts.auth === false ? null : session;
  if (sent) headers.Authorization = `Bearer ${sent.token}`;
  let res: Response;
  try {
    res = await fetch(hubOrigin() + path, {
      method: opts.method ?? 'GET',
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiRequestError(0, { code: 'network', message: (err as Error).message || 'network error' });
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const parsed = ApiError.safeParse(json);
    const body = parsed.success
      ? parsed.data
      : { code: `http_${res.status}`, message: res.statusText || `HTTP ${res.status}` };
    // A rejected token ends the session (the login screen takes over), unless it was already replaced.
    if (res.status === 401 && sent && session === sent) setSession(null);
    throw new ApiRequestError(res.status, body);
  }
  if (!opts.schema) return json as z.output<S>;
  const parsed = opts.schema.safeParse(json);
  if (!parsed.success) {
    console.error(`unexpected response from ${path}`, parsed.error.issues, json);
    throw new ApiRequestError(res.status, { code: 'bad_response', message: `unexpected response from ${path}` });
  }
  return parsed.data;
}

// ---- endpoints ----

export const api = {
  config: () => request('/api/config', { schema: ClientConfig, auth: false }),

  async login(username: string, password: string): Promise<Session> {
    const res = await request('/api/auth/login', {
      method: 'POST',
      body: { username, password },
      schema: LoginResponse,
      auth: false,
    });
    const next: Session = { token: res.token, user: res.user, expiresAt: res.expiresAt };
    setSession(next);
    return next;
  },

  async logout(): Promise<void> {
    const current = session;
    setSession(null);
    if (!current) return;
    try {
      await fetch(`${hubOrigin()}/api/auth/logout`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${current.token}` },
      });
    } catch {
      // the session is gone locally either way
    }
  },

  me: () => request('/api/me', { schema: User }),
  openReports: () => request('/api/reports?scope=open', { schema: ReportsSnapshot }),
  categories: () => request('/api/categories', { schema: CategoriesResponse }),
  events: (after: number, limit = 1000) => request(`/api/events?after=${after}&limit=${limit}`, { schema: EventsPage }),
  createReport: (input: CreateReportInput) => request('/api/reports', { method: 'POST', body: input, schema: Report }),

  // ---- lifecycle ----
  reportDetail: (id: string, signal?: AbortSignal) =>
    request(`/api/reports/${encodeURIComponent(id)}`, { schema: ReportDetail, ...(signal ? { signal } : {}) }),
  transition: (id: string, body: TransitionRequestBody) =>
    request(`/api/reports/${encodeURIComponent(id)}/transition`, { method: 'POST', body, schema: Report }),
  preview: (id: string, body: TransitionRequestBody, signal?: AbortSignal) =>
    request(`/api/reports/${encodeURIComponent(id)}/preview`, {
      method: 'POST',
      body,
      schema: PreviewResponse,
      ...(signal ? { signal } : {}),
    }),
  failedMessages: () => request('/api/outbox?status=failed', { schema: OutboxList }),
  retryMessage: (id: string) =>
    request(`/api/outbox/${encodeURIComponent(id)}/retry`, { method: 'POST', schema: OutboxMessageView }),
};
