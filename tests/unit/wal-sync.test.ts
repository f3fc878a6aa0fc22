import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileSyncer, WalSync } from '../../server/store/wal-sync';

/** A sync whose end the test decides: each call is one entry, finished by `finish(i)`. */
function gatedSyncs() {
  const calls: { done: () => void; fail: (err: Error) => void }[] = [];
  const syncFile = () =>
    new Promise<void>((resolve, reject) => {
      calls.push({ done: resolve, fail: reject });
    });
  return { calls, syncFile };
}

const settledNow = async (p: Promise<unknown>): Promise<boolean> => {
  let settled = false;
  void p.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let i = 0; i < 5; i++) await null;
  return settled;
};

describe('WalSync: a caller is answered by a sync that began after it asked', () => {
  it('starts a sync at once when none runs', async () => {
    const { calls, syncFile } = gatedSyncs();
    const wal = new WalSync(syncFile);
    const first = wal.durable();
    expect(calls).toHaveLength(1);
    expect(await settledNow(first)).toBe(false);
    calls[0]?.done();
    await expect(first).resolves.toBeUndefined();
  });

  it('callers while a sync runs share one more sync, started only when the running one ends', async () => {
    const { calls, syncFile } = gatedSyncs();
    const wal = new WalSync(syncFile);
    const first = wal.durable();
    const second = wal.durable();
    const third = wal.durable();
    expect(calls).toHaveLength(1);
    calls[0]?.done();
    await first;
    // The running sync may have begun before the second and third callers wrote: they are not answered by it.
    expect(await settledNow(second)).toBe(false);
    expect(calls).toHaveLength(2);
    const fourth = wal.durable();
    calls[1]?.done();
    await Promise.all([second, third]);
    expect(await settledNow(fourth)).toBe(false);
    expect(calls).toHaveLength(3);
    calls[2]?.done();
    await fourth;
    expect(calls).toHaveLength(3);
  });

  it('a failed sync fails its callers; the next caller gets a new sync', async () => {
    const { calls, syncFile } = gatedSyncs();
    const wal = new WalSync(syncFile);
    const first = wal.durable();
    const second = wal.durable();
    calls[0]?.fail(new Error('EIO'));
    await expect(first).rejects.toThrow('EIO');
    expect(calls).toHaveLength(2);
    calls[1]?.done();
    await expect(second).resolves.toBeUndefined();
    const third = wal.durable();
    expect(calls).toHaveLength(3);
    calls[2]?.done();
    await expect(third).resolves.toBeUndefined();
  });
});

describe('fileSyncer', () => {
  it('syncs an existing file and says so when the file is missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wal-sync-'));
    try {
      const file = join(dir, 'meldkamer.sqlite-wal');
      const missing = fileSyncer(join(dir, 'nope'));
      await expect(missing.sync()).rejects.toThrow(/ENOENT/);
      writeFileSync(file, 'frames');
      const present = fileSyncer(file);
      await expect(present.sync()).resolves.toBeUndefined();
      await expect(present.sync()).resolves.toBeUndefined();
      present.close();
      missing.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
