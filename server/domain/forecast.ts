import { offsetAt } from './zoned-time';

/**
 * Hotspot forecast (voorspelling): the expected number of reports and of signals per H3 cell, weekday and hour for
 * the coming week, from the last `weeks` weeks. Pure: the store hands in (cell, kind, instant) points.
 *
 * Model: a seasonal baseline with shrinkage (empirical Bayes).
 * - A slot is a local weekday × hour (168 per week, in the control room's time zone; Monday 00–01 is slot 0).
 * - A history week counts back from `now`: week w holds (now − (w+1)·7 d, now − w·7 d]; we keep them oldest first.
 * - For cell c and slot s, with n training weeks, x = the cell's count in slot s summed over those weeks, T = the
 *   cell's count over all slots and weeks, and p(s) = the whole city's share of slot s (its weekly shape):
 *       expected(c, s) = (x + α · (T / n) · p(s)) / (n + α)
 *   i.e. the cell's own weekday×hour mean, pulled towards "its weekly volume spread like the city's week" with the
 *   weight of α pseudo-weeks (α = 4). A busy cell keeps its own shape; a sparse cell (a few reports in 12 weeks)
 *   gets the city's shape instead of zeros and spikes. With a city of no counts the shape is flat (1/168).
 * - Back-test: for k = minTrain … n−1 train on weeks 0 … k−1 and predict week k; the error of a cell is the mean
 *   absolute error over the 168 slots of the tested weeks (MAE, reports per hour), the overall error the mean over
 *   every cell and slot. It is compared with the naive forecast "the same as the week before".
 */

export const SLOTS_PER_WEEK = 168;
export const WEEK_MS = 7 * 86_400_000;
const HOUR_MS = 3_600_000;
/** Pseudo-weeks of the city's shape in each cell's forecast (see the header). */
export const SHRINKAGE_WEEKS = 4;
/** The back-test starts once this many weeks can be trained on. */
export const MIN_TRAIN_WEEKS = 4;

export type ForecastKind = 'report' | 'signal';
export const FORECAST_KINDS: readonly ForecastKind[] = ['report', 'signal'];

export interface ForecastPoint {
  cell: string;
  kind: ForecastKind;
  /** ISO instant the report was made or the signal observed. */
  at: string;
}

/** Counts per cell: one array per kind of `weeks × 168` counts, week 0 the oldest. */
export interface History {
  weeks: number;
  cells: Map<string, Record<ForecastKind, Int32Array>>;
}

/** The local weekday × hour slot of an instant (Monday 00:00–00:59 is 0, Sunday 23:00–23:59 is 167). */
export function slotOf(instant: number, timeZone: string, offsets?: Map<number, number>): number {
  const hourKey = Math.floor(instant / HOUR_MS);
  let offset = offsets?.get(hourKey);
  if (offset === undefined) {
    offset = offsetAt(instant, timeZone);
    offsets?.set(hourKey, offset);
  }
  const local = new Date(instant + offset);
  const weekday = (local.getUTCDay() + 6) % 7;
  return weekday * 24 + local.getUTCHours();
}

/** Buckets points into `weeks` weeks back from `now` (points outside them are left out). */
export function bucketHistory(points: Iterable<ForecastPoint>, now: Date, weeks: number, timeZone: string): History {
  const cells = new Map<string, Record<ForecastKind, Int32Array>>();
  const end = now.getTime();
  const offsets = new Map<number, number>();
  for (const point of points) {
    const t = Date.parse(point.at);
    if (!(t <= end) || t <= end - weeks * WEEK_MS) continue;
    const back = Math.floor((end - t) / WEEK_MS);
    const week = weeks - 1 - back;
    let counts = cells.get(point.cell);
    if (!counts) {
      counts = { report: new Int32Array(weeks * SLOTS_PER_WEEK), signal: new Int32Array(weeks * SLOTS_PER_WEEK) };
      cells.set(point.cell, counts);
    }
    const i = week * SLOTS_PER_WEEK + slotOf(t, timeZone, offsets);
    counts[point.kind][i] = (counts[point.kind][i] ?? 0) + 1;
  }
  return { weeks, cells };
}

/** The city's share per slot over weeks [from, to) of one kind; flat when there are no counts. */
export function cityShape(history: History, kind: ForecastKind, from: number, to: number): Float64Array {
  const shape = new Float64Array(SLOTS_PER_WEEK);
  let total = 0;
  for (const counts of history.cells.values()) {
    const c = counts[kind];
    for (let w = from; w < to; w++) {
      for (let s = 0; s < SLOTS_PER_WEEK; s++) {
        const n = c[w * SLOTS_PER_WEEK + s] ?? 0;
        shape[s] = (shape[s] ?? 0) + n;
        total += n;
      }
    }
  }
  for (let s = 0; s < SLOTS_PER_WEEK; s++) shape[s] = total > 0 ? (shape[s] ?? 0) / total : 1 / SLOTS_PER_WEEK;
  return shape;
}

