import { z } from 'zod';
import { RETENTION_DEFAULTS, type RetentionSettings } from '../domain/retention';

const days = (fallback: number) => z.coerce.number().int().min(0).max(36_500).default(fallback);

/** The `retention` section of the configuration (README, "Retention"); every key has a default. */
export const RetentionConfigSchema = z.object({
  /** Minutes between runs of the job (on one hub node at a time); 0 = the hub never runs it by itself. */
  intervalMinutes: z.coerce.number().int().min(0).max(7 * 24 * 60).default(RETENTION_DEFAULTS.intervalMinutes),
  batchSize: z.coerce.number().int().min(1).max(10_000).default(RETENTION_DEFAULTS.batchSize),
  contactDays: days(RETENTION_DEFAULTS.contactDays),
  messageDays: days(RETENTION_DEFAULTS.messageDays),
  commentDays: days(RETENTION_DEFAULTS.commentDays),
  photoDays: days(RETENTION_DEFAULTS.photoDays),
  positionDays: days(RETENTION_DEFAULTS.positionDays),
  sessionDays: days(RETENTION_DEFAULTS.sessionDays),
  commandLogDays: days(RETENTION_DEFAULTS.commandLogDays),
  reportYears: z.coerce.number().int().min(1).max(100).default(RETENTION_DEFAULTS.reportYears),
}) satisfies z.ZodType<RetentionSettings, unknown>;
export type RetentionConfig = z.infer<typeof RetentionConfigSchema>;

/** Environment variable → key of the retention section. */
export const RETENTION_ENV_KEYS = {
  MELDKAMER_RETENTION_INTERVAL_MINUTES: 'intervalMinutes',
  MELDKAMER_RETENTION_BATCH_SIZE: 'batchSize',
  MELDKAMER_RETENTION_CONTACT_DAYS: 'contactDays',
  MELDKAMER_RETENTION_MESSAGE_DAYS: 'messageDays',
  MELDKAMER_RETENTION_COMMENT_DAYS: 'commentDays',
  MELDKAMER_RETENTION_PHOTO_DAYS: 'photoDays',
  MELDKAMER_RETENTION_POSITION_DAYS: 'positionDays',
  MELDKAMER_RETENTION_SESSION_DAYS: 'sessionDays',
  MELDKAMER_RETENTION_COMMAND_LOG_DAYS: 'commandLogDays',
  MELDKAMER_RETENTION_REPORT_YEARS: 'reportYears',
} as const satisfies Record<string, keyof RetentionConfig>;

/**
 * The retention section from the file's `retention` object with the environment's variables over it
 * (the environment wins per key). Throws an Error naming the offending variable or file key.
 */
export function retentionConfigFrom(fileSection: unknown, env: Record<string, string | undefined>): RetentionConfig {
  if (fileSection !== undefined && (typeof fileSection !== 'object' || fileSection === null || Array.isArray(fileSection))) {
    throw new Error('Invalid retention configuration: retention must be an object');
  }
  const raw: Record<string, unknown> = { ...(fileSection as Record<string, unknown> | undefined) };
  const fromEnv = new Map<string, string>();
  for (const [name, key] of Object.entries(RETENTION_ENV_KEYS)) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    raw[key] = value;
    fromEnv.set(key, name);
  }
  const parsed = RetentionConfigSchema.strict().safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const key = String(i.path[0] ?? (i.code === 'unrecognized_keys' ? i.keys.join(', ') : '?'));
      return `${fromEnv.get(key) ?? `retention.${key}`}: ${i.message}`;
    });
    throw new Error(`Invalid retention configuration: ${problems.join('; ')}`);
  }
  return parsed.data;
}
