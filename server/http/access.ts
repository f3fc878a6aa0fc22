import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CommandError } from '../commands/errors';
import { commandText } from '../domain/command-texts';
import { type Action, isAllowed } from '../domain/permissions';
import type { User } from '../protocol/auth';
import type { Store } from '../store/open';
import { sessionForToken } from '../store/sessions';
import { wallboardTokenOf } from './wallboard-cookie';

/** Every route declares `config.access`: an Action from domain/permissions, or 'public'. */
export type RouteAccess = Action | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    user: User | null;
    sessionToken: string | null;
  }
}

export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(header);
  return match?.[1] ?? null;
}

/**
 * Installs deny-by-default access control: routes under /api without a declared access are refused
 * at registration, and every request is checked against its route's access before the handler runs.
 */
export interface RouteEntry {
  method: string;
  url: string;
  access: RouteAccess | undefined;
}

export function installAccessControl(app: FastifyInstance, store: Store, clock: () => Date = () => new Date()): RouteEntry[] {
  const routes: RouteEntry[] = [];
  app.decorateRequest('user', null);
  app.decorateRequest('sessionToken', null);

  app.addHook('onRoute', (route) => {
    const access = (route.config as { access?: RouteAccess } | undefined)?.access;
    if (route.url.startsWith('/api') && access === undefined) {
      throw new Error(`Route ${route.method} ${route.url} declares no access; every API route must`);
    }
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, access });
  });

  // onRequest, before the body is read: an unauthenticated or unauthorised caller costs no body parsing.
  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    const access = request.routeOptions.config?.access;
    if (access === 'public') return;
    if (access === undefined) {
      // Static files and the SPA fallback have no access; everything under /api must.
      if (request.url.startsWith('/api')) throw new CommandError('forbidden', commandText('command.access.no_route_access'));
      return;
    }
    const bearer = bearerToken(request.headers.authorization);
    // Without a bearer token, the wallboard's cookie (http/wallboard-cookie.ts): accepted for the wallboard role only.
    const token = bearer ?? wallboardTokenOf(request.headers.cookie);
    // Sessions expire on the hub clock, as they do for sockets (hub/session-rooms.ts).
    const user = token ? (await sessionForToken(store.db, token, clock()))?.user : undefined;
    if (!user || !token) throw new CommandError('unauthenticated', commandText('command.access.signed_out'));
    if (!bearer && user.role !== 'wallboard') throw new CommandError('unauthenticated', commandText('command.access.signed_out'));
    if (!isAllowed(access, user.role)) throw new CommandError('forbidden', commandText('command.access.role_not_allowed'));
    request.user = user;
    request.sessionToken = token;
  });
  return routes;
}

export function requireUser(request: FastifyRequest): User {
  if (!request.user) throw new CommandError('unauthenticated', commandText('command.access.not_signed_in'));
  return request.user;
}
