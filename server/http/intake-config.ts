import type { Config } from '../config';

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
