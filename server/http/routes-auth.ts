import type { FastifyInstance } from 'fastify';
import { verifyPassword } from '../auth/password';
import { CommandError } from '../commands/errors';
import { parseOrThrow } from '../commands/validate';
import { LoginRequest, type LoginResponse } from '../protocol/auth';
import type { Store } from '../store/open';
import { createSession, deleteSession, findUserByUsername, rowToUser } from '../store/users';
import { requireUser } from './access';

export function registerAuthRoutes(app: FastifyInstance, store: Store, sessionHours: number): void {
  app.post('/api/auth/login', { config: { access: 'public' } }, async (request): Promise<LoginResponse> => {
    const { username, password } = parseOrThrow(LoginRequest, request.body);
    const row = await findUserByUsername(store.db, username);
    // Verify against a dummy hash when the user is unknown, so timing does not reveal which usernames exist.
    const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
    if (!row || !ok) throw new CommandError('unauthenticated', 'Onbekende gebruikersnaam of verkeerd wachtwoord');
    const session = await createSession(store.db, row.id, sessionHours * 3600_000);
    request.log.info({ user: row.username, role: row.role }, 'login');
    return { token: session.token, expiresAt: session.expiresAt, user: rowToUser(row) };
  });

  app.post('/api/auth/logout', { config: { access: 'session.read' } }, async (request, reply) => {
    if (request.sessionToken) await deleteSession(store.db, request.sessionToken);
    return reply.status(204).send();
  });

  app.get('/api/me', { config: { access: 'session.read' } }, async (request) => requireUser(request));
}

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
