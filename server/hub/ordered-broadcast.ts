import { type ClusterAdapter, MessageType } from 'socket.io-adapter';
import type { NotifyBatcher } from './notify-batch';

interface Publishing {
  publishAndReturnOffset(message: unknown): Promise<string>;
}

/**
 * Keeps a node's broadcasts in the order they were made, here and on the other nodes. The cluster adapter awaits
 * its NOTIFY round trip (on any connection of the pool) before it delivers to this node's own sockets, so
 * concurrent publishes reached the consoles in whatever order those round trips finished: events out of `seq`
 * order (docs/BENCHMARKS.md). Here the node's own sockets get each broadcast at once, in call order, and the
 * NOTIFYs go out in the same order, so the other nodes receive them in that order too: those made while earlier
 * ones were on their way go together as one batch (hub/notify-batch.ts), one commit instead of one each.
 */
export function orderBroadcasts(adapter: ClusterAdapter, notifies: NotifyBatcher, onError: (err: unknown) => void): void {
  const deliverLocally = adapter.broadcast.bind(adapter);
  const publisher = adapter as unknown as Publishing;
  const publish = publisher.publishAndReturnOffset.bind(adapter);
  const pending: unknown[] = [];
  let draining = false;
  const drain = async () => {
    try {
      // One turn of the event loop first: a group commit's commands publish their events in the same turn.
      await new Promise((resolve) => setImmediate(resolve));
      while (pending.length > 0) {
        const published: Promise<unknown>[] = [];
        const count = notifies.collect(pending, (message) => published.push(publish(message).catch(onError)));
        pending.splice(0, count);
        await Promise.all(published);
      }
    } finally {
      draining = false;
    }
  };
  adapter.broadcast = (packet, opts) => {
    if (opts.flags?.local) return deliverLocally(packet, opts);
    pending.push({
      type: MessageType.BROADCAST,
      data: { packet, opts: { rooms: [...opts.rooms], except: [...(opts.except ?? [])], flags: opts.flags } },
    });
    if (!draining) {
      draining = true;
      void drain();
    }
    return deliverLocally(packet, { ...opts, flags: { ...opts.flags, local: true } });
  };
}
