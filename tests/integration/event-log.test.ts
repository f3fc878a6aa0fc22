import { beforeEach, describe, expect, it } from 'vitest';
import { appendEvent, latestSeq } from '../../server/store/events';
import { migrateToLatest } from '../../server/store/migrate';
import type { Store } from '../../server/store/open';
import { storeKinds } from '../support/databases';
import { storeForEachTest } from '../support/filled-database';

const AT = '2026-03-02T09:00:00.000Z';
const signals = (count: number) => ({ type: 'signals.changed' as const, at: AT, actorId: null, count });

describe.each(storeKinds)('the event log over %s', (kind) => {
  const fresh = storeForEachTest(kind, 'events');
  let store: Store;

  beforeEach(async () => {
    store = fresh.store;
    await migrateToLatest(store.db);
  });

  it('appends events with consecutive seqs', async () => {
    const before = await latestSeq(store.db);
    const seqs = await store.writeTransaction(async (trx) => [(await appendEvent(trx, () => signals(1))).seq, (await appendEvent(trx, () => signals(2))).seq]);
    expect(seqs).toEqual([before + 1, before + 2]);
  });

  it('refuses an event appended while another one is being built (it would get the same seq), and writes neither', async () => {
    const before = await latestSeq(store.db);
    const nested = store.writeTransaction((trx) =>
      appendEvent(trx, async () => {
        await appendEvent(trx, () => signals(1));
        return signals(2);
      }),
    );
    await expect(nested).rejects.toThrow(/while another event is being built/);
    expect(await latestSeq(store.db)).toBe(before);
    // The refusal leaves nothing behind: the next transaction appends as usual.
    const next = await store.writeTransaction((trx) => appendEvent(trx, () => signals(3)));
    expect(next.seq).toBe(before + 1);
  });
});
