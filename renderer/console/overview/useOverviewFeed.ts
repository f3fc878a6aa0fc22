import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import { overviewChangesOf } from '../../../server/domain/overview';
import type { HubEvent } from '../../../server/protocol/events';
import type { OverviewSnapshot } from '../../../server/protocol/overview';
import { call } from '../../shared/api/call';
import { OverviewFeed } from '../../shared/overview/overviewFeed';
import type { ConnectionState } from '../live/eventStream';

const NO_SUBSCRIPTION = () => () => undefined;

/** A React view of an OverviewFeed: re-renders on every change. */
export function useFeedVersion(feed: OverviewFeed | null): number {
  const subscribe = useCallback((listener: () => void) => (feed ? feed.subscribe(listener) : NO_SUBSCRIPTION()), [feed]);
  return useSyncExternalStore(subscribe, () => feed?.version ?? 0);
}

/**
 * The console's live overview: a feed that takes the snapshot whenever the console's event stream is (back) online,
 * and is kept by the same hub events the console applies (server/domain/overview.ts overviewChangesOf).
 * `push` goes into the console's live-event callback. Enabled only for the roles that read the overview.
 */
export function useConsoleOverview(enabled: boolean) {
  const feed = useMemo(
    () => (enabled ? new OverviewFeed({ fetchSnapshot: () => call('overview.get', {}) as Promise<OverviewSnapshot> }) : null),
    [enabled],
  );
  useEffect(() => {
    // e2e tests read the feed's status through this hook, as they read the map through __meldkamer.
    (window as unknown as { __overviewFeed?: OverviewFeed | null }).__overviewFeed = feed;
    // The first snapshot at once; every time the stream is online again, another (useSnapshotWhenOnline).
    feed?.connected();
    return () => feed?.stop();
  }, [feed]);
  const push = useCallback(
    (event: HubEvent) => {
      feed?.push({ seq: event.seq, at: event.at, changes: overviewChangesOf(event) });
    },
    [feed],
  );
  const version = useFeedVersion(feed);
  return { feed, push, version };
}

/** Every time the console's stream is online again (first connect, reconnect after a hub restart): counts from the hub. */
export function useSnapshotWhenOnline(feed: OverviewFeed | null, connection: ConnectionState): void {
  useEffect(() => {
    if (feed && connection === 'online') feed.connected();
  }, [feed, connection]);
}
