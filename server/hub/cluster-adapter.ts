import { createAdapter } from '@socket.io/postgres-adapter';
import type { Logger } from '../log';
import { ensureClusterAttachments } from '../store/cluster';
import type { Store } from '../store/open';
import type { HubServer } from './socket-server';

/**
 * With PostgreSQL several hub nodes serve one control room: events published on one node reach the clients
 * of every node through LISTEN/NOTIFY. Large payloads go through the attachments table the adapter expects.
 */
export async function attachClusterAdapter(io: HubServer, store: Store, log: Logger): Promise<boolean> {
  if (!store.pgPool) return false;
  await ensureClusterAttachments(store);
  io.adapter(
    createAdapter(store.pgPool, {
      errorHandler: (err: Error) => log.warn({ err }, 'socket.io cluster adapter error'),
    }),
  );
  return true;
}
