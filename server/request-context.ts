import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * The request id a piece of work runs under (README "Operating Meldkamer", logs): an HTTP request's (from the caller's
 * `X-Request-Id` when it is a plain token, else new), a socket command's (new per command), carried with the citizen
 * messages a command queues (outbox.request_id) to the outbox worker's log lines. The logger adds it to every line
 * written while the work runs (log.ts), so one id finds a command's whole trail across HTTP, sockets and the outbox.
 */
const context = new AsyncLocalStorage<{ requestId: string }>();

const ACCEPTED = /^[A-Za-z0-9._:-]{1,64}$/;

export function newRequestId(): string {
  return randomUUID();
}

/** The caller's id when it is safe to log and echo; otherwise null (a new one is made). */
export function acceptedRequestId(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  return value && ACCEPTED.test(value) ? value : null;
}

export function runWithRequestId<T>(requestId: string, fn: () => T): T {
  return context.run({ requestId }, fn);
}

export function currentRequestId(): string | null {
  return context.getStore()?.requestId ?? null;
}
