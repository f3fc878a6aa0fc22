import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { acceptedRequestId, newRequestId, runWithRequestId } from '../request-context';

/** Fastify's options for the request id: the caller's `X-Request-Id` when it is a plain token (a proxy's), else new. */
export const REQUEST_ID_OPTIONS: Pick<FastifyServerOptions, 'genReqId'> = {
  genReqId: (req) => acceptedRequestId(req.headers['x-request-id']) ?? newRequestId(),
};

/**
 * Runs each request's hooks and handler under its id (server/request-context.ts), so what the handler's command logs
 * and the messages it queues carry it, and answers with it in `X-Request-Id` (a user reporting a problem can quote it).
 */
export function installRequestIds(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    runWithRequestId(request.id, done);
  });
}
