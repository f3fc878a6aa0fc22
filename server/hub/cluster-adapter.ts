import { createAdapter } from '@socket.io/postgres-adapter';
import { sql } from 'kysely';
import type { Logger } from '../log';
import type { Store } from '../store/open';
import type { HubServer } from './socket-server';

/**
 * With PostgreSQL several hub nodes serve one control room: events published on one node reach the clients
 * of every node through LISTEN/NOTIFY. Large payloads go through the attachments table the adapter expects.
 */
export async function attachClusterAdapter(io: HubServer, store: Store, log: Logger): Promise<boolean> {
  if (!store.pgPool) return false;
  await sql`create table if not exists socket_io_attachments (
    id bigserial unique, created_at timestamptz default now(), payload bytea)`.execute(store.db);
  io.adapter(
    createAdapter(store.pgPool, {
      errorHandler: (err: Error) => log.warn({ err }, 'socket.io cluster adapter error'),
    }),
  );
  return true;
}
