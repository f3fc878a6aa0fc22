import type { Server } from 'socket.io';
import { WALLBOARD_NAMESPACE } from '../protocol/overview';
import { CONSOLE_NAMESPACE, FIELD_NAMESPACE } from '../protocol/socket';

/**
 * Every console, field and wallboard socket joins the room of the session it signed in with, so ending a session
 * (logout, expiry, deactivation, password change) disconnects exactly its sockets, on every hub node.
 */
export function sessionRoom(sessionId: string): string {
  return `session:${sessionId}`;
}

/** Disconnects the sockets of these sessions, on this node and (through the cluster adapter) every other. */
export function disconnectSessions(io: Server, sessionIds: readonly string[]): void {
  for (const id of sessionIds) {
    for (const namespace of [CONSOLE_NAMESPACE, FIELD_NAMESPACE, WALLBOARD_NAMESPACE]) io.of(namespace).in(sessionRoom(id)).disconnectSockets();
  }
}
