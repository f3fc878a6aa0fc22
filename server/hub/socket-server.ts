import { newRequestId, runWithRequestId } from '../request-context';
import type { Server as HttpServer } from 'node:http';
import { type Namespace, Server, type Socket } from 'socket.io';
import type { HubDeps } from '../commands/context';
import { apiErrorOf, CommandError } from '../commands/errors';
import { commandText } from '../domain/command-texts';
import { type Action, isAllowed } from '../domain/permissions';
import type { User } from '../protocol/auth';
import type { Ack } from '../protocol/common';
import type { HubEvent } from '../protocol/events';
import {
  CONSOLE_NAMESPACE,
  type ConsoleClientToServer,
  type ConsoleServerToClient,
  type HubInterServer,
  type UnitFix,
} from '../protocol/socket';
import { sessionForToken } from '../store/sessions';
import { sessionRoom } from './session-rooms';
import { userForCommand } from './session-sockets';
import { publishBySight, roleRoomFor, sightRoomFor } from './console-rooms';

export interface SocketData {
  user: User;
  /** The session the socket signed in with (hub/session-rooms.ts). */
  sessionId: string;
}

export type HubServer = Server<ConsoleClientToServer, ConsoleServerToClient, HubInterServer, SocketData>;
export type ConsoleSocket = Socket<ConsoleClientToServer, ConsoleServerToClient, HubInterServer, SocketData>;

const CONSOLE_ROOM = 'consoles';

/** A socket command: the action it needs (checked on every call) and its handler. Unlisted events do nothing. */
export interface SocketCommand<Name extends keyof ConsoleClientToServer> {
  name: Name;
  action: Action;
  run: (deps: HubDeps, user: User, payload: unknown) => Promise<unknown>;
}

function toAckError(err: unknown, deps: HubDeps): Ack<never> {
  if (!(err instanceof CommandError)) deps.log.error({ err }, 'socket command failed');
  return { ok: false, error: apiErrorOf(err) };
}

export function createSocketServer(httpServer: HttpServer, deps: HubDeps, commands: SocketCommand<keyof ConsoleClientToServer>[]): HubServer {
  let accepting = true;
  const io: HubServer = new Server(httpServer, {
    serveClient: false,
    // During shutdown, refuse new connections so clients fail over instead of reattaching to a dying node.
    allowRequest: (_req, callback) => callback(accepting ? null : 'shutting down', accepting),
    // Reports are small; a 1 MB cap keeps a misbehaving client from exhausting memory.
    maxHttpBufferSize: 1_000_000,
    cors: { origin: false },
  });
  const consoles = io.of(CONSOLE_NAMESPACE);

  consoles.use(async (socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    const session = typeof token === 'string' ? await sessionForToken(deps.store.db, token, deps.clock()).catch(() => undefined) : undefined;
    const user = session?.user;
    if (!session || !user) return next(new Error('unauthenticated'));
    if (!isAllowed('console.connect', user.role)) return next(new Error('forbidden'));
    socket.data.user = user;
    socket.data.sessionId = session.id;
    next();
  });

  consoles.on('connection', (socket: ConsoleSocket) => {
    socket.join(CONSOLE_ROOM);
    socket.join(sessionRoom(socket.data.sessionId));
    socket.join(sightRoomFor(socket.data.user.role));
    socket.join(roleRoomFor(socket.data.user.role));
    for (const command of commands) {
      // biome-ignore lint/suspicious/noExplicitAny: handlers are registered generically; payloads are validated by each command
      socket.on(command.name, async (payload: unknown, ack?: any) => {
        if (typeof ack !== 'function') return;
        const user = await userForCommand(deps, socket, ack);
        if (!user) return;
        if (!isAllowed(command.action, user.role)) {
          ack(toAckError(new CommandError('forbidden', commandText('command.access.role_not_allowed')), deps));
          return;
        }
        // Each command under a request id of its own (server/request-context.ts): its log lines and messages carry it.
        const requestId = newRequestId();
        await runWithRequestId(requestId, async () => {
          deps.log.debug({ command: command.name, userId: user.id }, 'socket command');
          try {
            ack({ ok: true, data: await command.run(deps, user, payload), requestId });
          } catch (err) {
            ack({ ...toAckError(err, deps), requestId });
          }
        });
      });
    }
  });
  stopAccepting.set(io, () => {
    accepting = false;
  });
  return io;
}

const stopAccepting = new WeakMap<HubServer, () => void>();

/**
 * Refuses new connections and drops every client's transport. Closing the transport (not a server-side
 * disconnect) makes clients reconnect on their own, to this node after a restart or to another node.
 */
export function disconnectAll(io: HubServer): void {
  stopAccepting.get(io)?.();
  io.engine.close();
}

export function publishToConsoles(io: HubServer, event: HubEvent): void {
  publishBySight(io.of(CONSOLE_NAMESPACE) as unknown as Namespace, event);
}

export function broadcastPositions(io: HubServer, fixes: UnitFix[]): void {
  io.of(CONSOLE_NAMESPACE).to(CONSOLE_ROOM).volatile.emit('units:positions', fixes);
}

export function connectedClientCount(io: HubServer): number {
  let count = 0;
  for (const [, namespace] of io._nsps) count += namespace.sockets.size;
  return count;
}
