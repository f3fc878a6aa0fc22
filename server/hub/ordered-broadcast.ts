import { type ClusterAdapter, MessageType } from 'socket.io-adapter';

interface Publishing {
  publishAndReturnOffset(message: unknown): Promise<string>;
}

/**
 * Keeps a node's broadcasts in the order they were made, here and on the other nodes. The cluster adapter awaits
 * its NOTIFY round trip (on any connection of the pool) before it delivers to this node's own sockets, so
 * concurrent publishes reached the consoles in whatever order those round trips finished: events out of `seq`
 * order (docs/BENCHMARKS.md). Here the node's own sockets get each broadcast at once, in call order, and the
 * NOTIFYs go out one after the other in the same order, so the other nodes receive them in that order too.
 */
export function orderBroadcasts(adapter: ClusterAdapter, onError: (err: unknown) => void): void {
  const deliverLocally = adapter.broadcast.bind(adapter);
  const publisher = adapter as unknown as Publishing;
  const publish = publisher.publishAndReturnOffset.bind(adapter);
  let queue: Promise<unknown> = Promise.resolve();
  adapter.broadcast = (packet, opts) => {
    if (opts.flags?.local) return deliverLocally(packet, opts);
    const message = {
      type: MessageType.BROADCAST,
      data: { packet, opts: { rooms: [...opts.rooms], except: [...(opts.except ?? [])], flags: opts.flags } },
    };
    queue = queue.then(() => publish(message)).catch(onError);
    return deliverLocally(packet, { ...opts, flags: { ...opts.flags, local: true } });
  };
}
