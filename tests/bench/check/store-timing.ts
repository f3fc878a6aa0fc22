/**
 * For the goal modules that time store functions on the fixture (find, map-view, hotspots): each store opened the
 * way the hub opens it, warm-up runs, then p99 over the timed runs; a store that is missing gives NaN lines.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../../server/store/open';
import { summarize } from '../support';
import type { CheckFixture, GoalLine, StoreKind } from './goal';

export const WARMUP_RUNS = 3;
export const TIMED_RUNS = 60;

/** `fn(i)` timed `runs` times after the warm-up; returns the summary and the last value. */
export async function timeRuns<T>(runs: number, fn: (i: number) => Promise<T>): Promise<{ p50: number; p99: number; max: number; last: T }> {
  let last = await fn(0);
  for (let i = 1; i < WARMUP_RUNS; i++) last = await fn(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    last = await fn(i);
    times.push(performance.now() - t0);
  }
  const s = summarize(times);
  return { p50: s.p50, p99: s.p99, max: s.max, last };
}

/** When the fixture's data ends (its "now"): windows like "the last 30 days" are taken from there. */
export function fixtureNow(fixture: CheckFixture): Date {
  const builtAt = (fixture.info as { builtAt?: string }).builtAt;
  return builtAt ? new Date(builtAt) : new Date();
}

/** Runs `measure` on the SQLite copy and on the PostgreSQL fixture; `missing` makes the lines of an absent store. */
export async function onBothStores(
  fixture: CheckFixture,
  measure: (store: Store, kind: StoreKind) => Promise<GoalLine[]>,
  missing: (kind: StoreKind, why: string) => GoalLine[],
): Promise<GoalLine[]> {
  const lines: GoalLine[] = [];
  const sqlite = openStore({ dataDir: await fixture.sqliteDataDir() });
  try {
    lines.push(...(await measure(sqlite, 'sqlite')));
  } finally {
    await sqlite.close();
  }
  if (!fixture.pgUrl) return [...lines, ...missing('postgres', 'PostgreSQL not reachable')];
  const scratch = mkdtempSync(join(tmpdir(), 'meldkamer-check-'));
  const pg = openStore({ dataDir: scratch, databaseUrl: fixture.pgUrl });
  try {
    lines.push(...(await measure(pg, 'postgres')));
  } finally {
    await pg.close();
    rmSync(scratch, { recursive: true, force: true });
  }
  return lines;
}
