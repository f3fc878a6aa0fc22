import { sql } from 'kysely';
import type { Store } from './open';

/**
 * Creates the table @socket.io/postgres-adapter keeps large payloads in (`socket_io_attachments`), if missing.
 * PostgreSQL only (the cluster adapter exists only there), so it is no migration: on SQLite it does nothing.
 */
export async function ensureClusterAttachments(store: Pick<Store, 'kind' | 'db'>): Promise<void> {
  if (store.kind !== 'postgres') return;
  await sql`create table if not exists socket_io_attachments (
    id bigserial unique, created_at timestamptz default now(), payload bytea)`.execute(store.db);
}
