/**
 * Issue 11, the open queue as the console loads it, on the 1M-report fixture (~20,000 open): the first page of 200
 * rows, and every open report paged 5,000 at a time until the hub says there is no next page, both through the
 * store function behind `GET /api/reports/queue` (openQueuePage: one snapshot per page with the open total and its
 * seq, the page's JSON as the route sends it, parsed and made slim row objects as the console's loader does).
 * p99 of the runs. The rows returned are checked against the open count: a cap or a missed row fails the goal
 * instead of looking fast. The note gives the bytes the console receives for the whole queue.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { QUEUE_PAGE_MAX } from '../../../../server/protocol/report-queue';
import { openStore, type Store } from '../../../../server/store/open';
import { openQueuePage, openQueuePageJson } from '../../../../server/store/report-queue';
import { int, ms, summarize } from '../../support';
import type { CheckGoal, GoalLine, StoreKind } from '../goal';

const FIRST_PAGE = 200;
const ALL_OPEN = `open queue: all open as slim rows (pages of ${int(QUEUE_PAGE_MAX)}), p99`;

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

async function allOpen(store: Store): Promise<{ rows: number; pages: number; total: number }> {
  let rows = 0;
  let pages = 0;
  let total = 0;
  let after: { createdAt: string; id: string } | null = null;
  do {
    const page = await openQueuePage(store.db, after, QUEUE_PAGE_MAX);
    rows += page.rows.length;
    total = pages === 0 ? page.total : total;
    pages++;
    after = page.next;
  } while (after);
  return { rows, pages, total };
}

/** The bytes of the rows of every page (the JSON the route sends, without its few bytes of envelope). */
async function allOpenBytes(store: Store): Promise<number> {
  let bytes = 0;
  let after: { createdAt: string; id: string } | null = null;
  do {
    const page = await openQueuePageJson(store.db, after, QUEUE_PAGE_MAX);
    bytes += Buffer.byteLength(page.rowsJson);
    after = page.next;
  } while (after);
  return bytes;
}

async function measure(store: Store, kind: StoreKind, quick: boolean, say: (line: string) => void): Promise<GoalLine[]> {
  const firstRuns = quick ? 30 : 200;
  const allRuns = quick ? 5 : 30;
  for (let i = 0; i < 3; i++) await openQueuePage(store.db, null, FIRST_PAGE);
  const first: number[] = [];
  let firstRows = 0;
  for (let i = 0; i < firstRuns; i++) {
    const run = await timed(() => openQueuePage(store.db, null, FIRST_PAGE));
    first.push(run.ms);
    firstRows = run.value.rows.length;
  }
  const bytes = await allOpenBytes(store);
  const all: number[] = [];
  let last = { rows: 0, pages: 0, total: 0 };
  // CPU of this process per run, next to the wall time: on a machine shared with other work the two part ways.
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < allRuns; i++) {
    const run = await timed(() => allOpen(store));
    all.push(run.ms);
    last = run.value;
  }
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000 / allRuns;
  const f = summarize(first);
  const a = summarize(all);
  say(`${kind}: first ${FIRST_PAGE}: p50 ${ms(f.p50)} ms p99 ${ms(f.p99)} ms; all open: p50 ${ms(a.p50)} ms p99 ${ms(a.p99)} ms (${int(last.rows)} rows)`);
  const complete = last.rows === last.total;
  return [
    {
      goal: `open queue: first ${FIRST_PAGE} rows, p99`,
      store: kind,
      measured: firstRows === Math.min(FIRST_PAGE, last.total) ? f.p99 : Number.NaN,
      target: 20,
      unit: 'ms',
      better: 'lower',
      note: `${firstRows} rows, p50 ${ms(f.p50)} ms, ${firstRuns} runs`,
    },
    {
      goal: ALL_OPEN,
      store: kind,
      measured: complete ? a.p99 : Number.NaN,
      target: 150,
      unit: 'ms',
      better: 'lower',
      note: `${int(last.rows)} slim rows of ${int(last.total)} open in ${last.pages} pages (${(bytes / 1e6).toFixed(1)} MB)${complete ? '' : ' (INCOMPLETE)'}, p50 ${ms(a.p50)} ms, hub CPU ${ms(cpuMs)} ms per run, ${allRuns} runs, load ${loadavg()[0]?.toFixed(1)}`,
    },
  ];
}

export default {
  name: 'open-queue',
  needs: ['fixture'],
  async run({ fixture, quick, say }) {
    const lines: GoalLine[] = [];
    const sqlite = openStore({ dataDir: await fixture.sqliteDataDir() });
    try {
      lines.push(...(await measure(sqlite, 'sqlite', quick, say)));
    } finally {
      await sqlite.close();
    }
    if (fixture.pgUrl) {
      const scratch = mkdtempSync(join(tmpdir(), 'meldkamer-open-queue-'));
      const pg = openStore({ dataDir: scratch, databaseUrl: fixture.pgUrl });
      try {
        lines.push(...(await measure(pg, 'postgres', quick, say)));
      } finally {
        await pg.close();
        rmSync(scratch, { recursive: true, force: true });
      }
    } else {
      for (const goal of [`open queue: first ${FIRST_PAGE} rows, p99`, ALL_OPEN]) {
        lines.push({ goal, store: 'postgres', measured: Number.NaN, target: goal.includes('first') ? 20 : 150, unit: 'ms', better: 'lower', note: 'PostgreSQL not reachable' });
      }
    }
    return lines;
  },
} satisfies CheckGoal;
