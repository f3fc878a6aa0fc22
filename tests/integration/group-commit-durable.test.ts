import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommit } from '../../server/store/group-commit';
import { openStore, type Store } from '../../server/store/open';

/**
 * Group commit with `durable` (SQLite: the COMMIT writes the WAL, a sync off the event loop makes it durable,
 * store/wal-sync.ts): nobody is answered before the group's sync finished, the next group's transaction runs
 * meanwhile, groups settle in order, and a failed sync fails its group's commands.
 */
describe('group commit, durable after the COMMIT (sqlite)', () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'group-durable-'));
    store = openStore({ dataDir: dir });
    await sql`create table gd (id integer primary key, label text not null)`.execute(store.db);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A durable() whose answers the test gives, one per group, in order. */
  function gatedDurable() {
    const gates: { done: () => void; fail: (err: Error) => void }[] = [];
    const durable = () =>
      new Promise<void>((resolve, reject) => {
        gates.push({ done: resolve, fail: reject });
      });
    return { gates, durable };
  }

  const insert = (group: GroupCommit, id: number) =>
    group.run(async (trx) => {
      await sql`insert into gd (id, label) values (${id}, ${`r${id}`})`.execute(trx);
      return id;
    });

  const ids = async () => (await sql<{ id: number }>`select id from gd order by id`.execute(store.db)).rows.map((r) => r.id);

  const until = async (what: () => boolean | Promise<boolean>) => {
    for (let i = 0; i < 200 && !(await what()); i++) await new Promise((r) => setTimeout(r, 5));
    expect(await what()).toBe(true);
  };

  it('answers after the sync, runs the next group meanwhile, and settles the groups in order', async () => {
    const { gates, durable } = gatedDurable();
    const group = new GroupCommit({ transaction: (fn) => store.db.transaction().execute(fn), combineSavepoints: false, durable });
    const settled: number[] = [];
    const first = insert(group, 1).then((id) => settled.push(id));
    await until(() => gates.length === 1);
    // Committed (another reader sees it) but not answered: its sync has not finished.
    expect(await ids()).toEqual([1]);
    const second = insert(group, 2).then((id) => settled.push(id));
    await until(() => gates.length === 2);
    expect(await ids()).toEqual([1, 2]);
    expect(settled).toEqual([]);
    // The second group's sync finishes first: it still waits for the first group to settle.
    gates[1]?.done();
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toEqual([]);
    gates[0]?.done();
    await Promise.all([first, second]);
    expect(settled).toEqual([1, 2]);
    await group.idle();
  });

  it('a failed sync fails every command of its group, says so, and the next group goes on', async () => {
    const { gates, durable } = gatedDurable();
    const group = new GroupCommit({ transaction: (fn) => store.db.transaction().execute(fn), combineSavepoints: false, durable });
    const both = [insert(group, 1), insert(group, 2)];
    await until(() => gates.length === 1);
    gates[0]?.fail(new Error('EIO: i/o error, fdatasync'));
    const outcomes = await Promise.allSettled(both);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(String((outcomes[0] as PromiseRejectedResult).reason)).toContain('committed but could not be made durable: EIO');
    const third = insert(group, 3);
    await until(() => gates.length === 2);
    gates[1]?.done();
    await expect(third).resolves.toBe(3);
  });

  it('idle() waits for a group still waiting for its sync', async () => {
    const { gates, durable } = gatedDurable();
    const group = new GroupCommit({ transaction: (fn) => store.db.transaction().execute(fn), combineSavepoints: false, durable });
    let answered = false;
    void insert(group, 1).then(() => (answered = true));
    await until(() => gates.length === 1);
    let idle = false;
    const waiting = group.idle().then(() => (idle = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(idle).toBe(false);
    gates[0]?.done();
    await waiting;
    expect(answered).toBe(true);
  });

  it("the store's write transaction commits without its own sync; every other write keeps synchronous = FULL", async () => {
    const inside = await store.writeTransaction(async (trx) => (await sql<{ synchronous: number }>`pragma synchronous`.execute(trx)).rows[0]?.synchronous);
    const outside = (await sql<{ synchronous: number }>`pragma synchronous`.execute(store.db)).rows[0]?.synchronous;
    expect(inside).toBe(1); // NORMAL: the WAL is synced after the COMMIT, off the event loop, before the answer
    expect(outside).toBe(2); // FULL
    // Concurrent writes through the store, one of them waiting for a read snapshot: all commit and are answered.
    const snapshot = store.db.transaction().execute(async (trx) => {
      await sql`select count(*) from gd`.execute(trx);
      await new Promise((r) => setTimeout(r, 30));
    });
    const writes = [10, 11, 12].map((id) =>
      store.writeTransaction(async (trx) => {
        await sql`insert into gd (id, label) values (${id}, 'w')`.execute(trx);
        return id;
      }),
    );
    await snapshot;
    await expect(Promise.all(writes)).resolves.toEqual([10, 11, 12]);
    expect(await ids()).toEqual([10, 11, 12]);
  });
});
