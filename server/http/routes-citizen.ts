import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { loadCitizenView, recordCitizenResponse, reportIdForToken } from '../commands/citizen';
import type { HubDeps } from '../commands/context';
import { MAX_PHOTO_BYTES } from '../commands/photos';
import { answerQuestion } from '../commands/reporter-question';
import { runCommand } from '../commands/run-command';
import { CommandError } from '../commands/errors';
import { commandText } from '../domain/command-texts';
import { sayQuestion } from '../domain/reporter-question-texts';
import type { StatusLookupLimits } from '../domain/throttle';
import { ImagePool } from '../images/image-pool';
import { ImageRefused, isImageType, type ReencodedImage } from '../images/reencode';
import { DEFAULT_MUNICIPALITY } from '../domain/feedback-values';
import { renderAccessibilityStatement } from './accessibility-statement';
import { reasonField, renderLookupPage, renderStatusPage, type SatisfactionAnswer, type StatusPageError } from './citizen-page';
import { registerMunicipalityLogo } from './municipality-logo';
import { lookUpStatus } from './status-lookup';

const NOT_FOUND_TEXT = 'Geen melding gevonden met dit nummer en deze code.';
const NOTICES: Record<string, string> = {
  '1': 'Bedankt voor uw reactie.',
  nee: 'Bedankt voor uw reactie. We gebruiken die om ons werk beter te doen; uw melding blijft afgesloten.',
  heropend: 'Bedankt voor uw reactie.',
  antwoord: 'Bedankt voor uw antwoord. De meldkamer heeft het ontvangen en leest het zo snel mogelijk.',
};
const ONE_VALUE = 'Elk veld kan maar één keer worden ingevuld.';
const PHOTO_REFUSED = 'Deze foto kunnen we niet gebruiken: stuur een JPEG- of PNG-foto van hoogstens 5 MB, of antwoord zonder foto.';

/** The answer to the desk's question as the form sent it: form-encoded (text) or multipart (text and a photo). */
async function readAnswerForm(request: FastifyRequest): Promise<{ answer: string; photo?: { bytes: Buffer; type: string } }> {
  if (!request.isMultipart()) {
    const body = (request.body ?? {}) as { antwoord?: unknown };
    return { answer: typeof body.antwoord === 'string' ? body.antwoord : '' };
  }
  let answer = '';
  let photo: { bytes: Buffer; type: string } | undefined;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      // An empty file input is sent as a part without a name or bytes: no photo.
      if (bytes.length > 0) photo = { bytes, type: part.mimetype };
    } else if (part.fieldname === 'antwoord' && typeof part.value === 'string') {
      answer = part.value;
    }
  }
  return photo ? { answer, photo } : { answer };
}

