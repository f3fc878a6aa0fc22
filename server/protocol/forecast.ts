import { z } from 'zod';
import { IsoDateTime } from './common';

/**
 * Hotspot forecast (voorspelling, issue 14 point 7; domain/forecast.ts): expected reports and signals per H3 cell
 * (resolution 8), local weekday × hour, for the coming week, with the model's back-test error per cell and overall.
 */

const PerKind = <T extends z.ZodType>(t: T) => z.object({ report: t, signal: t });

export const BackTestScore = z.object({
  /** Mean absolute error per hour slot (counts per hour) of the model. */
  mae: z.number(),
  /** The same for the naive forecast "the same as the week before". */
  naiveMae: z.number(),
  weeksTested: z.number().int().min(0),
});

export const ForecastCell = z.object({
  cell: z.string(),
  /** The cell's centre and outline (closed ring of [lng, lat]). */
  lat: z.number(),
  lng: z.number(),
  boundary: z.array(z.tuple([z.number(), z.number()])),
  /** Expected count per slot (168: Monday 00–01 first, local time), per kind. */
  expected: PerKind(z.array(z.number())),
  weekTotal: PerKind(z.number()),
  /** Counted in the history weeks. */
  history: PerKind(z.number().int()),
  backTest: PerKind(BackTestScore),
});
export type ForecastCell = z.infer<typeof ForecastCell>;

export const ForecastQuery = z.object({
  /** Most cells returned, busiest first (by expected reports). */
  limit: z.coerce.number().int().min(1).max(2000).default(300),
});

export const ForecastAnswer = z.object({
  generatedAt: IsoDateTime,
  /** The history used: `weeks` weeks ending at `until`. */
  weeks: z.number().int(),
  from: IsoDateTime,
  until: IsoDateTime,
  timeZone: z.string(),
  /** The model in words and its parameters (README "Voorspelling"). */
  model: z.object({ name: z.string(), shrinkageWeeks: z.number(), minTrainWeeks: z.number().int() }),
  backTest: PerKind(BackTestScore),
  /** Cells in the whole history (the list may hold fewer: `limit`). */
  cellCount: z.number().int(),
  cells: z.array(ForecastCell),
});
export type ForecastAnswer = z.infer<typeof ForecastAnswer>;
