import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { z } from 'zod';
import { parseOrThrow } from '../commands/validate';
import type { User } from '../protocol/auth';
import { ApiError } from '../protocol/common';
import { ROUTES, type RouteName, type RouteSpec, type Routes } from '../protocol/routes';
import { requireUser } from './access';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's name in protocol/routes.ts, for routes registered from the table. */
    route?: RouteName;
  }
}

type Parsed<R extends RouteName, K extends 'params' | 'query' | 'body'> = Routes[R] extends { [P in K]: infer S extends z.ZodType } ? z.output<S> : undefined;

export interface RouteContext<R extends RouteName> {
  params: Parsed<R, 'params'>;
  query: Parsed<R, 'query'>;
  body: Parsed<R, 'body'>;
  /** The signed-in caller (access control has checked the role); null on public routes. */
  user: Routes[R]['access'] extends 'public' ? null : User;
  request: FastifyRequest;
  reply: FastifyReply;
}

/**
 * An answer already written as JSON in the response schema's shape (the open queue's pages, built by the database),
 * sent as these parts joined into one Buffer instead of parsed and serialised again. A Buffer lives outside the
 * JavaScript heap and is freed as soon as its small handle dies; multi-megabyte strings wait for a full collection.
 * checkResponses still checks it in tests.
 */
export class JsonText {
  readonly bytes: Buffer;
  constructor(parts: (string | Buffer)[]) {
    this.bytes = Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : part)));
  }
}

/**
 * An answer already written as JSON in the response schema's shape, sent in pieces as they are written (the open
 * queue's pages on PostgreSQL, as the rows arrive): strings go to the socket as they are, so no answer is whole in
 * the hub and nothing waits for a garbage collection. The status and headers go with the first piece; the handler
 * resolves once the first piece is written, so a failure before it is answered as any other. After it, `fail`
 * cuts the answer off (the client sees a broken response, not a 200 with half a page). checkResponses still checks
 * it in tests.
 */
export class JsonStream {
  readonly stream = new Readable({ objectMode: true, read: () => undefined });

  write(piece: string | Buffer): void {
    this.stream.push(piece);
  }

  end(piece?: string): void {
    if (piece !== undefined) this.stream.push(piece);
    this.stream.push(null);
  }

  fail(err: Error): void {
    this.stream.destroy(err);
  }
}

/** Resolves to the answer, in the shape the response schema takes in. */
export type RouteHandler<R extends RouteName> = (context: RouteContext<R>) => Promise<z.input<Routes[R]['response']> | JsonText | JsonStream>;

export interface RouteOptions {
  bodyLimit?: number;
  onRequest?: onRequestHookHandler;
}

/**
 * Registers the route `name` of protocol/routes.ts: its method, path and access (checked by http/access.ts
 * before the handler runs), then params, query and body parsed with their schemas (a refusal is the usual
 * 422 ApiError with field errors) and the success status set; the handler's answer is typed by the response schema.
 */
export function route<R extends RouteName>(app: FastifyInstance, name: R, handler: RouteHandler<R>, options: RouteOptions = {}): void {
  const spec: RouteSpec = ROUTES[name];
  app.route({
    method: spec.method,
    url: spec.path,
    config: { access: spec.access, route: name },
    ...options,
    handler: async (request, reply) => {
      const context = {
        params: spec.params ? parseOrThrow(spec.params, request.params) : undefined,
        query: spec.query ? parseOrThrow(spec.query, request.query) : undefined,
        body: spec.body ? parseOrThrow(spec.body, request.body) : undefined,
        user: spec.access === 'public' ? null : requireUser(request),
        request,
        reply,
      } as RouteContext<R>;
      reply.code(spec.status ?? 200);
      const answer = await handler(context);
      if (answer instanceof JsonText) return reply.type('application/json; charset=utf-8').send(answer.bytes);
      if (answer instanceof JsonStream) return reply.type('application/json; charset=utf-8').send(answer.stream);
      return answer === undefined ? reply.send() : answer;
    },
  });
}

export interface ResponseMismatch {
  route: RouteName;
  status: number;
  issues: z.core.$ZodIssue[];
}

/**
 * Checks every answer of a table route against its response schema (errors against ApiError), for tests:
 * a mismatch is reported and answered with a 500 instead.
 */
export function checkResponses(app: FastifyInstance, report: (mismatch: ResponseMismatch) => void): void {
  const checked = new WeakSet<FastifyRequest>();
  const check = (name: RouteName, status: number, payload: unknown) => {
    const schema = status >= 400 ? ApiError : ROUTES[name].response;
    const result = schema.safeParse(payload);
    if (result.success) return;
    report({ route: name, status, issues: result.error.issues });
    throw new Error(`the answer of ${name} does not match its response schema`);
  };
  app.addHook('preSerialization', async (request, reply, payload) => {
    const name = request.routeOptions.config?.route;
    if (!name) return payload;
    checked.add(request);
    check(name, reply.statusCode, payload);
    return payload;
  });
  // A JsonText or JsonStream answer skips preSerialization (Fastify sends Buffers and streams as they are); a stream
  // is read whole here to be checked, and sent as a Buffer.
  app.addHook('onSend', async (request, reply, payload) => {
    const name = request.routeOptions.config?.route;
    if (!name || checked.has(request) || reply.statusCode >= 400) return payload;
    if (!String(reply.getHeader('content-type') ?? '').startsWith('application/json')) return payload;
    const bytes = payload instanceof Readable ? Buffer.concat((await payload.toArray()).map((p: string | Buffer) => (typeof p === 'string' ? Buffer.from(p) : p))) : payload;
    if (!Buffer.isBuffer(bytes)) return payload;
    check(name, reply.statusCode, JSON.parse(bytes.toString('utf8')));
    return bytes;
  });
}
