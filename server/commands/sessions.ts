import { endSession, endSessionsOfUser } from '../store/sessions';
import type { HubDeps } from './context';

/**
 * Ending sessions, for logout and for user management (deactivation, password change): the sessions are
 * deleted, so every HTTP request and socket command with them is refused, and their sockets are
 * disconnected on every hub node (through the cluster adapter). Call these after the change that ends
 * them has committed. Inside a command's transaction, use store/sessions.ts `endSessionsOfUser(tx.trx, …)`
 * and pass the ids it returns to `deps.endSessions` once the command has returned.
 */
export async function endSessions(deps: HubDeps, sessionIds: readonly string[]): Promise<number> {
  const ended: string[] = [];
  for (const id of sessionIds) ended.push(...(await endSession(deps.store.db, id)));
  deps.endSessions(sessionIds);
  return ended.length;
}

/** Ends every session of a user and disconnects their sockets everywhere; returns how many sessions ended. */
export async function endUserSessions(deps: HubDeps, userId: string): Promise<number> {
  const ids = await endSessionsOfUser(deps.store.db, userId);
  deps.endSessions(ids);
  return ids.length;
}
