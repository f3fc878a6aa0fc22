import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { HubEvent } from '../../../server/protocol/events';
import {
  CONSOLE_NAMESPACE,
  type ConsoleClientToServer,
  type ConsoleServerToClient,
} from '../../../server/protocol/socket';
import { api } from '../../shared/api/client';
import { applyUnitFixes, refreshDispatch } from '../api/dispatchQueries';
import { applyHubEvent, queryKeys } from '../api/queries';
import type { OpenQueue } from '../api/reportsCache';
import { hubOrigin } from '../../shared/bridge';
import { type ConnectionState, EventStream } from './eventStream';

export type ConsoleSocket = Socket<ConsoleServerToClient, ConsoleClientToServer>;

export interface LiveConnection {
  state: ConnectionState;
  /** The console socket (for commands with acks), once opened. */
  socket: ConsoleSocket | null;
}

/**
 * Opens the console socket for `token` once the open-reports snapshot (at `snapshotSeq`) is loaded, and
 * applies every hub event after it to the query cache. `onLiveEvent` sees each event once, after the cache.
 * Live unit positions (volatile, about once a second) go straight to the units cache, outside the event log.
 */
export function useLiveConnection(
  token: string | null,
  snapshotSeq: number | undefined,
  onLiveEvent?: (event: HubEvent) => void,
): LiveConnection {
  const queryClient = useQueryClient();
  const [state, setState] = useState<ConnectionState>('connecting');
  const [liveSocket, setLiveSocket] = useState<ConsoleSocket | null>(null);
  const onLiveEventRef = useRef(onLiveEvent);
  onLiveEventRef.current = onLiveEvent;
  const ready = snapshotSeq !== undefined;
  // Read only when (re)starting: a new seq must not reopen the socket.
  const snapshotSeqRef = useRef(snapshotSeq);
  snapshotSeqRef.current = snapshotSeq;

  useEffect(() => {
    if (!token || !ready) return;
    const socket: ConsoleSocket = io(hubOrigin() + CONSOLE_NAMESPACE, {
      auth: { token },
      transports: ['websocket'],
      autoConnect: false,
    });
    const stream = new EventStream({
      socket,
      fetchEvents: (after) => api.events(after),
      onEvent: (event) => {
        applyHubEvent(queryClient, event);
        onLiveEventRef.current?.(event);
      },
      onState: setState,
    });
    // A refused handshake (expired token): ask the hub who we are; a 401 there ends the session.
    const onConnectError = () => {
      if (!socket.active) api.me().catch(() => undefined);
    };
    socket.on('connect_error', onConnectError);
    // The hub ended the session (logout elsewhere, expiry, deactivation) and dropped the socket: the same check.
    const onServerDisconnect = (reason: string) => {
      if (reason === 'io server disconnect') api.me().catch(() => undefined);
    };
    socket.on('disconnect', onServerDisconnect);
    const onPositions: ConsoleServerToClient['units:positions'] = (fixes) => applyUnitFixes(queryClient, fixes);
    socket.on('units:positions', onPositions);
    // Fixes sent while we were away are not replayed: after a reconnect, reload the units. The hub may have been
    // upgraded meanwhile: its config is asked again (the desktop app's version check, shell/App.tsx).
    let connectedBefore = false;
    const onConnect = () => {
      if (connectedBefore) {
        refreshDispatch(queryClient);
        void queryClient.refetchQueries({ queryKey: queryKeys.config });
      }
      connectedBefore = true;
    };
    socket.on('connect', onConnect);
    setLiveSocket(socket);
    // Start where the cache is: the snapshot's seq, moved on by every event applied since.
    const cached = queryClient.getQueryData<OpenQueue>(queryKeys.openReports);
    stream.start(cached?.seq ?? snapshotSeqRef.current ?? 0);
    socket.connect();
    return () => {
      setLiveSocket(null);
      socket.off('connect_error', onConnectError);
      socket.off('disconnect', onServerDisconnect);
      socket.off('units:positions', onPositions);
      socket.off('connect', onConnect);
      stream.stop();
      socket.disconnect();
    };
  }, [token, ready, queryClient]);

  return { state, socket: liveSocket };
}
