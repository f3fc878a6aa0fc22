/**
 * The cached fixture's indexes brought to the migrations' current definitions, and its statistics refreshed. The
 * fixture is migrated in place, so a migration edited after it ran on the cache (0011's reports_open_queue gained its
 * covering columns later) would leave the old index behind, and goals would measure a schema no new database has.
 * The reference is an empty database migrated now: an index whose definition differs is dropped and re-created from
 * it (minutes at most, where rebuilding the fixture takes a quarter of an hour).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from '../../../server/store/migrate';
import { openStore } from '../../../server/store/open';
import type { DB } from '../../../server/store/schema';
import { PG_ADMIN_URL } from '../support';

type Kind = 'sqlite' | 'postgres';

/** Index name → its CREATE statement, whitespace folded; on PostgreSQL without the indexes behind constraints. */
async function indexDefinitions(db: Kysely<DB>, kind: Kind): Promise<Map<string, string>> {
  const rows =
    kind === 'sqlite'
      ? await sql<{ name: string; def: string }>`select name, sql as def from sqlite_master where type = 'index' and sql is not null`.execute(db)
      : await sql<{ name: string; def: string }>`select i.indexname as name, i.indexdef as def from pg_indexes i
          where i.schemaname = 'public' and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`.execute(db);
  return new Map(rows.rows.map((r) => [r.name, r.def.replace(/\s+/g, ' ').trim()]));
}

async function admin(query: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

const references = new Map<Kind, Map<string, string>>();

/** The index definitions of an empty database migrated to the latest migration (once per run and store). */
async function referenceIndexes(kind: Kind): Promise<Map<string, string>> {
  const known = references.get(kind);
  if (known) return known;
  const dataDir = mkdtempSync(join(tmpdir(), 'meldkamer-index-reference-'));
  const pgName = `meldkamer_index_reference_${process.pid}`;
  let databaseUrl: string | undefined;
  if (kind === 'postgres') {
    await admin(`drop database if exists ${pgName} with (force)`);
    await admin(`create database ${pgName}`);
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${pgName}`;
    databaseUrl = url.toString();
  }
  const store = openStore({ dataDir, databaseUrl });
  try {
    await migrateToLatest(store.db);
    const found = await indexDefinitions(store.db, kind);
    references.set(kind, found);
    return found;
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (kind === 'postgres') await admin(`drop database if exists ${pgName} with (force)`);
  }
}

/** Re-creates every index that is missing or differs from the reference; returns their names. */
export async function repairIndexes(db: Kysely<DB>, kind: Kind): Promise<string[]> {
  const wanted = await referenceIndexes(kind);
  const present = await indexDefinitions(db, kind);
  const repaired: string[] = [];
  for (const [name, definition] of wanted) {
    if (present.get(name) === definition) continue;
    await sql.raw(`drop index if exists ${kind === 'postgres' ? `public.${name}` : name}`).execute(db);
    await sql.raw(definition).execute(db);
    repaired.push(name);
  }
  return repaired;
}

/**
 * What production does after such a change: on PostgreSQL autovacuum would clear the dead rows a migration's
 * UPDATE of every row leaves (0011 and 0013 left about 1.5M, which slowed every PostgreSQL goal) and analyse; on
 * SQLite the hub's own `PRAGMA optimize` (store/open.ts) analyses the tables and indexes that lack statistics.
 */
export async function refreshStatistics(db: Kysely<DB>, kind: Kind): Promise<void> {
  if (kind === 'postgres') await sql`vacuum analyze`.execute(db);
  else await sql`pragma optimize = 0x10002`.execute(db);
}
