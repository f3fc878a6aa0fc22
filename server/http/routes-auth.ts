import type { FastifyInstance } from 'fastify';
import { verifyPassword } from '../auth/password';
import { CommandError } from '../commands/errors';
import { commandText } from '../domain/command-texts';
import type { ClientConfig } from '../protocol/api';
import type { HubDeps } from '../commands/context';
import { secondFactorRefusal } from '../commands/second-factor';
import { endSessions } from '../commands/sessions';
import type { LoginLimits } from '../domain/throttle';
import { sessionIdOf } from '../store/sessions';
import { createSession, findUserByUsername, rowToUser } from '../store/users';
import { LoginThrottle } from './login-throttle';
import { route } from './route';

/** Sign-in and the public bootstrap the login screen needs. */
export function registerAuthRoutes(app: FastifyInstance, deps: HubDeps, sessionHours: number, clientConfig: ClientConfig, loginLimits: LoginLimits): void {
  const { store } = deps;
  const throttle = new LoginThrottle(deps, loginLimits);
  route(app, 'config.get', async () => clientConfig);

  route(app, 'auth.login', async ({ body: { username, password, totp }, request, reply }) => {
    const attempt = await throttle.admit(username, request.ip, reply);
    const row = await findUserByUsername(store.db, username);
    // Verify against a dummy hash when the user is unknown, so timing does not reveal which usernames exist.
    const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
    if (!row || !ok) {
      await throttle.miss(attempt, row?.username ?? null);
      throw new CommandError('unauthenticated', commandText('command.access.bad_credentials'));
    }
    // A second factor (commands/second-factor.ts): a missing code is asked for, a wrong one counts as a miss.
    const secondFactor = await secondFactorRefusal(deps, row, totp);
    if (secondFactor) {
      if (totp) await throttle.miss(attempt, row.username);
      throw secondFactor;
    }
    await throttle.succeeded(attempt);
    const session = await createSession(store.db, row.id, sessionHours * 3600_000, deps.clock());
    request.log.info({ user: row.username, role: row.role }, 'login');
    return { token: session.token, expiresAt: session.expiresAt, user: rowToUser(row) };
  });

  route(app, 'auth.logout', async ({ request }) => {
    // The session's sockets are disconnected with it, on every hub node.
    if (request.sessionToken) await endSessions(deps, [sessionIdOf(request.sessionToken)]);
    return undefined;
  });

  route(app, 'auth.me', async ({ user }) => user);
}

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
