import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRow } from '../../server/store/compiled-insert';
import { openStore, type Store } from '../../server/store/open';
import { createPostgresDatabase, storeKinds, type TestDatabase } from '../support/databases';

/**
 * store/compiled-insert.ts: an INSERT's text is compiled once per table and set of columns and reused with each
 * row's values. The reused text must write exactly what Kysely's own INSERT writes, whatever the row.
 */
describe.each(storeKinds)('INSERTs compiled once per shape (%s)', (kind) => {
  let database: TestDatabase | undefined;
  let store: Store;
  beforeAll(async () => {
    database = kind === 'postgres' ? await createPostgresDatabase() : undefined;
    store = openStore({ dataDir: mkdtempSync(join(tmpdir(), 'meldkamer-compiled-insert-')), databaseUrl: database?.url });
    await sql`create table compiled_rows (k integer primary key, t text, n double precision)`.execute(store.db);
  });
  afterAll(async () => {
    await store.close();
    await database?.drop();
  });

  // The table is not in the DB type: the rows go in as Kysely's would, typed loosely.
  const put = (row: Record<string, unknown>) => store.db.executeQuery(insertRow(store.db, 'compiled_rows' as never, row).compile());
  const rows = async () =>
    (await sql<{ k: number; t: string | null; n: number | null }>`select k, t, n from compiled_rows order by k`.execute(store.db)).rows.map(
      (r) => ({ k: Number(r.k), t: r.t, n: r.n === null ? null : Number(r.n) }),
    );

  it('writes each row with its own values: same shape, other key order, undefined and null, an expression', async () => {
    await put({ k: 1, t: 'een', n: 1.5 });
    await put({ k: 2, t: "twee's", n: null });
    await put({ n: 3.25, k: 3, t: 'drie' });
    await put({ k: 4, t: undefined, n: 4 });
    await put({ k: 5, t: sql<string>`${'vijf'} || ${'!'}`, n: 5 });
    await put({ k: 6, t: 'zes', n: 6 });
    expect(await rows()).toEqual([
      { k: 1, t: 'een', n: 1.5 },
      { k: 2, t: "twee's", n: null },
      { k: 3, t: 'drie', n: 3.25 },
      { k: 4, t: null, n: 4 },
      { k: 5, t: 'vijf!', n: 5 },
      { k: 6, t: 'zes', n: 6 },
    ]);
  });
});
