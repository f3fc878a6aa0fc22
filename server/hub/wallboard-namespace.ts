import type { Server, Socket } from 'socket.io';
import type { HubDeps } from '../commands/context';
import { isAllowed } from '../domain/permissions';
import { overviewChangesOf } from '../domain/overview';
import { eventForRole } from '../domain/privacy-events';
import type { HubEvent } from '../protocol/events';
import { WALLBOARD_NAMESPACE, type WallboardServerToClient } from '../protocol/overview';
import type { UnitFix } from '../protocol/socket';
import { sessionForToken } from '../store/sessions';
import { wallboardTokenOf } from '../http/wallboard-cookie';
import { sessionRoom } from './session-rooms';

const WALLBOARD_ROOM = 'wallboards';

/**
 * The wallboard's namespace (issue 14, point 4). A wallboard signs in with its session cookie (the wallboard role only),
 * sends nothing, and receives only the overview's narrow changes (protocol/overview.ts: no description, no names, no
 * contact data, no message or note texts) and unit positions. Its socket is in its session's room, so revoking the
 * device token disconnects it on every node (hub/session-rooms.ts).
 */
export function attachWallboards(io: Server, deps: HubDeps): void {
  const wallboards = io.of(WALLBOARD_NAMESPACE);
  wallboards.use(async (socket, next) => {
    const token = wallboardTokenOf(socket.handshake.headers.cookie);
    const session = token ? await sessionForToken(deps.store.db, token, deps.clock()).catch(() => undefined) : undefined;
    if (!session) return next(new Error('unauthenticated'));
    if (session.user.role !== 'wallboard' || !isAllowed('overview.read', session.user.role)) return next(new Error('forbidden'));
    socket.data.sessionId = session.id;
    next();
  });
  wallboards.on('connection', (socket: Socket) => {
    socket.join(WALLBOARD_ROOM);
    socket.join(sessionRoom(socket.data.sessionId as string));
  });
}

/** Sends every hub event to the wallboards as overview changes, alerts as a shift lead sees them. */
export function publishToWallboards(io: Server, event: HubEvent): void {
  const seen = 'alert' in event ? eventForRole(event, 'shift_lead') : event;
  const payload: Parameters<WallboardServerToClient['overview']>[0] = { seq: event.seq, at: event.at, changes: overviewChangesOf(seen) };
  io.of(WALLBOARD_NAMESPACE).to(WALLBOARD_ROOM).emit('overview', payload);
}

export function broadcastPositionsToWallboards(io: Server, fixes: readonly UnitFix[]): void {
  const payload: Parameters<WallboardServerToClient['units:positions']>[0] = fixes.map((f) => ({ unitId: f.unitId, lat: f.lat, lng: f.lng, at: f.at }));
  io.of(WALLBOARD_NAMESPACE).to(WALLBOARD_ROOM).volatile.emit('units:positions', payload);
}
