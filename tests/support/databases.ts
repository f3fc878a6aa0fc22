import { randomBytes } from 'node:crypto';
import pg from 'pg';

export type StoreKind = 'sqlite' | 'postgres';

const ADMIN_URL = process.env.MELDKAMER_TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let reachable: Promise<boolean> | undefined;

/** Is the test PostgreSQL server up? With REQUIRE_POSTGRES=1 its absence is an error, not a skip. */
export function postgresReachable(): Promise<boolean> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch (err) {
      if (process.env.REQUIRE_POSTGRES === '1') {
        throw new Error(`REQUIRE_POSTGRES=1 but PostgreSQL is not reachable at ${ADMIN_URL}: ${(err as Error).message}`);
      }
      process.stdout.write(`PostgreSQL not reachable at ${ADMIN_URL}: running the store tests on SQLite only\n`);
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return reachable;
}

/** The store kinds this run covers: SQLite always, PostgreSQL when reachable (decided once, at collection). */
export const storeKinds: StoreKind[] = ['sqlite', ...((await postgresReachable()) ? (['postgres'] as const) : [])];

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty PostgreSQL database, dropped again by drop(). */
export async function createPostgresDatabase(): Promise<TestDatabase> {
  const name = `meldkamer_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: ADMIN_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
