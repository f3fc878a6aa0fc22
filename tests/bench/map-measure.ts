/** How the map bench measures a phase: CDP TaskDuration per second, then a Chromium trace split by kind. */
import { writeFileSync } from 'node:fs';
import type { Browser, CDPSession, Page } from '@playwright/test';
import { counters, mapIdle } from './map-page';
import { ms, QUICK, say, sleep, summarize } from './support';

export const SETTLE_MS = QUICK ? 1_500 : 2_000;
/** After each CDP window, a traced window for the breakdown (tracing costs a little itself, so it is kept apart). */
export const TRACE_S = QUICK ? 3 : 4;
export const TRACE_CATEGORIES = ['toplevel', 'gpu', 'devtools.timeline'];

type Metrics = Record<string, number>;

async function metrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

export interface TraceSplit {
  /** Main-thread tasks (ThreadControllerImpl::RunTask), ms per second. */
  busyMsPerS: number;
  /** Of which blocked on the GPU process (CommandBufferProxyImpl::WaitFor…), ms per second. */
  gpuWaitMsPerS: number;
  /** Of which reading the WebGL canvas back for the software compositor (GLES2::ReadPixels), ms per second. */
  readbackMsPerS: number;
  /** Animation-frame callbacks (the map's render), ms per second. */
  framesMsPerS: number;
  /** Messages from workers (the map's tile results), ms per second. */
  workerMsPerS: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

type Span = [number, number];

/** The union of spans, sorted and merged (nested and overlapping events count once). */
function union(spans: Span[]): Span[] {
  const sorted = spans.slice().sort((x, y) => x[0] - y[0]);
  const out: Span[] = [];
  for (const [start, end] of sorted) {
    const last = out[out.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}

const length = (spans: Span[]) => spans.reduce((sum, [start, end]) => sum + end - start, 0);

/** The length of the overlap of two unions. */
function overlap(a: Span[], b: Span[]): number {
  let total = 0;
  let j = 0;
  for (const [start, end] of a) {
    while (j < b.length && b[j]![1] <= start) j++;
    for (let k = j; k < b.length && b[k]![0] < end; k++) total += Math.max(0, Math.min(end, b[k]![1]) - Math.max(start, b[k]![0]));
  }
  return total;
}

/**
 * Splits the renderer main thread's time in a Chromium trace: its tasks, and the parts of them spent blocked on the
 * GPU process (nested or overlapping wait events counted once, and only inside tasks, so the waits never exceed
 * the busy time).
 */
export function splitTrace(json: Buffer): TraceSplit {
  const parsed = JSON.parse(json.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const mains = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const perThread = new Map<string, Record<'busy' | 'waits' | 'readback' | 'frames' | 'worker', Span[]>>();
  // The traced time: from its first event to the end of its last (stopping the trace takes a while of its own).
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const e of events) {
    if (e.ph === 'X' && e.ts > 0) {
      first = Math.min(first, e.ts);
      last = Math.max(last, e.ts + (e.dur ?? 0));
    }
  }
  const seconds = (last - first) / 1e6;
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || !e.dur || !mains.has(key)) continue;
    const t = perThread.get(key) ?? { busy: [], waits: [], readback: [], frames: [], worker: [] };
    const span: Span = [e.ts, e.ts + e.dur];
    if (e.name === 'ThreadControllerImpl::RunTask') t.busy.push(span);
    else if (e.name.startsWith('CommandBufferProxyImpl::WaitFor')) t.waits.push(span);
    else if (e.name === 'GLES2::ReadPixels') t.readback.push(span);
    else if (e.name === 'FireAnimationFrame') t.frames.push(span);
    else if (e.name === 'HandlePostMessage') t.worker.push(span);
    perThread.set(key, t);
  }
  const perS = (us: number) => us / 1000 / seconds;
  const splits = [...perThread.values()].map((t): TraceSplit => {
    const busy = union(t.busy);
    return {
      busyMsPerS: perS(length(busy)),
      gpuWaitMsPerS: perS(overlap(busy, union(t.waits))),
      readbackMsPerS: perS(overlap(busy, union(t.readback))),
      framesMsPerS: perS(length(union(t.frames))),
      workerMsPerS: perS(length(union(t.worker))),
    };
  });
  // The page's renderer is the busiest main thread in the trace.
  const none = { busyMsPerS: Number.NaN, gpuWaitMsPerS: Number.NaN, readbackMsPerS: Number.NaN, framesMsPerS: Number.NaN, workerMsPerS: Number.NaN };
  return splits.sort((a, b) => b.busyMsPerS - a.busyMsPerS)[0] ?? none;
}

export interface PhaseResult {
  name: string;
  what: string;
  seconds: number;
  /** Main-thread busy ms in each second (TaskDuration delta). */
  busy: number[];
  scriptMsPerS: number;
  styleLayoutMsPerS: number;
  batchesPerS: number;
  fixesPerS: number;
  rendersPerS: number;
  longTasks: number;
  longTaskMs: number;
  trace: TraceSplit;
}

/**
 * One phase: `seconds` of CDP TaskDuration samples, then a TRACE_S trace. Starts SETTLE_MS after the switch and,
 * unless the camera is being moved (`moving`), after the map's next `idle` (at most 3 s).
 */
export async function measure(
  browser: Browser,
  page: Page,
  cdp: CDPSession,
  phase: { name: string; what: string; seconds: number; moving?: boolean },
): Promise<PhaseResult> {
  const { name, what, seconds } = phase;
  await sleep(SETTLE_MS);
  if (!phase.moving) await mapIdle(page, 3_000);
  const c0 = await counters(page);
  const m0 = await metrics(cdp);
  const t0 = performance.now();
  const busy: number[] = [];
  let prev = m0;
  for (let s = 1; s <= seconds; s++) {
    await sleep(Math.max(0, t0 + s * 1000 - performance.now()));
    const m = await metrics(cdp);
    busy.push(((m.TaskDuration ?? 0) - (prev.TaskDuration ?? 0)) * 1000);
    prev = m;
  }
  const wallS = (performance.now() - t0) / 1000;
  const c1 = await counters(page);
  await browser.startTracing(page, { categories: TRACE_CATEGORIES, screenshots: false });
  await sleep(TRACE_S * 1000);
  const raw = await browser.stopTracing();
  if (process.env.MAP_BENCH_TRACE_DIR) writeFileSync(`${process.env.MAP_BENCH_TRACE_DIR}/${name.replace(/\W+/g, '-')}.json`, raw);
  const trace = splitTrace(raw);
  const delta = (key: string) => ((prev[key] ?? 0) - (m0[key] ?? 0)) * 1000;
  const result: PhaseResult = {
    name,
    what,
    seconds: wallS,
    busy,
    scriptMsPerS: delta('ScriptDuration') / wallS,
    styleLayoutMsPerS: (delta('RecalcStyleDuration') + delta('LayoutDuration')) / wallS,
    batchesPerS: (c1.batches - c0.batches) / wallS,
    fixesPerS: (c1.fixes - c0.fixes) / wallS,
    rendersPerS: (c1.renders - c0.renders) / wallS,
    longTasks: c1.longTasks - c0.longTasks,
    longTaskMs: c1.longTaskMs - c0.longTaskMs,
    trace,
  };
  const s = summarize(busy);
  say(
    `map ${name}: main thread ${ms(s.mean)} ms/s (p50 ${ms(s.p50)}, max ${ms(s.max)}), ${result.rendersPerS.toFixed(1)} renders/s, ${result.longTasks} long tasks; ` +
      `traced: ${ms(trace.busyMsPerS)} ms/s busy, ${ms(trace.gpuWaitMsPerS)} ms/s waiting on the GPU process (readback ${ms(trace.readbackMsPerS)})`,
  );
  return result;
}
