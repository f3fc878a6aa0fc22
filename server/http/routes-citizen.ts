import formbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import { loadCitizenView, recordCitizenResponse, reportIdForToken } from '../commands/citizen';
import type { HubDeps } from '../commands/context';
import { runCommand } from '../commands/run-command';
import { CommandError } from '../commands/errors';
import { commandText } from '../domain/command-texts';
import type { StatusLookupLimits } from '../domain/throttle';
import { renderLookupPage, renderStatusPage } from './citizen-page';
import { lookUpStatus } from './status-lookup';

const NOT_FOUND_TEXT = 'Geen melding gevonden met dit nummer en deze code.';

/** Public status pages for reporters: reachable by the unguessable token in every message, or by number + code. */
export async function registerCitizenRoutes(app: FastifyInstance, deps: HubDeps, statusLimits: StatusLookupLimits): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(formbody, { bodyLimit: 10_000 });
    const html = (reply: import('fastify').FastifyReply, status: number, body: string) =>
      reply.status(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(body);

    scope.get('/status', { config: { access: 'public' } }, async (request, reply) => {
      const answer = await lookUpStatus(deps, statusLimits, request.query, request.ip);
      if (answer.kind === 'form') return html(reply, 200, renderLookupPage());
      if (answer.kind === 'found') return reply.redirect(`/status/${answer.token}`, 303);
      if (answer.kind === 'not_found') return html(reply, 404, renderLookupPage(NOT_FOUND_TEXT));
      if (answer.kind === 'refused') reply.header('retry-after', String(answer.retryAfterSeconds));
      return html(reply, answer.kind === 'refused' ? 429 : 400, renderLookupPage(answer.text.message));
    });

    scope.get<{ Params: { token: string }; Querystring: { bedankt?: string } }>(
      '/status/:token',
      { config: { access: 'public' } },
      async (request, reply) => {
        const reportId = await reportIdForToken(deps, request.params.token);
        if (!reportId) return html(reply, 404, renderLookupPage('Deze link is onbekend of verlopen.'));
        const view = await loadCitizenView(deps, reportId);
        const notice = request.query.bedankt === '1' ? 'Bedankt voor uw reactie.' : undefined;
        return html(reply, 200, renderStatusPage(view, request.params.token, notice));
      },
    );

    scope.post<{ Params: { token: string }; Body: { tevreden?: string; toelichting?: string } }>(
      '/status/:token/antwoord',
      { config: { access: 'public' } },
      async (request, reply) => {
        const reportId = await reportIdForToken(deps, request.params.token);
        if (!reportId) return html(reply, 404, renderLookupPage('Deze link is onbekend of verlopen.'));
        const answer = request.body?.tevreden;
        if (answer !== 'ja' && answer !== 'nee') throw new CommandError('bad_request', commandText('command.report.answer_yes_no'));
        const comment = request.body?.toelichting?.trim();
        try {
          await runCommand(deps, recordCitizenResponse, 'system', { reportId, satisfied: answer === 'ja', ...(comment ? { comment } : {}) });
        } catch (err) {
          if (!(err instanceof CommandError) || err.code !== 'conflict') throw err;
          const view = await loadCitizenView(deps, reportId);
          return html(reply, 409, renderStatusPage(view, request.params.token, err.message));
        }
        return reply.redirect(`/status/${request.params.token}?bedankt=1`, 303);
      },
    );
  });
}
