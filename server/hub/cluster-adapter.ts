import { createAdapter } from '@socket.io/postgres-adapter';
import type pg from 'pg';
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
  const makeAdapter = createAdapter(listenerPool(store.pgPool, log), { errorHandler });
  // Socket.IO calls this with `new`: a function that returns the adapter, not an arrow function.
  // biome-ignore lint/complexity/useArrowFunction: must be constructible
  io.adapter(function (nsp: Parameters<typeof makeAdapter>[0]) {
    const adapter = makeAdapter(nsp);
    orderBroadcasts(adapter, errorHandler);
    return adapter;
  } as unknown as Parameters<HubServer['adapter']>[0]);
  return true;
}

/**
 * The pool as the adapter sees it. The adapter keeps one client checked out for LISTEN; when its server connection
 * ends (failover, restart, a terminated backend) the adapter takes a new one but never hands the dead one back, so
 * each loss held one of the pool's places for good, and after ten the node hung. Here it goes back as broken (the pool
 * drops it); the adapter's own close() releases a live one as before.
 */
function listenerPool(pool: pg.Pool, log: Logger): pg.Pool {
  const connect = async () => {
    const client = await pool.connect();
    client.on('error', (err) => log.warn({ err }, 'cluster adapter LISTEN connection lost; reconnecting'));
    client.once('end', () => client.release(new Error('LISTEN connection ended')));
    return client;
  };
  const query: pg.Pool['query'] = pool.query.bind(pool);
  return { connect, query } as unknown as pg.Pool;
}
