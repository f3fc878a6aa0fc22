import { z } from 'zod';
import { DEFAULT_READABILITY_FLOOR } from '../domain/readability';

/**
 * The plain-language floor (README "Leesbaarheid (B1) in het voorbeeld"), as a key of server/config.ts: a citizen
 * message whose readability score (domain/readability.ts) is below it is sent only with an explicit confirmation
 * (`confirmLowReadability: true`; the console asks). 0 switches the confirmation off.
 */
export const READABILITY_CONFIG_SHAPE = {
  readabilityFloor: z.coerce.number().min(0).max(100).default(DEFAULT_READABILITY_FLOOR),
};

export const READABILITY_ENV_KEYS = {
  MELDKAMER_READABILITY_FLOOR: 'readabilityFloor',
} as const;
