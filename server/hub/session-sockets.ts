import type { Socket } from 'socket.io';
import type { HubDeps } from '../commands/context';
import { apiErrorOf, CommandError } from '../commands/errors';
import { commandText } from '../domain/command-texts';
import type { User } from '../protocol/auth';
import type { Ack } from '../protocol/common';
import { liveSession } from '../store/sessions';

type SessionSocket = Pick<Socket, 'disconnect'> & { data: { user: User; sessionId: string } };

/**
 * Before a socket command: the socket's user as they are now, when its session is still valid (one
 * indexed lookup). Otherwise acks "signed out", disconnects the socket and returns undefined: the command
 * does not run. Sockets join their session's room (hub/session-rooms.ts), so an ended session's sockets
 * are disconnected at once; this check also covers expiry between sweeps and a lost disconnect.
 */
export async function userForCommand(deps: HubDeps, socket: SessionSocket, ack: (result: Ack<never>) => void): Promise<User | undefined> {
  try {
    const session = await liveSession(deps.store.db, socket.data.sessionId, deps.clock());
    if (session) {
      socket.data.user = session.user;
      return session.user;
    }
    ack({ ok: false, error: new CommandError('unauthenticated', commandText('command.access.signed_out')).toApiError() });
    socket.disconnect();
  } catch (err) {
    deps.log.error({ err }, 'session check failed');
    ack({ ok: false, error: apiErrorOf(err) });
  }
  return undefined;
}
