import { createAdapter } from '@socket.io/postgres-adapter';
import type pg from 'pg';
import type { Logger } from '../log';
import { ensureClusterAttachments } from '../store/cluster';
import type { Store } from '../store/open';
import { NotifyBatcher } from './notify-batch';
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
  const notifies = new NotifyBatcher((text, values) => (store.pgPool as pg.Pool).query(text, values));
  const listener = listenerPool(store.pgPool, notifies, log);
  const makeAdapter = createAdapter(listener.pool, { errorHandler });
  const open = new Set<object>();
  // Socket.IO calls this with `new`: a function that returns the adapter, not an arrow function.
  // biome-ignore lint/complexity/useArrowFunction: must be constructible
  io.adapter(function (nsp: Parameters<typeof makeAdapter>[0]) {
    const adapter = makeAdapter(nsp);
    orderBroadcasts(adapter, notifies, errorHandler);
    // The adapter lets its LISTEN client go with the last namespace's adapter (io.close()); so does the listener pool.
    open.add(adapter);
    const close = adapter.close;
    adapter.close = function (this: typeof adapter) {
      open.delete(adapter);
      if (open.size === 0) listener.close();
      return close.call(this);
    };
    return adapter;
  } as unknown as Parameters<HubServer['adapter']>[0]);
  return true;
}

/**
 * The pool as the adapter sees it (@socket.io/postgres-adapter 0.5.0, which reconnects on its own but loses track of
 * its clients). It keeps one client checked out for LISTEN:
 * - when that client's server connection ends (failover, restart, a terminated backend) the adapter takes a new one
 *   but never hands the dead one back, so each loss held one of the pool's places for good; here it goes back as
 *   broken and the pool drops it;
 * - when the connection dies while the adapter is still sending its LISTENs, the adapter schedules two reconnections
 *   (its catch and its 'end' handler) and keeps every client they bring, each listening and delivering: under repeated
 *   terminations they filled the pool and the node hung. Here a new LISTEN client supersedes the one before: that one
 *   is released as broken without the adapter's handlers, so it neither delivers nor reconnects.
 * - when the adapter is closed before its LISTENs are done (a hub stopped right after it started), it releases
 *   nothing, and the client it then gets stays checked out: the pool's end() waited for it for good. Here, when the
 *   last namespace's adapter closes, the client out is released as broken (before the adapter's own close, whose
 *   release of it then does nothing), and what the adapter awaits after that (a connect, a LISTEN on the released
 *   client) never settles: nothing listens, and the adapter schedules no reconnection to keep a stopped hub alive.
 * Its queries go through the node's NotifyBatcher (hub/notify-batch.ts).
 */
function listenerPool(pool: pg.Pool, notifies: NotifyBatcher, log: Logger): { pool: pg.Pool; close(): void } {
  let current: pg.PoolClient | undefined;
  let closed = false;
  const never = () => new Promise<never>(() => undefined);
  const discard = (client: pg.PoolClient, reason: string) => {
    if (current === client) current = undefined;
    const release = client.release;
    client.release = () => undefined; // the adapter may still release what it thinks is its client
    release.call(client, new Error(reason));
  };
  const connect = async () => {
    // After the close (the pool may have ended meanwhile), a connection taken or refused goes nowhere.
    const client = await pool.connect().catch((err: unknown) => {
      if (closed) return undefined;
      throw err;
    });
    if (closed || !client) {
      client?.release();
      return never();
    }
    if (current) {
      current.removeAllListeners('notification');
      current.removeAllListeners('end');
      discard(current, 'LISTEN connection superseded');
    }
    current = client;
    const query = client.query;
    // The adapter's LISTENs: one that fails because the close released its client is not the adapter's to retry.
    client.query = function (this: pg.PoolClient, ...args: unknown[]) {
      const result = (query as (...a: unknown[]) => unknown).apply(this, args);
      if (!(result instanceof Promise)) return result;
      return result.catch((err: unknown) => (closed ? never() : Promise.reject(err)));
    } as typeof client.query;
    client.on('error', (err) => {
      if (!closed) log.warn({ err }, 'cluster adapter LISTEN connection lost; reconnecting');
    });
    client.once('end', () => discard(client, 'LISTEN connection ended'));
    return client;
  };
  const close = () => {
    closed = true;
    if (!current) return;
    current.removeAllListeners('notification');
    current.removeAllListeners('end');
    discard(current, 'cluster adapter closed');
  };
  return { pool: { connect, query: notifies.query } as unknown as pg.Pool, close };
}
