import { afterEach, describe, expect, it, vi } from 'vitest';
import { Periodic } from '../../server/hub/periodic';

/** A promise the test settles by hand: a run that is "still going" until then. */
function gate() {
  let open!: () => void;
  let fail!: (err: Error) => void;
  const closed = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { closed, open, fail };
}

function warnings() {
  const calls: [unknown, string][] = [];
  return { calls, log: { warn: (obj: unknown, msg: string) => void calls.push([obj, msg]) } as never };
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('Periodic (the hub sweepers’ schedule)', () => {
  it('runs the work every interval once started, and not before', async () => {
    vi.useFakeTimers();
    let runs = 0;
    const periodic = new Periodic(1000, async () => void runs++, warnings().log, 'sweep');
    await vi.advanceTimersByTimeAsync(5000);
    expect(runs).toBe(0);
    periodic.start();
    periodic.start();
    await vi.advanceTimersByTimeAsync(3000);
    expect(runs).toBe(3);
    await periodic.stop();
    await vi.advanceTimersByTimeAsync(3000);
    expect(runs).toBe(3);
  });

  it('never starts a run while one is going: the turns that fall due meanwhile are skipped, a tick by hand joins it', async () => {
    vi.useFakeTimers();
    let runs = 0;
    const slow = gate();
    const periodic = new Periodic(1000, () => (++runs === 1 ? slow.closed : Promise.resolve()), warnings().log, 'sweep');
    periodic.start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toBe(1);
    const joined = periodic.tick();
    await vi.advanceTimersByTimeAsync(5000);
    expect(runs).toBe(1);
    slow.open();
    await joined;
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toBe(2);
    await periodic.stop();
  });

  it('logs a failed run as a warning naming the work, never rejects, and keeps the schedule', async () => {
    vi.useFakeTimers();
    const { calls, log } = warnings();
    let runs = 0;
    const periodic = new Periodic(
      1000,
      async () => {
        runs += 1;
        throw new Error('database away');
      },
      log,
      'question sweep',
    );
    await expect(periodic.tick()).resolves.toBeUndefined();
    periodic.start();
    await vi.advanceTimersByTimeAsync(2000);
    expect(runs).toBe(3);
    expect(calls).toHaveLength(3);
    expect(calls[0]).toEqual([{ err: new Error('database away') }, 'question sweep failed']);
    await periodic.stop();
  });

  it('stop ends the schedule and resolves only when the run in progress has ended', async () => {
    vi.useFakeTimers();
    const slow = gate();
    let runs = 0;
    const periodic = new Periodic(
      1000,
      () => {
        runs += 1;
        return slow.closed;
      },
      warnings().log,
      'sweep',
    );
    periodic.start();
    await vi.advanceTimersByTimeAsync(1000);
    let stopped = false;
    const stopping = periodic.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(5000);
    expect(stopped).toBe(false);
    slow.fail(new Error('late failure'));
    await stopping;
    expect(stopped).toBe(true);
    expect(runs).toBe(1);
  });

  it('keeps no process alive (its timer is unref’d), and an interval of 0 schedules nothing', async () => {
    const setIntervalSpy = vi.spyOn(globalThis, 'setInterval');
    const none = new Periodic(0, async () => undefined, warnings().log, 'off');
    none.start();
    expect(setIntervalSpy).not.toHaveBeenCalled();
    const periodic = new Periodic(60_000, async () => undefined, warnings().log, 'sweep');
    periodic.start();
    expect(setIntervalSpy).toHaveBeenCalledTimes(1);
    const timer = setIntervalSpy.mock.results[0]?.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    await periodic.stop();
  });
});
