import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * The request id a piece of work runs under (README "Operating Meldkamer", logs): an HTTP request's (from the caller's
 * `X-Request-Id` when it is a plain token, else new), a socket command's (new per command), a background job's run
 * (new per run, with the job's name), carried with the citizen messages the work queues (outbox.request_id) to the
 * outbox worker's log lines. The logger adds it to every line written while the work runs (log.ts), so one id finds a
 * command's or a job run's whole trail across HTTP, sockets, jobs and the outbox.
 */
interface WorkContext {
  requestId: string;
  /** Set for a background job's run (hub/periodic.ts): the id is then that run's. */
  job?: string;
}

const context = new AsyncLocalStorage<WorkContext>();

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

/** One run of background job `job` under a new run id (which is the request id of whatever the run does). */
export function runAsJob<T>(job: string, fn: () => T): T {
  return context.run({ requestId: newRequestId(), job }, fn);
}

export function currentRequestId(): string | null {
  return context.getStore()?.requestId ?? null;
}

/** The job run the current work belongs to, if any. */
export function currentJobRun(): { job: string; runId: string } | null {
  const work = context.getStore();
  return work?.job ? { job: work.job, runId: work.requestId } : null;
}
