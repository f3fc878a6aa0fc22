import type { FastifyInstance } from 'fastify';
import { verifyPassword } from '../auth/password';
import { CommandError } from '../commands/errors';
import { commandText } from '../domain/command-texts';
import type { ClientConfig } from '../protocol/api';
import type { Store } from '../store/open';
import { createSession, deleteSession, findUserByUsername, rowToUser } from '../store/users';
import { route } from './route';

/** Sign-in and the public bootstrap the login screen needs. */
export function registerAuthRoutes(app: FastifyInstance, store: Store, sessionHours: number, clientConfig: ClientConfig): void {
  route(app, 'config.get', async () => clientConfig);

  route(app, 'auth.login', async ({ body: { username, password }, request }) => {
    const row = await findUserByUsername(store.db, username);
    // Verify against a dummy hash when the user is unknown, so timing does not reveal which usernames exist.
    const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
    if (!row || !ok) throw new CommandError('unauthenticated', commandText('command.access.bad_credentials'));
    const session = await createSession(store.db, row.id, sessionHours * 3600_000);
    request.log.info({ user: row.username, role: row.role }, 'login');
    return { token: session.token, expiresAt: session.expiresAt, user: rowToUser(row) };
  });

  route(app, 'auth.logout', async ({ request }) => {
    if (request.sessionToken) await deleteSession(store.db, request.sessionToken);
    return undefined;
  });

  route(app, 'auth.me', async ({ user }) => user);
}

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
