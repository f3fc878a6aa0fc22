import { z } from 'zod';

/**
 * The scheduled backup of the embedded store (README "Operating Meldkamer"), as keys of server/config.ts: every
 * `backupIntervalMinutes` (0 = never) a consistent copy goes into `backupDir` (default: `backups` in the data directory;
 * put it on another disk), and the newest `backupKeep` copies are kept. PostgreSQL is backed up with its own tools.
 */
export const BACKUP_CONFIG_SHAPE = {
  backupDir: z.string().trim().min(1).optional(),
  backupIntervalMinutes: z.coerce.number().int().min(0).max(7 * 24 * 60).default(60),
  backupKeep: z.coerce.number().int().min(1).max(1000).default(12),
};

export const BACKUP_ENV_KEYS = {
  MELDKAMER_BACKUP_DIR: 'backupDir',
  MELDKAMER_BACKUP_INTERVAL_MINUTES: 'backupIntervalMinutes',
  MELDKAMER_BACKUP_KEEP: 'backupKeep',
} as const;