/** Public status pages for reporters: reachable by the unguessable token in every message, or by number + code. */
export async function registerCitizenRoutes(app: FastifyInstance, deps: HubDeps, statusLimits: StatusLookupLimits): Promise<void> {
  const municipality = deps.municipality ?? DEFAULT_MUNICIPALITY;
  await registerMunicipalityLogo(app, municipality);
  app.get('/toegankelijkheid', { config: { access: 'public' } }, async (_request, reply) =>
    reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').send(renderAccessibilityStatement(municipality)),
  );
  const lookupPage = (error?: string, typedNumber?: string) => renderLookupPage(municipality, error, typedNumber);
  const images = new ImagePool();
  app.addHook('onClose', () => images.close());
  await app.register(async (scope) => {
    await scope.register(formbody, { bodyLimit: 10_000 });
    await scope.register(multipart, { limits: { fileSize: MAX_PHOTO_BYTES, files: 1, fields: 4, fieldSize: 10_000, parts: 5 } });
    const html = (reply: FastifyReply, status: number, body: string) =>
      reply.status(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(body);
    const pageWith = async (
      reply: FastifyReply,
      status: number,
      reportId: string,
      token: string,
      message: string,
      errorIn: StatusPageError,
      answer?: SatisfactionAnswer,
    ) => html(reply, status, renderStatusPage(await loadCitizenView(deps, reportId), token, municipality, message, errorIn, { answer }));

    scope.get('/status', { config: { access: 'public' } }, async (request, reply) => {
      const answer = await lookUpStatus(deps, statusLimits, request.query, request.ip);
      const typed = (request.query as { nummer?: unknown }).nummer;
      const typedNumber = typeof typed === 'string' ? typed.trim().slice(0, 20) : undefined;
      if (answer.kind === 'form') return html(reply, 200, lookupPage());
      if (answer.kind === 'found') return reply.redirect(`/status/${answer.token}`, 303);
      if (answer.kind === 'not_found') return html(reply, 404, lookupPage(NOT_FOUND_TEXT, typedNumber));
      if (answer.kind === 'refused') reply.header('retry-after', String(answer.retryAfterSeconds));
      return html(reply, answer.kind === 'refused' ? 429 : 400, lookupPage(answer.text.message, typedNumber));
    });

    scope.get<{ Params: { token: string }; Querystring: { bedankt?: string; tevreden?: string } }>(
      '/status/:token',
      { config: { access: 'public' } },
      async (request, reply) => {
        const reportId = await reportIdForToken(deps, request.params.token);
        if (!reportId) return html(reply, 404, lookupPage('Deze link is onbekend of verlopen.'));
        const view = await loadCitizenView(deps, reportId);
        // Own keys only: '?bedankt=constructor' must not reach the object's prototype.
        const key = request.query.bedankt;
        const notice = typeof key === 'string' && Object.hasOwn(NOTICES, key) ? NOTICES[key] : undefined;
        // The satisfaction question's first answer (Ja/Nee): its reasons are asked next.
        const chosen = request.query.tevreden;
        const answer = chosen === 'ja' || chosen === 'nee' ? chosen : undefined;
        return html(reply, 200, renderStatusPage(view, request.params.token, municipality, notice, undefined, { answer }));
      },
    );

    scope.post<{ Params: { token: string }; Body: { tevreden?: string; toelichting?: string; reden?: string } }>(
      '/status/:token/antwoord',
      { config: { access: 'public' } },
      async (request, reply) => {
        const reportId = await reportIdForToken(deps, request.params.token);
        if (!reportId) return html(reply, 404, lookupPage('Deze link is onbekend of verlopen.'));
        const answer = request.body?.tevreden;
        if (answer !== 'ja' && answer !== 'nee') throw new CommandError('bad_request', commandText('command.report.answer_yes_no'));
        // The reason comes in the answer's own group (reden_ja / reden_nee); `reden` as clients without the page send it.
        // A field sent twice arrives as a list: refused, as a crafted form, before anything is written.
        const body = request.body as Record<string, unknown>;
        const { toelichting } = body as { toelichting?: unknown };
        const reden = body[reasonField(answer)] ?? body.reden;
        if ((toelichting !== undefined && typeof toelichting !== 'string') || (reden !== undefined && typeof reden !== 'string')) {
          return pageWith(reply, 400, reportId, request.params.token, ONE_VALUE, 'satisfaction', answer);
        }
        const comment = toelichting?.trim();
        const reason = reden?.trim();
        try {
          const done = await runCommand(deps, recordCitizenResponse, 'system', {
            reportId,
            satisfied: answer === 'ja',
            ...(comment ? { comment } : {}),
            ...(reason ? { reason } : {}),
          });
          const notice = answer === 'ja' ? '1' : done.reopened ? 'heropend' : 'nee';
          return reply.redirect(`/status/${request.params.token}?bedankt=${notice}`, 303);
        } catch (err) {
          if (!(err instanceof CommandError) || (err.code !== 'conflict' && err.code !== 'validation')) throw err;
          return pageWith(reply, err.httpStatus, reportId, request.params.token, err.message, 'satisfaction', answer);
        }
      },
    );

    // The reporter's answer to the desk's question (text, optionally a photo; domain/reporter-question.ts).
    scope.post<{ Params: { token: string } }>('/status/:token/vraag', { config: { access: 'public' } }, async (request, reply) => {
      const token = request.params.token;
      const reportId = await reportIdForToken(deps, token);
      if (!reportId) return html(reply, 404, lookupPage('Deze link is onbekend of verlopen.'));
      // No open question (answered, ended, or the report closed): refused before the upload is read or decoded.
      const view = await loadCitizenView(deps, reportId);
      if (!view.question) return html(reply, 409, renderStatusPage(view, token, municipality, sayQuestion('question.none_open').message));
      let form: Awaited<ReturnType<typeof readAnswerForm>>;
      try {
        form = await readAnswerForm(request);
      } catch (err) {
        // Too large a file, too many parts: refused before anything is written.
        request.log.info({ err }, 'status page answer refused');
        return pageWith(reply, 422, reportId, token, PHOTO_REFUSED, 'question');
      }
      let photo: ReencodedImage | undefined;
      if (form.photo) {
        const type = form.photo.type.split(';')[0]?.trim().toLowerCase() ?? '';
        if (!isImageType(type)) return pageWith(reply, 422, reportId, token, PHOTO_REFUSED, 'question');
        try {
          photo = await images.reencode(form.photo.bytes, type);
        } catch (err) {
          if (err instanceof ImageRefused) return pageWith(reply, 422, reportId, token, PHOTO_REFUSED, 'question');
          throw err;
        }
      }
      try {
        await runCommand(deps, answerQuestion, 'system', { reportId, answer: form.answer, ...(photo ? { photo } : {}) });
      } catch (err) {
        if (!(err instanceof CommandError) || (err.code !== 'conflict' && err.code !== 'validation')) throw err;
        return pageWith(reply, err.httpStatus, reportId, token, err.message, 'question');
      }
      return reply.redirect(`/status/${token}?bedankt=antwoord`, 303);
    });
  });
}
