import { z } from 'zod';

/**
 * Auto-dispatch settings (domain/auto-dispatch.ts), in the config file (MELDKAMER_CONFIG) as `autoDispatch`:
 * per category code, or '*' for every category without its own entry, the minutes without any desk console
 * (`noDeskMinutes`) and/or the minutes a report may wait unassigned (`waitMinutes`) before the hub offers it
 * to the units its run card recommends. Env MELDKAMER_AUTO_DISPATCH takes the same JSON. Default: off.
 */
export const AutoDispatchConfigSchema = z
  .union([z.string().transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be JSON, e.g. {"overlast":{"noDeskMinutes":10}}' });
      return z.NEVER;
    }
  }), z.unknown()])
  .pipe(
    z.record(
      z.string().min(1).max(60),
      z.object({
        noDeskMinutes: z.number().positive().max(24 * 60).optional(),
        waitMinutes: z.number().positive().max(7 * 24 * 60).optional(),
      }).strict(),
    ),
  )
  .default({});
