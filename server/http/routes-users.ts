import type { FastifyInstance } from 'fastify';
import { verifyPassword } from '../auth/password';
import type { HubDeps } from '../commands/context';
import { CommandError } from '../commands/errors';
import { runCommand } from '../commands/run-command';
import { endSessions } from '../commands/sessions';
import { confirmTotpEnrolment, enrolTotp, resetUserTotp } from '../commands/second-factor';
import { type AccountChange, createUser, resetUserPassword, setUserActive, updateUser } from '../commands/users';
import { textMaker } from '../domain/domain-text';
import { USER_TEXTS } from '../domain/user-texts';
import type { UserAccount } from '../protocol/users';
import { sessionIdOf } from '../store/sessions';
import { listUnits } from '../store/units';
import { findAccountRow, listAccounts } from '../store/user-accounts';
import { route } from './route';

const say = textMaker(USER_TEXTS);
/** Wrong passwords at a locked console before its session ends. */
export const UNLOCK_MISSES = 5;

/**
 * User management for admins (issue 10, point 15), and the signed-in user's own security: unlocking a console
 * that locked itself after `consoleIdleLockMinutes`, and enrolling a second factor (admin, shift lead).
 */
export function registerUserRoutes(app: FastifyInstance, deps: HubDeps): void {
  /** After commit: the ended sessions' sockets are disconnected on every node. */
  const ended = (change: AccountChange): UserAccount => {
    if (change.endedSessions.length > 0) deps.endSessions(change.endedSessions);
    return change.account;
  };

  route(app, 'users.list', async () => ({
    users: await listAccounts(deps.store.db),
    units: (await listUnits(deps.store.db)).map((u) => ({ id: u.id, callsign: u.callsign })),
  }));

  route(app, 'users.create', ({ body, user }) => runCommand(deps, createUser, user, body));

  route(app, 'users.update', async ({ params, body, user }) => ended(await runCommand(deps, updateUser, user, { ...body, id: params.id })));

  route(app, 'users.deactivate', async ({ params, user }) => ended(await runCommand(deps, setUserActive, user, { id: params.id, active: false })));

  route(app, 'users.activate', async ({ params, user }) => ended(await runCommand(deps, setUserActive, user, { id: params.id, active: true })));

  route(app, 'users.resetPassword', async ({ params, user, reply }) => {
    // The new password is in this answer only: nothing on the way may keep it.
    reply.header('cache-control', 'no-store');
    const reset = await runCommand(deps, resetUserPassword, user, { id: params.id });
    return { user: ended(reset), password: reset.password };
  });

  route(app, 'users.resetTotp', ({ params, user }) => runCommand(deps, resetUserTotp, user, { id: params.id }));

  // Wrong passwords at a locked console, per session (this node): at the limit the session ends, so nobody
  // at the desk can keep guessing.
  const unlockMisses = new Map<string, number>();
  route(app, 'auth.unlock', async ({ body, user, request }) => {
    const row = await findAccountRow(deps.store.db, user.id);
    const session = sessionIdOf(request.sessionToken ?? '');
    if (row && (await verifyPassword(body.password, row.password_hash))) {
      unlockMisses.delete(session);
      return undefined;
    }
    const misses = (unlockMisses.get(session) ?? 0) + 1;
    request.log.warn({ user: user.username, misses }, 'screen unlock refused');
    if (misses >= UNLOCK_MISSES) {
      unlockMisses.delete(session);
      await endSessions(deps, [session]);
      throw new CommandError('unauthenticated', say('user.unlock.signed_out'));
    }
    unlockMisses.set(session, misses);
    // 422, not 401: a typo keeps the session (and the console under the lock).
    throw new CommandError('validation', say('user.unlock.wrong_password'), { password: say('user.unlock.wrong_password') });
  });

  route(app, 'auth.totpEnrol', async ({ user, reply }) => {
    reply.header('cache-control', 'no-store');
    return runCommand(deps, enrolTotp, user, {});
  });

  route(app, 'auth.totpConfirm', ({ body, user }) => runCommand(deps, confirmTotpEnrolment, user, body));
}
