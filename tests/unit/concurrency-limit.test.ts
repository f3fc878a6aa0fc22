import { describe, expect, it } from 'vitest';
import { ConcurrencyLimit } from '../../server/http/concurrency-limit';

describe('ConcurrencyLimit', () => {
  it('runs at most its limit at once, starts the waiting ones in order, and frees a place when a call fails', async () => {
    const limit = new ConcurrencyLimit(2);
    const started: number[] = [];
    const finish: (() => void)[] = [];
    let running = 0;
    let most = 0;
    const calls = [0, 1, 2, 3, 4].map((n) =>
      limit.run(async () => {
        started.push(n);
        running += 1;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => finish.push(resolve));
        running -= 1;
        if (n === 1) throw new Error('fails');
        return n;
      }),
    );
    const settled = Promise.allSettled(calls);
    const tick = () => new Promise((resolve) => setImmediate(resolve));
    await tick();
    expect(started).toEqual([0, 1]);
    for (let i = 0; i < 5; i += 1) {
      finish[i]!();
      await tick();
    }
    const results = await settled;
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect(results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<number>).value)).toEqual([0, 2, 3, 4]);
  });
});
