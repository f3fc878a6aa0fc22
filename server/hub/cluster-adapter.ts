import { createAdapter } from '@socket.io/postgres-adapter';
import type { Logger } from '../log';
import { ensureClusterAttachments } from '../store/cluster';
import type { Store } from '../store/open';
import { orderBroadcasts } from './ordered-broadcast';
import type { HubServer } from './socket-server';

/**
 * With PostgreSQL several hub nodes serve one control room: events published on one node reach the clients
 * of every node through LISTEN/NOTIFY. Large payloads go through the attachments table the adapter expects.
 * Each node's broadcasts keep their order (hub/ordered-broadcast.ts), so events reach consoles in `seq` order.
 */
export async function attachClusterAdapter(io: HubServer, store: Store, log: Logger): Promise<boolean> {
  if (!store.pgPool) return false;
  await ensureClusterAttachments(store);
  const errorHandler = (err: unknown) => log.warn({ err }, 'socket.io cluster adapter error');
  const makeAdapter = createAdapter(store.pgPool, { errorHandler });
  // Socket.IO calls this with `new`: a function that returns the adapter, not an arrow function.
  // biome-ignore lint/complexity/useArrowFunction: must be constructible
  io.adapter(function (nsp: Parameters<typeof makeAdapter>[0]) {
    const adapter = makeAdapter(nsp);
    orderBroadcasts(adapter, errorHandler);
    return adapter;
  } as unknown as Parameters<HubServer['adapter']>[0]);
  return true;
}
