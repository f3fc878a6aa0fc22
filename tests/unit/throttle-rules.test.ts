import { describe, expect, it } from 'vitest';
import { settleFixTime } from '../../server/domain/fix-time';
import {
  DEFAULT_LOGIN_LIMITS,
  type MissCounter,
  minutesToWait,
  pairBlock,
  pairFreeMisses,
  refusedFor,
  windowBlock,
  windowEnded,
} from '../../server/domain/throttle';

const START = '2026-03-10T10:00:00.000Z';
const counter = (misses: number, lastMissAt = START, blockedUntil: string | null = null): MissCounter => ({
  misses,
  windowStart: START,
  lastMissAt,
  blockedUntil,
});

describe('guessing limits (domain/throttle)', () => {
  it('a plain limit refuses from the limit-th miss until the hour since the first miss is over', () => {
    expect(windowBlock(counter(4), 5)).toBeNull();
    expect(windowBlock(counter(5), 5)).toBe('2026-03-10T11:00:00.000Z');
    expect(windowEnded(START, new Date('2026-03-10T10:59:59.999Z'))).toBe(false);
    expect(windowEnded(START, new Date('2026-03-10T11:00:00.000Z'))).toBe(true);
  });

  it('a sign-in pair gets its free misses, then doubling blocks from the last miss, capped', () => {
    const at = '2026-03-10T10:05:00.000Z';
    expect(pairBlock(counter(4, at), 5, 60)).toBeNull();
    expect(pairBlock(counter(5, at), 5, 60)).toBe('2026-03-10T10:06:00.000Z');
    expect(pairBlock(counter(6, at), 5, 60)).toBe('2026-03-10T10:07:00.000Z');
    expect(pairBlock(counter(7, at), 5, 60)).toBe('2026-03-10T10:09:00.000Z');
    expect(pairBlock(counter(12, at), 5, 60)).toBe('2026-03-10T11:05:00.000Z');
    expect(pairBlock(counter(500, at), 5, 60)).toBe('2026-03-10T11:05:00.000Z');
  });

  it('a user tried from many addresses leaves each further address one free miss', () => {
    expect(pairFreeMisses(19, DEFAULT_LOGIN_LIMITS)).toBe(5);
    expect(pairFreeMisses(20, DEFAULT_LOGIN_LIMITS)).toBe(1);
  });

  it('a counter refuses while its block runs; waiting is said in whole minutes, at least one', () => {
    const now = new Date('2026-03-10T10:00:30.000Z');
    expect(refusedFor(undefined, now)).toBe(0);
    expect(refusedFor(counter(5, START, '2026-03-10T10:01:00.000Z'), now)).toBe(30_000);
    expect(refusedFor(counter(5, START, '2026-03-10T10:00:00.000Z'), now)).toBe(0);
    expect([1, 30_000, 60_000, 60_001, 3_600_000].map(minutesToWait)).toEqual([1, 1, 1, 2, 60]);
  });
});

describe('position fix time (domain/fix-time)', () => {
  const now = new Date('2026-03-10T10:00:00.000Z');
  const fix = (at: string) => ({ lat: 52, lng: 4, at });

  it('keeps a fix from the past or up to 2 minutes ahead (clock skew), and dates one further ahead now', () => {
    expect(settleFixTime(fix('2026-03-10T09:59:00.000Z'), now).at).toBe('2026-03-10T09:59:00.000Z');
    expect(settleFixTime(fix('2026-03-10T10:02:00.000Z'), now).at).toBe('2026-03-10T10:02:00.000Z');
    expect(settleFixTime(fix('2026-03-10T10:02:00.001Z'), now).at).toBe(now.toISOString());
    expect(settleFixTime(fix('2099-01-01T00:00:00.000Z'), now)).toEqual({ lat: 52, lng: 4, at: now.toISOString() });
  });
});
