import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HubDeps } from '../commands/context';
import { CommandError } from '../commands/errors';
import { answerReferral, createReferral, type PhotoPart, ReferralClosed, refusalOfState, revokeReferral } from '../commands/external-referrals';
import { countMiss, longestRefusal } from '../commands/miss-counters';
import { runCommand } from '../commands/run-command';
import { MAX_PHOTO_BYTES } from '../commands/photos';
import { commandText } from '../domain/command-texts';
import { MAX_ANSWER_PHOTOS, referralState } from '../domain/external-referrals';
import { minutesToWait, type StatusLookupLimits, throttleText, windowBlock } from '../domain/throttle';
import { ImagePool } from '../images/image-pool';
import { getCategory } from '../store/categories';
import { type ReferralRow, referralByToken, referralsForDesk } from '../store/external-referrals';
import { getReport } from '../store/reports';
import { DEFAULT_MUNICIPALITY } from '../domain/feedback-values';
import { type ExternalView, renderExternalMessage, renderExternalPage } from './external-page';
import { route } from './route';

/**
 * Hand-off to an external party: the desk's API (make, list, revoke; routes in protocol/routes.ts) and the party's
 * public page `/extern/:token` (access 'public', but only by the unguessable token). Unknown tokens count as misses
 * of the caller's address in the status lookup's counter (domain/throttle.ts), so guessing links is blocked as
 * guessing status codes is; a blocked address gets 429 before any lookup.
 */
