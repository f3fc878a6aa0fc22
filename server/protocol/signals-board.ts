import { z } from 'zod';
import { IsoDateTime } from './common';

/** The signals dashboard (server/domain/signal-trends.ts has the rules): reports and signals per neighbourhood and week. */

export const SignalsBoardQuery = z.object({ weeks: z.coerce.number().int().min(5).max(26).default(8) });

const Series = z.array(z.number().int());

export const SignalsBoardRow = z.object({
  id: z.string(),
  name: z.string(),
  /** The neighbourhood's largest outer ring (closed, [lng, lat]): a focus area made from the row starts with it. */
  boundary: z.array(z.tuple([z.number(), z.number()])),
  /** Per week, oldest first (the last is the latest 7 days). */
  reports: Series,
  survey: Series,
  social: Series,
  /** The mean of the weeks the rule compares with (reports; survey and social together). */
  reportsBaseline: z.number(),
  signalsBaseline: z.number(),
  reportsRising: z.boolean(),
  signalsRising: z.boolean(),
  rising: z.boolean(),
  /** Focus areas in this neighbourhood running in the latest week or later. */
  focusAreas: z.array(z.object({ id: z.string(), name: z.string(), startsAt: IsoDateTime, endsAt: IsoDateTime, publicText: z.string().nullable() })),
});
export type SignalsBoardRow = z.infer<typeof SignalsBoardRow>;

export const SignalsBoard = z.discriminatedUnion('configured', [
  z.object({
    configured: z.literal(true),
    weeks: z.array(z.object({ from: IsoDateTime, until: IsoDateTime })),
    rule: z.object({ factor: z.number(), baseWeeks: z.number().int(), minimum: z.number().int() }),
    rows: z.array(SignalsBoardRow),
    outside: z.object({ reports: Series, survey: Series, social: Series }),
  }),
  // Without neighbourhood boundaries (MELDKAMER_NEIGHBOURHOODS_FILE) there is nothing to put in rows.
  z.object({ configured: z.literal(false) }),
]);
export type SignalsBoard = z.infer<typeof SignalsBoard>;
