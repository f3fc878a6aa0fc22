import { z } from 'zod';

/**
 * Monitoring (README "Operating Meldkamer"), as keys of server/config.ts: the bearer token a Prometheus scrape job sends
 * to `GET /metrics` (unset: the endpoint answers 404), and how often the hub writes its open queue to a printable file
 * for when it is down (the paper fallback; 0 = never; default folder `paper` in the data directory).
 */
export const OPERATIONS_CONFIG_SHAPE = {
  metricsToken: z.string().min(32, 'must be at least 32 characters').max(512).optional(),
  paperFallbackMinutes: z.coerce.number().int().min(0).max(24 * 60).default(5),
  paperFallbackDir: z.string().trim().min(1).optional(),
};

export const OPERATIONS_ENV_KEYS = {
  MELDKAMER_METRICS_TOKEN: 'metricsToken',
  MELDKAMER_PAPER_FALLBACK_MINUTES: 'paperFallbackMinutes',
  MELDKAMER_PAPER_FALLBACK_DIR: 'paperFallbackDir',
} as const;