/** The model of the header for one cell's counts, trained on weeks [from, to). */
export function expectedPerSlot(counts: Int32Array, shape: Float64Array, from: number, to: number, alpha = SHRINKAGE_WEEKS): Float64Array {
  const n = to - from;
  const sums = new Float64Array(SLOTS_PER_WEEK);
  let total = 0;
  for (let w = from; w < to; w++) {
    for (let s = 0; s < SLOTS_PER_WEEK; s++) {
      const x = counts[w * SLOTS_PER_WEEK + s] ?? 0;
      sums[s] = (sums[s] ?? 0) + x;
      total += x;
    }
  }
  const out = new Float64Array(SLOTS_PER_WEEK);
  if (n <= 0) return out;
  const weekly = total / n;
  for (let s = 0; s < SLOTS_PER_WEEK; s++) out[s] = ((sums[s] ?? 0) + alpha * weekly * (shape[s] ?? 0)) / (n + alpha);
  return out;
}

export interface BackTestScore {
  /** Mean absolute error per hour slot of the model. */
  mae: number;
  /** The same for "the same as the week before". */
  naiveMae: number;
  /** How many weeks were predicted. */
  weeksTested: number;
}

export interface CellForecast {
  cell: string;
  /** Expected counts per slot for the coming week, per kind. */
  expected: Record<ForecastKind, number[]>;
  /** Sum of the week, per kind. */
  weekTotal: Record<ForecastKind, number>;
  /** Reports and signals counted in the history weeks. */
  history: Record<ForecastKind, number>;
  backTest: Record<ForecastKind, BackTestScore>;
}

export interface Forecast {
  weeks: number;
  cells: CellForecast[];
  backTest: Record<ForecastKind, BackTestScore>;
}

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Back-test of one cell and kind (the header): sum of absolute errors over the tested slots, model and naive. */
function backTestCell(counts: Int32Array, shapes: Float64Array[], weeks: number, minTrain: number): { abs: number; naiveAbs: number; slots: number } {
  let abs = 0;
  let naiveAbs = 0;
  let slots = 0;
  for (let k = minTrain; k < weeks; k++) {
    const predicted = expectedPerSlot(counts, shapes[k] as Float64Array, 0, k);
    for (let s = 0; s < SLOTS_PER_WEEK; s++) {
      const actual = counts[k * SLOTS_PER_WEEK + s] ?? 0;
      abs += Math.abs((predicted[s] ?? 0) - actual);
      naiveAbs += Math.abs((counts[(k - 1) * SLOTS_PER_WEEK + s] ?? 0) - actual);
      slots += 1;
    }
  }
  return { abs, naiveAbs, slots };
}

/** The forecast of every cell for the coming week, with its back-test; cells by expected reports, most first. */
export function forecast(history: History, minTrain = MIN_TRAIN_WEEKS): Forecast {
  const { weeks } = history;
  const shapes = {} as Record<ForecastKind, Float64Array>;
  const trainShapes = {} as Record<ForecastKind, Float64Array[]>;
  const overall = {} as Record<ForecastKind, { abs: number; naiveAbs: number; slots: number }>;
  for (const kind of FORECAST_KINDS) {
    shapes[kind] = cityShape(history, kind, 0, weeks);
    trainShapes[kind] = Array.from({ length: weeks }, (_, k) => (k >= minTrain ? cityShape(history, kind, 0, k) : new Float64Array(0)));
    overall[kind] = { abs: 0, naiveAbs: 0, slots: 0 };
  }
  const cells: CellForecast[] = [];
  for (const [cell, counts] of history.cells) {
    const result = { cell, expected: {}, weekTotal: {}, history: {}, backTest: {} } as CellForecast;
    for (const kind of FORECAST_KINDS) {
      const expected = expectedPerSlot(counts[kind], shapes[kind], 0, weeks);
      result.expected[kind] = Array.from(expected, (x) => round(x));
      result.weekTotal[kind] = round(expected.reduce((a, b) => a + b, 0), 2);
      result.history[kind] = counts[kind].reduce((a, b) => a + b, 0);
      const test = backTestCell(counts[kind], trainShapes[kind], weeks, minTrain);
      const into = overall[kind];
      into.abs += test.abs;
      into.naiveAbs += test.naiveAbs;
      into.slots += test.slots;
      result.backTest[kind] = scoreOf(test, weeks, minTrain);
    }
    cells.push(result);
  }
  cells.sort((a, b) => b.weekTotal.report - a.weekTotal.report || b.weekTotal.signal - a.weekTotal.signal || a.cell.localeCompare(b.cell));
  const backTest = {} as Record<ForecastKind, BackTestScore>;
  for (const kind of FORECAST_KINDS) backTest[kind] = scoreOf(overall[kind], weeks, minTrain);
  return { weeks, cells, backTest };
}

function scoreOf(test: { abs: number; naiveAbs: number; slots: number }, weeks: number, minTrain: number): BackTestScore {
  const weeksTested = Math.max(0, weeks - minTrain);
  if (test.slots === 0) return { mae: 0, naiveMae: 0, weeksTested };
  return { mae: round(test.abs / test.slots, 4), naiveMae: round(test.naiveAbs / test.slots, 4), weeksTested };
}
