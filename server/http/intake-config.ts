import { z } from 'zod';
import { ConfigError } from '../config';
import { DEFAULT_DUPLICATE_PERIOD_DAYS, DEFAULT_DUPLICATE_RADIUS_METERS } from '../domain/duplicates';

/**
 * Intake settings from the environment, read once when the routes are registered:
 * - MELDKAMER_DUPLICATE_RADIUS_M: duplicate search radius in metres (default 50)
 * - MELDKAMER_DUPLICATE_WEEKS: duplicate search period in weeks (default 12)
 * - MELDKAMER_WEBHOOK_KEY: shared secret of the social-media webhook (at least 16 characters);
 *   unset: the webhook answers 503.
 */
const IntakeEnv = z.object({
  MELDKAMER_DUPLICATE_RADIUS_M: z.coerce.number().positive().max(5000).default(DEFAULT_DUPLICATE_RADIUS_METERS),
  MELDKAMER_DUPLICATE_WEEKS: z.coerce.number().positive().max(104).default(DEFAULT_DUPLICATE_PERIOD_DAYS / 7),
  MELDKAMER_WEBHOOK_KEY: z.string().min(16, 'must be at least 16 characters').max(512).optional(),
});

export interface IntakeConfig {
  duplicateRadiusMeters: number;
  duplicatePeriodDays: number;
  webhookKey: string | null;
}

export function intakeConfigFromEnv(env: NodeJS.ProcessEnv = process.env): IntakeConfig {
  const values = Object.fromEntries(Object.keys(IntakeEnv.shape).flatMap((key) => (env[key] ? [[key, env[key]]] : [])));
  const parsed = IntakeEnv.safeParse(values);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${String(i.path[0] ?? '?')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  return {
    duplicateRadiusMeters: parsed.data.MELDKAMER_DUPLICATE_RADIUS_M,
    duplicatePeriodDays: parsed.data.MELDKAMER_DUPLICATE_WEEKS * 7,
    webhookKey: parsed.data.MELDKAMER_WEBHOOK_KEY ?? null,
  };
}
