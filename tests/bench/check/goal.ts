// The contract between `npm run bench -- check` (tests/bench/check/run-check.ts) and its goal modules
// (tests/bench/check/goals/<name>.ts, each `export default { ... } satisfies CheckGoal`). See /tmp/coord/GOALS.md.

export type StoreKind = 'sqlite' | 'postgres';
export interface GoalLine {
  goal: string; // e.g. 'open queue: first 200 rows, p99'
  store?: StoreKind; // when the goal is per store
  measured: number; // the measured value (NaN if it could not be measured -> FAIL)
  target: number; // the goal value
  unit: string; // 'ms' | '×' | 'MB' | ...
  better: 'lower' | 'higher';
  note?: string; // e.g. rows returned, baseline value, why it failed
}
export interface CheckFixture {
  /** A fresh, writable copy of the cached 1M-report SQLite database, migrated to the current schema: its data dir
   *  (open it with the hub's own openStore({ dataDir })) . Caller may write; it is deleted after the run. */
  sqliteDataDir(): Promise<string>;
  /** URL of a PostgreSQL database holding the same 1M reports, migrated to the current schema; undefined when
   *  PostgreSQL is unreachable. Shared: goals may read; if they write they must undo it or use pgCopy(). */
  pgUrl: string | undefined;
  /** A writable copy (CREATE DATABASE ... TEMPLATE) of the PG fixture; dropped after the run. */
  pgCopy(): Promise<string | undefined>;
  /** What the fixture holds (1,000,000 reports, ~20,000 open, the bbox, ids of some reports, etc.). */
  info: {
    reports: number;
    open: number;
    bbox: { minLat: number; maxLat: number; minLng: number; maxLng: number };
    sampleNumbers: string[];
    sampleAddresses: string[];
    sampleWords: string[];
  };
}
export interface CheckGoal {
  name: string; // short id, e.g. 'open-queue'
  needs: ('fixture' | 'postgres' | 'chromium')[];
  run(ctx: { fixture: CheckFixture; quick: boolean; say(line: string): void }): Promise<GoalLine[]>;
}
