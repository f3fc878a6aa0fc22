import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SignalRow } from '../../server/store/schema';
import { abandonedSignalBatches, completeSignalBatch, discardSignalBatch, openSignalBatch, stageSignals } from '../../server/store/signal-batches';
import { countSignals, existingExternalIds, signalsBetween } from '../../server/store/signals';
import { storeKinds } from '../support/databases';
import { startTestHub, type TestHub } from '../support/hub';

/** Survey imports in stages (store/signal-batches.ts): what readers see of a batch while it is written. */
describe.each(storeKinds)('signal batches (%s)', (store) => {
  let t: TestHub;
  beforeEach(async () => {
    t = await startTestHub({ store, demo: false });
  });
  afterEach(async () => {
    await t.stop();
  });

  it('rows being written are invisible to every reader until their batch is done; an abandoned batch is removed with its rows', async () => {
    const db = t.hub.store.db;
    const at = new Date().toISOString();
    const row = (batchId: string, i: number): SignalRow => ({
      id: randomUUID(),
      source: 'survey',
      channel: null,
      text: `Signaal ${i}`,
      lat: 52.07,
      lng: 4.3,
      place: null,
      url: null,
      occurred_at: at,
      imported_at: at,
      batch_id: batchId,
      external_id: `${batchId}-${i}`,
      created_by: null,
    });
    const batch = randomUUID();
    await openSignalBatch(db, { id: batch, source: 'survey', createdBy: null, at });
    await stageSignals(db, batch, [row(batch, 1), row(batch, 2)], at);
    const window = [new Date(Date.now() - 86_400_000).toISOString(), new Date(Date.now() + 60_000).toISOString()] as const;
    expect(await countSignals(db)).toBe(0);
    expect(await signalsBetween(db, ...window)).toEqual([]);
    expect(await existingExternalIds(db, 'survey', [`${batch}-1`])).toEqual(new Set());
    await db.transaction().execute((trx) => completeSignalBatch(trx, batch, 2, at));
    expect(await countSignals(db)).toBe(2);
    expect((await signalsBetween(db, ...window)).map((s) => s.batchId)).toEqual([batch, batch]);

    const abandoned = randomUUID();
    await openSignalBatch(db, { id: abandoned, source: 'survey', createdBy: null, at });
    await stageSignals(db, abandoned, Array.from({ length: 2500 }, (_, i) => row(abandoned, i)), at);
    expect(await abandonedSignalBatches(db, new Date(Date.parse(at) + 1).toISOString())).toEqual([abandoned]);
    await discardSignalBatch(db, abandoned);
    expect(await abandonedSignalBatches(db, new Date(Date.parse(at) + 1).toISOString())).toEqual([]);
    expect(await countSignals(db)).toBe(2);
    expect(await db.transaction().execute((trx) => completeSignalBatch(trx, abandoned, 2500, at))).toBe(false);
  });
});
