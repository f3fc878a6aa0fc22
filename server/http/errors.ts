import type { FastifyError, FastifyInstance } from 'fastify';
import { CommandError } from '../commands/errors';
import type { ApiError } from '../protocol/common';

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | CommandError | Error, request, reply) => {
    if (error instanceof CommandError) {
      return reply.status(error.httpStatus).send(error.toApiError());
    }
    const status = (error as FastifyError).statusCode;
    if (status && status >= 400 && status < 500) {
      const body: ApiError = { code: 'bad_request', message: error.message };
      return reply.status(status).send(body);
    }
    request.log.error({ err: error }, 'unhandled error');
    const body: ApiError = { code: 'internal', message: 'Interne fout; probeer het opnieuw' };
    return reply.status(500).send(body);
  });
}
