import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompiledQuery, sql, type Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Store, openStore } from '../../server/store/open';
import { migrateToLatest } from '../../server/store/migrate';
import { DEFER, DEFER_WRITE, PREPARED } from '../../server/store/pg-pipeline';
import type { DB } from '../../server/store/schema';
import { insertUnit, saveTrail } from '../../server/store/units';
import { createPostgresDatabase, storeKinds, type TestDatabase } from '../support/databases';

/**
 * Statements kept back to go with the next one (store/pg-pipeline.ts): their parameters are written into the SQL
 * as literals, so the values must come back exactly; and a kept-back write that fails must fail the command that
 * made it, not the one after it. Run on both stores (on SQLite the markers are comments).
 */
describe.each(storeKinds)('statements sent with the next one (%s)', (kind) => {
  let database: TestDatabase | undefined;
  let store: Store;
  beforeAll(async () => {
    database = kind === 'postgres' ? await createPostgresDatabase() : undefined;
    store = openStore({ dataDir: mkdtempSync(join(tmpdir(), 'meldkamer-pipeline-')), databaseUrl: database?.url });
    await sql`drop table if exists pipeline_values`.execute(store.db);
    await sql`create table pipeline_values (k integer primary key, t text, n double precision, j text, b ${sql.raw(kind === 'postgres' ? 'bytea' : 'blob')})`.execute(store.db);
  });
  afterAll(async () => {
    await store.close();
    await database?.drop();
  });

  const insertAs = (k: number) => insert(k, 'kept back', null, null, null);
  const insert = (k: number, t: string | null, n: number | null, j: string | null, b: Buffer | null) => {
    const query = sql`insert into pipeline_values (k, t, n, j, b) values (${k}, ${t}, ${n}, ${j}, ${b})`.compile(store.db);
    return CompiledQuery.raw(DEFER_WRITE + query.sql, [...query.parameters]);
  };

  it('a kept-back write stores its values exactly as parameters would', async () => {
    const awkward = "O'Brien \\ back\\slash; -- not a comment $1 $2 'quoted' ë 😀\nline two";
    const json = JSON.stringify({ a: "it's", b: 'C:\\path', c: [1, 2.5, null], d: '$3' });
    const bytes = Buffer.from([0, 1, 2, 255, 39, 92]);
    const rows = await store.writeTransaction(async (trx) => {
      await sql.raw(`${DEFER}select 1`).execute(trx);
      await trx.executeQuery(insert(1, awkward, -1.5e-7, json, bytes));
      await trx.executeQuery(insert(2, null, null, null, null));
      // This read goes with the two kept-back INSERTs and sees them.
      return (await sql<{ k: number; t: string | null; n: number | null; j: string | null; b: Buffer | null }>`select k, t, n, j, b from pipeline_values order by k`.execute(trx)).rows;
    });
    expect(rows.map((r) => ({ ...r, k: Number(r.k), b: r.b === null ? null : Buffer.from(r.b) }))).toEqual([
      { k: 1, t: awkward, n: -1.5e-7, j: json, b: bytes },
      { k: 2, t: null, n: null, j: null, b: null },
    ]);
  });

  it('a kept-back write that fails fails its own command; the others of the group commit', async () => {
    await sql`delete from pipeline_values`.execute(store.db);
    const command = (k: number, duplicate: boolean) =>
      store.writeTransaction(async (trx) => {
        await trx.executeQuery(insert(k, `command ${k}`, k, null, null));
        // The primary key refuses this one: its error comes back on the statement that follows, in this command.
        if (duplicate) await trx.executeQuery(insert(k, 'again', k, null, null));
        await sql`select count(*) from pipeline_values`.execute(trx);
        return k;
      });
    const outcomes = await Promise.allSettled([command(10, false), command(11, true), command(12, false)]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const { rows } = await sql<{ k: number }>`select k from pipeline_values order by k`.execute(store.db);
    expect(rows.map((r) => Number(r.k))).toEqual([10, 12]);
  });

  it('a command that fails before its first statement rolls back alone, and a transaction with no statement commits', async () => {
    await sql`delete from pipeline_values`.execute(store.db);
    const outcomes = await Promise.allSettled([
      store.writeTransaction(async () => {
        throw new Error('refused before writing');
      }),
      store.writeTransaction(async (trx) => {
        await trx.executeQuery(insert(20, 'kept', 20, null, null));
        await sql`select 1`.execute(trx);
      }),
      store.writeTransaction(async () => 'nothing written'),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    const { rows } = await sql<{ k: number }>`select k from pipeline_values order by k`.execute(store.db);
    expect(rows.map((r) => Number(r.k))).toEqual([20]);
  });

  it.runIf(kind === 'postgres')('a hot write is prepared once per connection and executed after that; a failed message prepares it again', async () => {
    await sql`delete from pipeline_values`.execute(store.db);
    // A statement text of its own, prepared by no other test.
    const write = (k: number) => {
      const query = sql`insert into pipeline_values (k, t) values (${k}, ${'prepared'})`.compile(store.db);
      return CompiledQuery.raw(PREPARED + query.sql, [...query.parameters]);
    };
    const preparedHere = async (trx: Transaction<DB>) =>
      (await sql<{ statement: string }>`select statement from pg_prepared_statements where statement like '%values ($1, $2)%'`.execute(trx)).rows.length;
    // The PREPARE runs (a PREPARE outlives a rollback) but the message fails on the duplicate: not taken as prepared.
    await expect(
      store.writeTransaction(async (trx) => {
        await sql.raw(`${DEFER}select 1`).execute(trx);
        await trx.executeQuery(insertAs(70));
        await trx.executeQuery(write(70));
      }),
    ).rejects.toThrow(/duplicate key/);
    const counts = await store.writeTransaction(async (trx) => {
      await trx.executeQuery(write(71));
      await trx.executeQuery(write(72));
      return preparedHere(trx);
    });
    expect(counts).toBeGreaterThanOrEqual(1);
    const { rows } = await sql<{ k: number; t: string }>`select k, t from pipeline_values order by k`.execute(store.db);
    expect(rows.map((r) => [Number(r.k), r.t])).toEqual([
      [71, 'prepared'],
      [72, 'prepared'],
    ]);
  });
});

/** The position trail keeps its units' UPDATEs back to go with the trail INSERT (store/units.ts saveTrail). */
describe.each(storeKinds)('position trail in one round trip (%s)', (kind) => {
  let database: TestDatabase | undefined;
  let store: Store;
  beforeAll(async () => {
    database = kind === 'postgres' ? await createPostgresDatabase() : undefined;
    store = openStore({ dataDir: mkdtempSync(join(tmpdir(), 'meldkamer-trail-')), databaseUrl: database?.url });
    await migrateToLatest(store.db);
  });
  afterAll(async () => {
    await store.close();
    await database?.drop();
  });

  it('every unit gets its latest fix and every fix lands in the trail', async () => {
    const at = (s: number) => new Date(Date.UTC(2026, 10, 30, 9, 0, s)).toISOString();
    const a = await insertUnit(store.db, { callsign: 'T-1', kind: 'toezicht', officerCount: 2, at: at(0) });
    const b = await insertUnit(store.db, { callsign: 'T-2', kind: 'toezicht', officerCount: 2, at: at(0) });
    const fix = (lat: number, s: number) => ({ lat, lng: 4.31, accuracy: 5, heading: null, at: at(s) });
    await saveTrail(store.db, [
      { unitId: a.id, fix: fix(52.01, 1) },
      { unitId: b.id, fix: fix(52.02, 1) },
      { unitId: a.id, fix: fix(52.03, 2) },
    ]);
    const units = await store.db.selectFrom('units').select(['id', 'lat', 'position_at']).where('id', 'in', [a.id, b.id]).execute();
    expect(Object.fromEntries(units.map((u) => [u.id, [Number(u.lat), u.position_at]]))).toEqual({ [a.id]: [52.03, at(2)], [b.id]: [52.02, at(1)] });
    const trail = await store.db.selectFrom('unit_positions').select(['unit_id', 'at']).orderBy('at').orderBy('unit_id').execute();
    expect(trail.length).toBe(3);
  });
});

/**
 * The literals do not depend on the server's string settings, and a value PostgreSQL cannot take as text (a NUL
 * character) fails only the command that sent it: with real parameters it is refused at Bind as an error inside the
 * transaction; written into the query text it would cut the message short, and with the group's BEGIN in the same
 * message every command of the group commit failed.
 */
describe.each(storeKinds)('literals that do not depend on settings or break the message (%s)', (kind) => {
  let database: TestDatabase | undefined;
  let store: Store;
  beforeAll(async () => {
    database = kind === 'postgres' ? await createPostgresDatabase() : undefined;
    store = openStore({ dataDir: mkdtempSync(join(tmpdir(), 'meldkamer-literals-')), databaseUrl: database?.url });
    await sql`drop table if exists literal_values`.execute(store.db);
    await sql`create table literal_values (k integer primary key, t text, b ${sql.raw(kind === 'postgres' ? 'bytea' : 'blob')})`.execute(store.db);
  });
  afterAll(async () => {
    await store.close();
    await database?.drop();
  });

  const insert = (k: number, t: string | null, b: Buffer | null) => {
    const query = sql`insert into literal_values (k, t, b) values (${k}, ${t}, ${b})`.compile(store.db);
    return CompiledQuery.raw(DEFER_WRITE + query.sql, [...query.parameters]);
  };

  it('bytes and backslashes come back exactly with standard_conforming_strings off', async () => {
    const bytes = Buffer.from([0, 1, 0x5c, 0x27, 255]);
    const text = 'C:\\pad\\x41 \\\\ it\'s';
    const rows = await store.writeTransaction(async (trx) => {
      if (kind === 'postgres') await sql`set local standard_conforming_strings = off`.execute(trx);
      await trx.executeQuery(insert(1, text, bytes));
      return (await sql<{ t: string; b: Buffer }>`select t, b from literal_values where k = 1`.execute(trx)).rows;
    });
    expect(rows.map((r) => ({ t: r.t, b: Buffer.from(r.b) }))).toEqual([{ t: text, b: bytes }]);
  });

  it('a NUL character fails its own command only (PostgreSQL), the rest of the group commits', async () => {
    await sql`delete from literal_values`.execute(store.db);
    const command = (k: number, t: string) =>
      store.writeTransaction(async (trx) => {
        await sql`insert into literal_values (k, t) values (${k}, ${t})`.execute(trx);
        return k;
      });
    // The first command may go alone; the NUL one then opens the next group, its BEGIN in the same message.
    const outcomes = await Promise.allSettled([command(31, 'fine'), command(30, 'nul \u0000 here'), command(32, 'fine too'), command(33, 'fine')]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', kind === 'postgres' ? 'rejected' : 'fulfilled', 'fulfilled', 'fulfilled']);
    const { rows } = await sql<{ k: number }>`select k from literal_values order by k`.execute(store.db);
    expect(rows.map((r) => Number(r.k))).toEqual(kind === 'postgres' ? [31, 32, 33] : [30, 31, 32, 33]);
  });
});

/**
 * A message PostgreSQL rejects as a whole (a syntax error anywhere in it: the whole text is parsed before any of it
 * runs) also skips the statements kept back with it: the command's savepoint, or the group's BEGIN. The command's
 * rollback must then not reach the savepoint before it (that would undo a command already told it succeeded), and a
 * command that catches the error must not go on outside the transaction. No command is acked whose write is not in
 * the table, and no rejected command's write is.
 */
describe.each(storeKinds)('a message rejected as a whole (%s)', (kind) => {
  let database: TestDatabase | undefined;
  let store: Store;
  beforeAll(async () => {
    database = kind === 'postgres' ? await createPostgresDatabase() : undefined;
    store = openStore({ dataDir: mkdtempSync(join(tmpdir(), 'meldkamer-rejected-')), databaseUrl: database?.url });
    await sql`drop table if exists rejected_values`.execute(store.db);
    await sql`create table rejected_values (k integer primary key)`.execute(store.db);
  });
  afterAll(async () => {
    await store.close();
    await database?.drop();
  });

  const stored = async () => (await sql<{ k: number }>`select k from rejected_values order by k`.execute(store.db)).rows.map((r) => Number(r.k));
  const insert = (trx: Transaction<DB>, k: number) => sql`insert into rejected_values (k) values (${k})`.execute(trx);
  const broken = (trx: Transaction<DB>) => sql.raw('selec 1 from nowhere').execute(trx);
  const acked = (outcomes: PromiseSettledResult<number>[]) => outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));

  it('after a command that committed in the group: no acked command is undone', async () => {
    await sql`delete from rejected_values`.execute(store.db);
    const outcomes = await Promise.allSettled([
      store.writeTransaction(async (trx) => {
        await insert(trx, 40);
        return 40;
      }),
      // Its savepoint goes in the same message as the broken statement.
      store.writeTransaction(async (trx) => {
        await broken(trx);
        await insert(trx, 41);
        return 41;
      }),
      store.writeTransaction(async (trx) => {
        await insert(trx, 42);
        return 42;
      }),
    ]);
    expect(outcomes[1]?.status).toBe('rejected');
    // Every acked command's row is there, no rejected command's row is.
    expect(await stored()).toEqual(acked(outcomes));
    // SQLite runs each statement on its own: only the broken command fails. On PostgreSQL the group so far fails
    // together (40 with it); the command still waiting runs in the next group.
    expect(acked(outcomes)).toEqual(kind === 'postgres' ? [42] : [40, 42]);
  });

  it('a command that catches the error and goes on: nothing runs outside the transaction', async () => {
    await sql`delete from rejected_values`.execute(store.db);
    const outcomes = await Promise.allSettled([
      // The group's first command: BEGIN, the lock and its savepoint go with the broken statement.
      store.writeTransaction(async (trx) => {
        await broken(trx).catch(() => undefined);
        await insert(trx, 50);
        return 50;
      }),
      store.writeTransaction(async (trx) => {
        await insert(trx, 51);
        return 51;
      }),
    ]);
    expect(await stored()).toEqual(acked(outcomes));
    // On PostgreSQL its INSERT is refused (the BEGIN never ran), so it fails; the next command commits in a group of its own.
    expect(acked(outcomes)).toEqual(kind === 'postgres' ? [51] : [50, 51]);
  });

  it('the store goes on committing after such a group', async () => {
    await sql`delete from rejected_values`.execute(store.db);
    const command = (k: number) =>
      store.writeTransaction(async (trx) => {
        await insert(trx, k);
        return k;
      });
    const outcomes = await Promise.allSettled([command(60), command(61)]);
    expect(acked(outcomes)).toEqual([60, 61]);
    expect(await stored()).toEqual([60, 61]);
  });
});
