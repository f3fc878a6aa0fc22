/**
 * `npm run bench -- check [names…] [--fresh]`: runs the goal modules in tests/bench/check/goals/ one after another
 * against the cached 1M-report fixture, prints one PASS/FAIL line per goal line and a summary, and returns the exit
 * code (1 on any FAIL). A full run (no names, not BENCH_QUICK) also writes the result into docs/BENCHMARKS.md.
 */
import { readdirSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { machineDescription, postgresReachable, QUICK, say } from '../support';
import { type OpenedFixture, openFixture, settleWrites } from './fixture';
import type { CheckFixture, CheckGoal, GoalLine } from './goal';
import { checkMarkdown, formatLine, passes } from './report-lines';

const GOALS_DIR = fileURLToPath(new URL('./goals/', import.meta.url));
/** A goal that runs longer than this is reported as FAIL so the whole check stays within its 15 minutes. */
const GOAL_TIMEOUT_MS = 10 * 60_000;

async function discoverGoals(): Promise<CheckGoal[]> {
  const files = readdirSync(GOALS_DIR)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .sort();
  const goals: CheckGoal[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(`${GOALS_DIR}${file}`).href)) as { default?: CheckGoal };
    if (mod.default?.name && typeof mod.default.run === 'function') goals.push(mod.default);
    else say(`check: ${file} has no default CheckGoal export; skipped`);
  }
  return goals;
}

const failed = (goal: string, why: string): GoalLine => ({ goal, measured: Number.NaN, target: Number.NaN, unit: '', better: 'lower', note: why });

/** Stands in for the fixture when it could not be opened: every use says why. */
function brokenFixture(why: string): CheckFixture {
  const fail = async (): Promise<never> => {
    throw new Error(why);
  };
  const bbox = { minLat: 52.03, maxLat: 52.12, minLng: 4.2, maxLng: 4.4 };
  return {
    sqliteDataDir: fail,
    pgCopy: fail,
    pgUrl: undefined,
    info: { reports: 0, open: 0, bbox, sampleNumbers: [], sampleAddresses: [], sampleWords: [] },
  };
}

async function runGoal(goal: CheckGoal, fixture: CheckFixture): Promise<GoalLine[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<GoalLine[]>((resolve) => {
    timer = setTimeout(() => resolve([failed(`${goal.name}: timed out`, `still running after ${GOAL_TIMEOUT_MS / 60_000} min`)]), GOAL_TIMEOUT_MS);
  });
  try {
    const lines = await Promise.race([
      goal.run({ fixture, quick: QUICK, say: (line) => say(`${goal.name}: ${line}`) }),
      timeout,
    ]);
    return lines.length > 0 ? lines : [failed(`${goal.name}: no result`, 'the goal module returned no lines')];
  } catch (err) {
    return [failed(`${goal.name}: could not run`, (err as Error).message.split('\n')[0] ?? String(err))];
  } finally {
    clearTimeout(timer);
  }
}

export interface CheckResult {
  exitCode: number;
  /** The docs/BENCHMARKS.md block body, on a full run only. */
  markdown?: string;
}

export async function runCheck(args: string[]): Promise<CheckResult> {
  const fresh = args.includes('--fresh');
  const names = args.filter((a) => !a.startsWith('--'));
  const all = await discoverGoals();
  const unknown = names.filter((n) => !all.some((g) => g.name === n));
  if (unknown.length > 0) {
    process.stderr.write(`unknown goal: ${unknown.join(', ')} (choose from ${all.map((g) => g.name).join(', ')})\n`);
    return { exitCode: 2 };
  }
  const selected = names.length > 0 ? all.filter((g) => names.includes(g.name)) : all;
  const started = performance.now();
  const startedAt = new Date();
  const load = os.loadavg()[0] ?? Number.NaN;
  say(`check: ${selected.map((g) => g.name).join(', ') || 'no goal modules'}${QUICK ? ' (BENCH_QUICK=1: shorter phases)' : ''}`);

  let opened: OpenedFixture | undefined;
  let fixture: CheckFixture = brokenFixture('no goal asked for the fixture');
  if (fresh || selected.some((g) => g.needs.includes('fixture'))) {
    try {
      opened = await openFixture({ fresh });
      fixture = opened.fixture;
    } catch (err) {
      const why = `the fixture could not be built or opened: ${(err as Error).message}`;
      say(`check: ${why}`);
      fixture = brokenFixture(why);
    }
  }

  const results: { goal: string; lines: GoalLine[]; seconds: number }[] = [];
  // A goal that timed out keeps running behind the next ones; its late errors are said, not fatal to the check.
  const stray = (err: unknown) => say(`check: error after a goal ended (a timed-out goal?): ${(err as Error)?.message ?? String(err)}`);
  process.on('uncaughtException', stray);
  process.on('unhandledRejection', stray);
  try {
    const withPostgres = await postgresReachable();
    for (const goal of selected) {
      say(`--- ${goal.name} ---`);
      say(`${goal.name}: before it, earlier writes put on disk: ${await settleWrites(withPostgres)}`);
      const t0 = performance.now();
      const lines = await runGoal(goal, fixture);
      const seconds = (performance.now() - t0) / 1000;
      for (const line of lines) process.stdout.write(`${formatLine(line)}\n`);
      say(`${goal.name}: ${seconds.toFixed(0)} s`);
      results.push({ goal: goal.name, lines, seconds });
    }
  } finally {
    await opened?.dispose();
  }

  const lines = results.flatMap((r) => r.lines);
  const fails = lines.filter((l) => !passes(l)).length;
  const total = (performance.now() - started) / 1000;
  process.stdout.write(`\n=== npm run bench -- check: summary ===\n`);
  for (const line of lines) process.stdout.write(`${formatLine(line)}\n`);
  for (const problem of opened?.problems ?? []) process.stdout.write(`${problem}\n`);
  process.stdout.write(`${lines.length - fails} PASS, ${fails} FAIL, in ${total.toFixed(0)} s\n`);

  const full = names.length === 0 && !QUICK;
  const markdown = full
    ? checkMarkdown({ results, startedAt, seconds: total, load, machine: machineDescription(), problems: opened?.problems ?? [] })
    : undefined;
  return { exitCode: fails > 0 ? 1 : 0, markdown };
}
