/**
 * The console's HTTP client for the hub. The session token lives in memory and in sessionStorage
 * (survives a reload, not a closed window). Every response is checked against server/protocol.
 */
import type { z } from 'zod';
import { ApiError, type DomainText } from '../../../server/protocol/common';
import { User } from '../../../server/protocol/auth';
import type { TransitionRequestBody } from '../../../server/protocol/lifecycle-api';
import type { CreateReportInput } from '../../../server/protocol/report';
import { hubOrigin } from '../bridge';
import { call, urlFor } from './call';

export interface Session {
  token: string;
  user: User;
  expiresAt: string;
}

/**
 * A failed call: the hub's ApiError body, or `network` / `bad_response` from the client itself. Show it with
 * shared/api/refusal.ts (`errorMessage`, `errorFields`): the coded words in the reader's language.
 */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string> | undefined;
  /** `message` coded, when the hub sent it coded. */
  readonly text: DomainText | undefined;
  /** `fields` coded (same keys). */
  readonly fieldTexts: Record<string, DomainText> | undefined;

  constructor(status: number, body: ApiError) {
    super(body.message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.code = body.code;
    this.fields = body.fields;
    this.text = body.text;
    this.fieldTexts = body.fieldTexts;
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
  // A photo (GET /api/photos/:id) comes as its bytes: read as a Blob, checked against the route's schema.
  if (res.ok && (res.headers.get('content-type') ?? '').startsWith('image/')) {
    const blob = await res.blob();
    if (opts.schema && !opts.schema.safeParse(blob).success) {
      throw new ApiRequestError(res.status, { code: 'bad_response', message: `unexpected response from ${path}` });
    }
    return blob as z.output<S>;
  }
  return readAnswer(path, { status: res.status, statusText: res.statusText, text: await res.text() }, sent, opts.schema);
}

/**
 * Reads a hub answer to `path`: a failure throws ApiRequestError with the hub's ApiError (a 401 ends the session
 * that was sent, unless it was already replaced); a success is checked against `schema`. `request` and the
 * XMLHttpRequest upload (console/api/intake.ts) read their answers with it.
 */
export function readAnswer<S extends z.ZodType>(
  path: string,
  answer: { status: number; statusText: string; text: string },
  sent: Session | null,
  schema?: S,
): z.output<S> {
  const { status, statusText, text } = answer;
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (status < 200 || status >= 300) {
    const parsed = ApiError.safeParse(json);
    const body = parsed.success ? parsed.data : { code: `http_${status}`, message: statusText || `HTTP ${status}` };
    // A rejected token ends the session (the login screen takes over), unless it was already replaced.
    if (status === 401 && sent && session === sent) setSession(null);
    throw new ApiRequestError(status, body);
  }
  if (!schema) return json as z.output<S>;
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    console.error(`unexpected response from ${path}`, parsed.error.issues, json);
    throw new ApiRequestError(status, { code: 'bad_response', message: `unexpected response from ${path}` });
  }
  return parsed.data;
}

// ---- endpoints ----

export const api = {
  config: () => call('config.get', {}, undefined, { auth: false }),

  /** `totp`: the second factor's code, when the hub asked for one. */
  async login(username: string, password: string, totp?: string): Promise<Session> {
    const res = await call('auth.login', {}, { username, password, ...(totp ? { totp } : {}) }, { auth: false });
    const next: Session = { token: res.token, user: res.user, expiresAt: res.expiresAt };
    setSession(next);
    return next;
  },

  async logout(): Promise<void> {
    const current = session;
    setSession(null);
    if (!current) return;
    try {
      await fetch(hubOrigin() + urlFor('auth.logout', {}), {
        method: 'POST',
        headers: { Authorization: `Bearer ${current.token}` },
      });
    } catch {
      // the session is gone locally either way
    }
  },

  me: () => call('auth.me', {}),
  openReports: () => call('reports.list', { scope: 'open' }),
  categories: () => call('categories.list', {}),
  events: (after: number, limit = 1000) => call('events.list', { after, limit }),
  createReport: (input: CreateReportInput) => call('reports.create', {}, input),

  // ---- lifecycle ----
  reportDetail: (id: string, signal?: AbortSignal) => call('reports.get', { id }, undefined, signal ? { signal } : {}),
  transition: (id: string, body: TransitionRequestBody) => call('reports.transition', { id }, body),
  preview: (id: string, body: TransitionRequestBody, signal?: AbortSignal) => call('reports.preview', { id }, body, signal ? { signal } : {}),
  failedMessages: () => call('outbox.list', { status: 'failed' }),
  retryMessage: (id: string) => call('outbox.retry', { id }),
};
