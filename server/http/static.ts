import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { apiError } from '../commands/errors';
import { commandText } from '../domain/command-texts';

/** Serves the built console (dist/renderer) with an SPA fallback to index.html for non-API paths. */
export async function registerConsoleStatic(app: FastifyInstance, rendererDir: string): Promise<boolean> {
  if (!existsSync(rendererDir)) return false;
  await app.register(fastifyStatic, { root: rendererDir, prefix: '/', index: ['index.html'], wildcard: true });
  // The field client (BOA mobile view) is a second page of the same build.
  app.get('/field', (_request, reply) => reply.sendFile('field.html'));
  // The control room's video wall (issue 14 point 4): signs in with its device token, then by its own cookie.
  app.get('/wallboard', (_request, reply) => reply.sendFile('wallboard.html'));
  app.setNotFoundHandler((request, reply) => {
    const isPage = request.method === 'GET' && !/^\/(api|socket\.io|health|open311)(\/|$)/.test(request.url);
    if (isPage && (request.headers.accept ?? '').includes('text/html')) return reply.sendFile('index.html');
    return reply.status(404).send(apiError('not_found', commandText('command.request.no_route', { method: request.method, url: request.url })));
  });
  return true;
}
