import { type Config, loadConfig } from '../config';

/** Intake settings, from the hub's configuration (server/config.ts: environment or MELDKAMER_CONFIG file). */
export interface IntakeConfig {
  duplicateRadiusMeters: number;
  duplicatePeriodDays: number;
  webhookKey: string | null;
}

export function intakeConfigOf(config: Pick<Config, 'duplicateRadiusMeters' | 'duplicateWeeks' | 'webhookKey'>): IntakeConfig {
  return {
    duplicateRadiusMeters: config.duplicateRadiusMeters,
    duplicatePeriodDays: config.duplicateWeeks * 7,
    webhookKey: config.webhookKey ?? null,
  };
}

/** The intake settings `loadConfig(env)` gives (environment, then the MELDKAMER_CONFIG file). */
export function intakeConfigFromEnv(env: NodeJS.ProcessEnv = process.env): IntakeConfig {
  return intakeConfigOf(loadConfig(env));
}
