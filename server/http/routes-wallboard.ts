import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { HubDeps } from '../commands/context';
import { CommandError } from '../commands/errors';
import { runCommand } from '../commands/run-command';
import { endSessions } from '../commands/sessions';
import { issueWallboardCommand, revokeWallboardCommand } from '../commands/wallboard';
import { textMaker } from '../domain/domain-text';
import type { LoginLimits } from '../domain/throttle';
import { USER_TEXTS } from '../domain/user-texts';
import { overviewSnapshot } from '../store/overview';
import { sessionForToken, sessionIdOf } from '../store/sessions';
import { createSession } from '../store/users';
import { listWallboardDevices, useWallboardToken } from '../store/wallboard-devices';
import { LoginThrottle } from './login-throttle';
import { WALLBOARD_COOKIE } from './wallboard-cookie';
import { route } from './route';

const say = textMaker(USER_TEXTS);

/** A wallboard nobody signs in to keeps its session this long; revoking its token ends it at once. */
export const WALLBOARD_SESSION_DAYS = 365;
/**
 * The name a device-token sign-in is throttled under (the sign-in's limiter, http/login-throttle.ts): a token names no
 * user, so its misses count per address and per this name, as wrong passwords do per address and user.
 */
const WALLBOARD_SIGN_IN = 'wallboard device';

function cookieAttributes(request: FastifyRequest, maxAgeSeconds: number): string {
  // Secure whenever the console is reached over HTTPS (directly or behind the configured proxy).
  const secure = request.protocol === 'https' ? '; Secure' : '';
  return `Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`;
}

/**
 * The shift lead's live overview (issue 14, point 1) and the wallboard (point 4): the overview's snapshot, the admin's
 * device tokens, and the exchange of a device token (a POST body, never a URL) for the wallboard's session cookie.
 */
export function registerWallboardRoutes(app: FastifyInstance, deps: HubDeps, timeZone: () => string, loginLimits: LoginLimits): void {
  const throttle = new LoginThrottle(deps, loginLimits);
  route(app, 'overview.get', async ({ user, reply }) => {
    reply.header('cache-control', 'no-store');
    // The wall shows the alerts a shift lead sees; a console user those of their own role.
    const alertsFor = user.role === 'wallboard' ? 'shift_lead' : user.role;
    return overviewSnapshot(deps.store.db, { alertsFor, timeZone: timeZone(), at: deps.clock() });
  });

  route(app, 'wallboards.list', async () => ({ devices: await listWallboardDevices(deps.store.db) }));

  route(app, 'wallboards.issue', async ({ body, user, reply }) => {
    reply.header('cache-control', 'no-store');
    return runCommand(deps, issueWallboardCommand, user, body);
  });

  route(app, 'wallboards.revoke', async ({ params, user }) => {
    const { device, endedSessions } = await runCommand(deps, revokeWallboardCommand, user, { id: params.id });
    deps.endSessions(endedSessions);
    return device;
  });

  route(app, 'wallboard.signIn', async ({ body, request, reply }) => {
    const attempt = await throttle.admit(WALLBOARD_SIGN_IN, request.ip, reply);
    const now = deps.clock();
    const used = await useWallboardToken(deps.store.db, body.token, now.toISOString());
    if (!used) {
      await throttle.miss(attempt, null);
      request.log.warn('wallboard sign-in refused: unknown or revoked token');
      throw new CommandError('unauthenticated', say('user.wallboard.bad_token'));
    }
    await throttle.succeeded(attempt);
    const ttlSeconds = WALLBOARD_SESSION_DAYS * 24 * 3600;
    const session = await createSession(deps.store.db, used.userId, ttlSeconds * 1000, now);
    request.log.info({ wallboardId: used.device.id }, 'wallboard signed in');
    reply.header('cache-control', 'no-store');
    reply.header('set-cookie', `${WALLBOARD_COOKIE}=${session.token}; ${cookieAttributes(request, ttlSeconds)}`);
    return { deviceName: used.device.name, expiresAt: session.expiresAt };
  });

  route(app, 'wallboard.session', async ({ request }) => {
    const session = request.sessionToken ? await sessionForToken(deps.store.db, request.sessionToken, deps.clock()) : undefined;
    if (!session) throw new CommandError('unauthenticated', say('user.wallboard.bad_token'));
    return { deviceName: session.user.displayName.replace(/^Wallboard: /, ''), expiresAt: session.expiresAt };
  });

  route(app, 'wallboard.signOut', async ({ request, reply }) => {
    if (request.sessionToken) await endSessions(deps, [sessionIdOf(request.sessionToken)]);
    reply.header('set-cookie', `${WALLBOARD_COOKIE}=; ${cookieAttributes(request, 0)}`);
    return undefined;
  });
}