export async function registerExternalRoutes(app: FastifyInstance, deps: HubDeps, options: { linkDays: () => number; limits: StatusLookupLimits }): Promise<void> {
  const municipality = deps.municipality ?? DEFAULT_MUNICIPALITY;
  const create = createReferral(options.linkDays);
  route(app, 'external.list', async ({ params }) => {
    if (!(await getReport(deps.store.db, params.id))) throw new CommandError('not_found', commandText('command.report.not_found'));
    return { referrals: await referralsForDesk(deps.store.db, params.id, deps.clock()) };
  });
  route(app, 'external.create', ({ params, body, user }) => runCommand(deps, create, user, { ...body, reportId: params.id }));
  route(app, 'external.revoke', ({ params, user }) => runCommand(deps, revokeReferral, user, { referralId: params.id }));

  const images = new ImagePool();
  app.addHook('onClose', () => images.close());
  const answer = answerReferral(images);

  await app.register(async (scope) => {
    await scope.register(formbody, { bodyLimit: 20_000 });
    await scope.register(multipart, { limits: { fileSize: MAX_PHOTO_BYTES, files: MAX_ANSWER_PHOTOS + 1, fields: 5, fieldSize: 20_000 } });
    const html = (reply: FastifyReply, status: number, body: string) =>
      reply
        .status(status)
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('x-robots-tag', 'noindex')
        .send(body);

    /** The open link's row, or the page that answers instead (429 blocked, 404 unknown, 410 expired or revoked). */
    async function openLink(request: FastifyRequest<{ Params: { token: string } }>, reply: FastifyReply, forAnswer: boolean): Promise<ReferralRow | null> {
      const ipKey = `status_ip:${request.ip}`;
      const refusal = await longestRefusal(deps, [ipKey]);
      if (refusal.ms > 0) {
        reply.header('retry-after', String(Math.ceil(refusal.ms / 1000)));
        const text = throttleText('throttle.status.address_blocked', { minutes: minutesToWait(refusal.ms) });
        html(reply, 429, renderExternalMessage(municipality, 'Even geduld', text.message));
        return null;
      }
      const token = request.params.token;
      const row = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await referralByToken(deps.store.db, token) : undefined;
      if (!row) {
        await countMiss(deps, { key: ipKey, scope: 'status_ip', ip: request.ip }, (c) => windowBlock(c, options.limits.perAddress));
        html(reply, 404, renderExternalMessage(municipality, 'Link onbekend', 'Deze link is onbekend. Controleer of u de hele link heeft overgenomen.'));
        return null;
      }
      const state = referralState({ expiresAt: row.expires_at, revokedAt: row.revoked_at, answeredAt: row.answered_at }, deps.clock());
      if (state === 'expired' || state === 'revoked' || (forAnswer && state === 'answered')) {
        if (state === 'answered') return row;
        const { status, text } = refusalOfState(state);
        html(reply, status, renderExternalMessage(municipality, state === 'expired' ? 'Link verlopen' : 'Link ingetrokken', text.message));
        return null;
      }
      return row;
    }

    async function viewOf(row: ReferralRow): Promise<ExternalView | null> {
      const report = await getReport(deps.store.db, row.report_id);
      if (!report) return null;
      const category = await getCategory(deps.store.db, report.category);
      const photos = (JSON.parse(row.answer_photo_ids) as string[]).length;
      return {
        party: row.party_name,
        number: report.number,
        category: category?.nameNl ?? report.category,
        address: report.address,
        description: report.description,
        lat: report.lat,
        lng: report.lng,
        question: row.question,
        expiresAt: row.expires_at,
        answer: row.answered_at && row.answer_text !== null ? { text: row.answer_text, at: row.answered_at, photos } : null,
      };
    }

    const gone = (reply: FastifyReply) => html(reply, 410, renderExternalMessage(municipality, 'Link verlopen', 'Deze melding is er niet meer.'));

    scope.get<{ Params: { token: string }; Querystring: { ontvangen?: string } }>('/extern/:token', { config: { access: 'public' } }, async (request, reply) => {
      const row = await openLink(request, reply, false);
      if (!row) return reply;
      const view = await viewOf(row);
      if (!view) return gone(reply);
      const notice = request.query.ontvangen === '1' && view.answer ? 'Bedankt, uw antwoord is ontvangen. De meldkamer leest het.' : undefined;
      return html(reply, 200, renderExternalPage(view, request.params.token, municipality, {}, notice));
    });

    scope.post<{ Params: { token: string } }>('/extern/:token', { config: { access: 'public' } }, async (request, reply) => {
      const row = await openLink(request, reply, true);
      if (!row) return reply;
      let text: unknown;
      const photos: PhotoPart[] = [];
      let formError: string | undefined;
      try {
        if (request.isMultipart()) {
          for await (const part of request.parts()) {
            if (part.type === 'file') {
              const body = await part.toBuffer();
              // A file input left empty still sends an empty part.
              if (body.length > 0) photos.push({ contentType: part.mimetype, body });
            } else if (part.fieldname === 'antwoord') text = part.value;
          }
        } else {
          text = (request.body as { antwoord?: unknown } | undefined)?.antwoord;
        }
      } catch (err) {
        const code = (err as { code?: string }).code ?? '';
        if (!code.startsWith('FST_')) throw err;
        formError = `Te veel of te grote foto's: hoogstens ${MAX_ANSWER_PHOTOS}, elk tot ${MAX_PHOTO_BYTES / 1024 / 1024} MB.`;
      }
      const view = await viewOf(row);
      if (!view) return gone(reply);
      const typed = typeof text === 'string' ? text : '';
      if (formError) return html(reply, 422, renderExternalPage(view, request.params.token, municipality, { error: formError, text: typed }));
      try {
        await runCommand(deps, answer, 'system', { token: request.params.token, text, photos });
      } catch (err) {
        if (err instanceof ReferralClosed) {
          const again = await viewOf((await referralByToken(deps.store.db, request.params.token)) ?? row);
          if (err.status === 409 && again) return html(reply, 409, renderExternalPage(again, request.params.token, municipality, {}, err.text.message));
          return html(reply, err.status, renderExternalMessage(municipality, 'Link niet meer geldig', err.text.message));
        }
        if (err instanceof CommandError && err.code === 'validation') {
          return html(reply, 422, renderExternalPage(view, request.params.token, municipality, { error: err.message, text: typed }));
        }
        throw err;
      }
      return reply.redirect(`/extern/${request.params.token}?ontvangen=1`, 303);
    });
  });
}
