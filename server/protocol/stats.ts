import { z } from 'zod';
import { IsoDateTime } from './common';

/** The shift lead's KPIs against targets (issue 14 point 2): GET /api/stats (domain/kpi.ts has the definitions). */

export const StatsGrouping = z.enum(['category', 'neighbourhood', 'team']);
export type StatsGrouping = z.infer<typeof StatsGrouping>;

export const StatsFormat = z.enum(['json', 'csv', 'xlsx']);

/** At most a year and a day: a month with 12 trend periods before it reads 13 months. */
export const MAX_STATS_SPAN_MS = 366 * 86_400_000;

export const StatsQuery = z
  .object({
    from: IsoDateTime,
    to: IsoDateTime,
    by: StatsGrouping.optional(),
    /** The periods of the same length before this one, for the trend lines (totals only); 0: none. */
    trend: z.coerce.number().int().min(0).max(12).default(0),
    format: StatsFormat.default('json'),
    /** The language of an export's headers and totals: the console's. */
    lang: z.enum(['nl', 'en']).default('nl'),
  })
  .strict()
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), { message: 'from moet vóór to liggen', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= MAX_STATS_SPAN_MS, { message: 'hoogstens 366 dagen', path: ['to'] });
export type StatsQuery = z.output<typeof StatsQuery>;

const Share = z.number().min(0).max(1).nullable();

export const IntervalFigure = z.object({
  count: z.number().int().min(0),
  medianMs: z.number().min(0).nullable(),
  p90Ms: z.number().min(0).nullable(),
});

export const KpiRow = z.object({
  received: z.number().int().min(0),
  queue: IntervalFigure,
  dispatch: IntervalFigure,
  travel: IntervalFigure,
  onScene: IntervalFigure,
  close: IntervalFigure,
  closed: z.number().int().min(0),
  withTerm: z.number().int().min(0),
  withinTerm: z.number().int().min(0),
  withinTermShare: Share,
  followUpsDue: z.number().int().min(0),
  followUpsDone: z.number().int().min(0),
  followUpsDoneShare: Share,
  asked: z.number().int().min(0),
  answered: z.number().int().min(0),
  satisfied: z.number().int().min(0),
  satisfiedShare: Share,
  responseRate: Share,
  reopenRequests: z.number().int().min(0),
  reopenRate: z.number().min(0).nullable(),
  closedWithMessage: z.number().int().min(0),
  edited: z.number().int().min(0),
  editedShare: Share,
  deliveriesFailed: z.number().int().min(0),
});
export type KpiRow = z.infer<typeof KpiRow>;

export const StatsAnswer = z.object({
  from: IsoDateTime,
  to: IsoDateTime,
  by: StatsGrouping.nullable(),
  timeZone: z.string(),
  targets: z.object({ withinTerm: z.number().min(0).max(1), satisfied: z.number().min(0).max(1) }),
  total: KpiRow,
  /** Per category code, neighbourhood id or unit kind; `none` for facts without one (no neighbourhood, no unit yet). */
  groups: z.array(z.object({ key: z.string(), label: z.string(), kpis: KpiRow })),
  /** The `trend` periods before this one, oldest first, with their totals. */
  trend: z.array(z.object({ from: IsoDateTime, to: IsoDateTime, kpis: KpiRow })),
});
export type StatsAnswer = z.infer<typeof StatsAnswer>;
