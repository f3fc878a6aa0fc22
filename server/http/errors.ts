import type { FastifyError, FastifyInstance } from 'fastify';
import { apiError, CommandError } from '../commands/errors';
import { commandText } from '../domain/command-texts';

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | CommandError | Error, request, reply) => {
    if (error instanceof CommandError) {
      return reply.status(error.httpStatus).send(error.toApiError());
    }
    const status = (error as FastifyError).statusCode;
    if (status && status >= 400 && status < 500) {
      return reply.status(status).send(apiError('bad_request', commandText('command.request.refused', { reason: error.message })));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(apiError('internal', commandText('command.hub.internal')));
  });
}
