import { sql, type Transaction } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../../server/protocol/report';
import type { DB } from '../../server/store/schema';
import { storeKinds } from '../support/databases';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';
import { refuseInserts, rowCount } from '../support/refuse-writes';

async function eventSeqs(t: TestHub): Promise<number[]> {
  const { rows } = await sql<{ seq: number | string }>`select seq from events order by seq`.execute(t.hub.store.db);
  return rows.map((r) => Number(r.seq));
}

/**
 * Group commit (store/group-commit.ts): commands that wait for the write transaction together share it, each in
 * its own savepoint. One that fails is rolled back alone; the others commit, with gap-free seqs.
 */
describe.each(storeKinds)('group commit (%s)', (store) => {
  let t: TestHub;
  beforeEach(async () => {
    t = await startTestHub({ store });
  });
  afterEach(async () => {
    await t.stop();
  });

  it('runs concurrent write transactions in one transaction; the one that fails rolls back alone', async () => {
    const seen: Transaction<DB>[] = [];
    const write = (i: number) =>
      t.hub.store.writeTransaction(async (trx) => {
        seen.push(trx);
        await sql`insert into categories (code, name_nl, name_en, department, sla_working_days, sort_order)
          values (${`groep-${i}`}, 'Groep', 'Group', 'Test', 5, 99)`.execute(trx);
        if (i === 2) throw new Error('command 2 refuses after writing');
        return i;
      });
    const outcomes = await Promise.allSettled([0, 1, 2, 3, 4].map(write));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(new Set(seen).size).toBe(1);
    const { rows } = await sql<{ code: string }>`select code from categories where code like 'groep-%' order by code`.execute(t.hub.store.db);
    expect(rows.map((r) => r.code)).toEqual(['groep-0', 'groep-1', 'groep-3', 'groep-4']);
  });

  it('when the COMMIT itself fails, every command of the group gets the error and none of their writes stays', async () => {
    const db = t.hub.store.db;
    await sql`create table gc_parent (id integer primary key)`.execute(db);
    await sql`create table gc_child (id integer primary key, parent integer references gc_parent (id) deferrable initially deferred)`.execute(db);
    // The child's missing parent is only noticed at COMMIT (a deferred foreign key): the statement itself succeeds.
    const orphan = t.hub.store.writeTransaction(async (trx) => {
      await sql`insert into gc_child (id, parent) values (1, 999)`.execute(trx);
      return 'orphan';
    });
    const innocent = t.hub.store.writeTransaction(async (trx) => {
      await sql`insert into gc_parent (id) values (1)`.execute(trx);
      return 'innocent';
    });
    const outcomes = await Promise.allSettled([orphan, innocent]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    const counts = await sql<{ n: number | string }>`select (select count(*) from gc_parent) + (select count(*) from gc_child) as n`.execute(db);
    expect(Number(counts.rows[0]?.n)).toBe(0);
    // The store goes on: the next write commits.
    await expect(t.hub.store.writeTransaction(async (trx) => sql`insert into gc_parent (id) values (2)`.execute(trx))).resolves.toBeDefined();
  });

  it('a write asked for while the last group is being settled still runs (no command left waiting in the queue)', async () => {
    const write = (value: number) => t.hub.store.writeTransaction(async () => value);
    // Asks for the second write one microtask after the first settled: after the drain looked at the empty queue
    // and before it marked itself done. Without a fix that job would wait until some other write came along.
    const second = await write(1).then(async () => {
      await null;
      return write(2);
    });
    expect(second).toBe(2);
  });

  it('concurrent creates: the one the database refuses leaves nothing behind, the others commit with gap-free seqs', async () => {
    const token = (await t.login('centralist')).token;
    await refuseInserts(t, 'reports', { column: 'description', value: 'Deze wordt geweigerd' });
    const [reportsBefore, seqsBefore] = [await rowCount(t, 'reports'), await eventSeqs(t)];
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.api<Report>('POST', '/api/reports', token, sampleReport({ description: i === 5 ? 'Deze wordt geweigerd' : `Melding ${i}` })),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(results.map((_, i) => (i === 5 ? 500 : 201)));
    const created = results.filter((r) => r.status === 201).map((r) => r.body);
    expect(await rowCount(t, 'reports')).toBe(reportsBefore + 11);
    const seqs = await eventSeqs(t);
    const last = seqsBefore.at(-1) ?? 0;
    expect(seqs.slice(seqsBefore.length)).toEqual(Array.from({ length: 11 }, (_, i) => last + 1 + i));
    expect(created.map((r) => r.version).sort((a, b) => a - b)).toEqual(seqs.slice(seqsBefore.length));
    const numbers = created.map((r) => Number(r.number.slice(2))).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(11);
    expect(numbers.at(-1)! - numbers[0]!).toBe(10);
  });
});
